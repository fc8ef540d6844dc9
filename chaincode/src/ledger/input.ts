import { parseCallArgs, type CallName, type ParsedArgsOf } from '@citytrust/domain';
import { ChaincodeError } from './errors';

/** Longest JSON argument accepted; a batch of 100,000 documents is anchored by its root. */
const MAX_REQUEST_BYTES = 64 * 1024;

/** Parses the JSON argument of call `name` against the catalogue; anything else is INVALID_ARGUMENT. */
export function parseArgs<Name extends CallName>(name: Name, request: string): ParsedArgsOf<Name> {
  if (typeof request !== 'string' || Buffer.byteLength(request) > MAX_REQUEST_BYTES)
    throw new ChaincodeError(
      'INVALID_ARGUMENT',
      `request must be JSON of at most ${MAX_REQUEST_BYTES} bytes`,
    );
  let json: unknown;
  try {
    json = JSON.parse(request);
  } catch {
    throw new ChaincodeError('INVALID_ARGUMENT', 'request is not valid JSON');
  }
  const parsed = parseCallArgs(name, json);
  if (!parsed.success) throw new ChaincodeError('INVALID_ARGUMENT', parsed.problem);
  return parsed.args;
}
