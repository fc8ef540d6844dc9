/**
 * The hub's domain without I/O, imported by the chaincode, the gateway, the ledger backends and
 * the sdk: the words (roles, statuses, operations, categories, error codes, identifier
 * patterns), canonical hashing and Merkle proofs, ledger time, and the pure rules.
 */
export * from './vocabulary/roles';
export * from './vocabulary/certificates';
export * from './vocabulary/credit';
export * from './vocabulary/authorizations';
export * from './vocabulary/errors';
export * from './vocabulary/patterns';
export * from './vocabulary/ledgers';
export * from './vocabulary/events';
export * from './hashing/canonical';
export * from './hashing/merkle';
export * from './time/ledger-time';
export * from './rules/certificate-validity';
export * from './rules/credit-report';
export * from './rules/access-decision';
export * from './rules/trail-audit';
export * from './records/registry';
export * from './records/certificates';
export * from './records/credit';
export * from './records/authorizations';
export * from './calls/call';
export * as callInputs from './calls/inputs';
export * from './calls/registry-calls';
export * from './calls/certificate-calls';
export * from './calls/credit-calls';
export * from './calls/authorization-calls';
export * from './calls/catalogue';
