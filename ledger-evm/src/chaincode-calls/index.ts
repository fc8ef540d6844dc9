import { authorizationCalls, authorizationErrorCodes } from './authorization-calls';
import { certificateCalls, certificateErrorCodes } from './certificate-calls';
import { creditCalls, creditErrorCodes } from './credit-calls';
import { registryCalls, registryErrorCodes } from './registry-calls';
import type { CallName } from '@citytrust/domain';
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

/**
 * Every function of the domain's call catalogue, on the contracts: a catalogue entry without a
 * handler here does not compile.
 */
export const CHAINCODE_CALLS: { readonly [Name in CallName]: ChaincodeCall } = {
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
