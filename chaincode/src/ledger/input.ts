import { argsSchema, type CallName, type ParsedArgsOf } from '@citytrust/domain';
import type { z } from 'zod';
import { ChaincodeError } from './errors';

/** Longest JSON argument accepted; a batch of 100,000 documents is anchored by its root. */
const MAX_REQUEST_BYTES = 64 * 1024;

/** Parses a transaction's JSON argument against its schema; anything else is INVALID_ARGUMENT. */
export function parseRequest<Schema extends z.ZodType>(
  schema: Schema,
  request: string,
): z.output<Schema> {
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
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'request';
    throw new ChaincodeError('INVALID_ARGUMENT', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Parses the JSON argument of call `name` against the catalogue's schema for it. */
export function parseArgs<Name extends CallName>(name: Name, request: string): ParsedArgsOf<Name> {
  return parseRequest(argsSchema(name), request);
}
