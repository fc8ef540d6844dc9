import { AuthorizationContract } from './authorizations/authorization-contract';
import { CertificateContract } from './certificates/certificate-contract';
import { CreditContract } from './credit/credit-contract';
import { RegistryContract } from './registry/registry-contract';

export { AuthorizationContract, CertificateContract, CreditContract, RegistryContract };
export {
  PERSONAL_COLLECTION,
  PERSONAL_TRANSIENT_KEY,
  subjectRef,
} from './authorizations/personal-data';
export { ChaincodeError } from './ledger/errors';
export { auditTrail, eventHash } from './authorizations/trail-audit';

/** What `fabric-chaincode-node start|server` loads: every contract of this chaincode. */
export const contracts = [
  RegistryContract,
  CertificateContract,
  CreditContract,
  AuthorizationContract,
];
