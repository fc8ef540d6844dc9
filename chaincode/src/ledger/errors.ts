/**
 * Why a transaction was refused. The code leads the message (`CODE: detail`) because the
 * message is all a Fabric client receives of a chaincode error; clients map it to their errors.
 */
export type ErrorCode =
  'INVALID_ARGUMENT' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INVALID_STATE' | 'NEGATIVE_LIST';

export const ERROR_CODES: readonly ErrorCode[] = [
  'INVALID_ARGUMENT',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  'NEGATIVE_LIST',
];

export class ChaincodeError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'ChaincodeError';
    this.code = code;
  }
}

/** Reads the code back from a chaincode error message, wherever the client wrapped it. */
export function errorCodeOf(message: string): ErrorCode | undefined {
  const match =
    /\b(INVALID_ARGUMENT|FORBIDDEN|NOT_FOUND|CONFLICT|INVALID_STATE|NEGATIVE_LIST): /.exec(message);
  return match ? (match[1] as ErrorCode) : undefined;
}
