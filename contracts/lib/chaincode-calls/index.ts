import { authorizationCalls, authorizationErrorCodes } from './authorization-calls';
import { certificateCalls, certificateErrorCodes } from './certificate-calls';
import { creditCalls, creditErrorCodes } from './credit-calls';
import { registryCalls, registryErrorCodes } from './registry-calls';
import type { ChaincodeCall } from './call-context';

export {
  type Args,
  type CallContext,
  CallInputError,
  type ChaincodeCall,
  type MemberDocumentHex,
} from './call-context';
export type { HubProvider } from './call-context';
export { strangerAccount } from './call-arguments';
export { hex, iso } from './chaincode-values';
export { codeOf, decodeRevert, hubErrorInterface, revertData } from './revert-reasons';

/** Every family's calls by `contract:function`; a call missing here is reported, not skipped. */
export const CHAINCODE_CALLS: Readonly<Record<string, ChaincodeCall>> = {
  ...registryCalls,
  ...certificateCalls,
  ...authorizationCalls,
  ...creditCalls,
};

/** Custom errors whose chaincode code their name alone does not tell (see `codeOf`). */
export const ERROR_CODES: Readonly<Record<string, string>> = {
  ...registryErrorCodes,
  ...certificateErrorCodes,
  ...authorizationErrorCodes,
  ...creditErrorCodes,
};
