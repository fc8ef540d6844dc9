import type { ErrorCode } from '@citytrust/domain';

/** A refusal: the code leads the message (`CODE: detail`), all a Fabric client receives of it. */
export class ChaincodeError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'ChaincodeError';
    this.code = code;
  }
}
