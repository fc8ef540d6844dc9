// fabric-contract-api logs every decorator at INFO when the chaincode module loads, before any
// logger of ours exists; the hub keeps those to errors unless the operator asks otherwise.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'ERROR';
