import { certificateErrorCodes, certificateSteps } from './certificate-steps';
import { authorizationErrorCodes, authorizationSteps } from './authorization-steps';
import { creditErrorCodes, creditSteps } from './credit-steps';
import { registryErrorCodes, registrySteps } from './registry-steps';
import type { StepHandler } from './steps';

/** Every family's step handlers; a `contract:function` missing here is reported, not skipped. */
export const STEP_HANDLERS: Readonly<Record<string, StepHandler>> = {
  ...registrySteps,
  ...certificateSteps,
  ...authorizationSteps,
  ...creditSteps,
};

/** Custom errors whose chaincode code their name alone does not tell (see `codeOf`). */
export const ERROR_CODES: Readonly<Record<string, string>> = {
  ...registryErrorCodes,
  ...certificateErrorCodes,
  ...authorizationErrorCodes,
  ...creditErrorCodes,
};
