/**
 * Why the ledger refused a transaction. The code leads the message (`CODE: detail`) because
 * the message is all a Fabric client receives of a chaincode error.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  'NEGATIVE_LIST',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const CODE_IN_MESSAGE = new RegExp(`\\b(${ERROR_CODES.join('|')}): `);

/** Reads the code back from a refusal's message, wherever a client wrapped it. */
export function errorCodeOf(message: string): ErrorCode | undefined {
  const match = CODE_IN_MESSAGE.exec(message);
  return match ? (match[1] as ErrorCode) : undefined;
}
