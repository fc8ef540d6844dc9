// Contract decorators log at INFO when a contract module loads, before any peer starts.
process.env.CORE_CHAINCODE_LOGGING_LEVEL = process.env.CORE_CHAINCODE_LOGGING_LEVEL || 'ERROR';
