import type { Context } from 'fabric-contract-api';
import { z } from 'zod';
import { canonicalHash, sha256Hex } from '@citytrust/domain';
import { canonicalBytes } from '../ledger/canonical';
import { ChaincodeError } from '../ledger/errors';
import { key } from '../ledger/state';

/** The private data collection that holds personal data; only its hashes reach blocks. */
export const PERSONAL_COLLECTION = 'personal';

/** Transient field carrying a citizen subject's personal data into the private collection. */
export const PERSONAL_TRANSIENT_KEY = 'personal';

const personalData = z
  .object({
    pseudonym: z.string().min(1).max(256),
    salt: z.string().regex(/^[0-9a-f]{32,128}$/, 'must be 16-64 random bytes in hex'),
    attributes: z
      .record(z.string().max(64), z.string().max(1024))
      .refine((attributes) => Object.keys(attributes).length <= 32, 'at most 32 attributes')
      .optional(),
  })
  .strict();

export type PersonalData = z.infer<typeof personalData>;

/** A citizen's reference: SHA-256 over the canonical `{"pseudonym":…,"salt":…}`. */
export function subjectRef(pseudonym: string, salt: string): string {
  return canonicalHash({ pseudonym, salt });
}

/** Each data holder keeps its own copy, so one holder can neither overwrite nor forget another's. */
const personalKey = (ctx: Context, holder: string, ref: string): string =>
  key(ctx, 'subject', holder, ref);

const MAX_PERSONAL_BYTES = 64 * 1024;

/**
 * Stores the transient personal data of `ref` in the private collection, after checking it is
 * the data `ref` was derived from. Nothing of it enters world state or the block.
 */
export async function storePersonalData(
  ctx: Context,
  holder: string,
  ref: string,
): Promise<boolean> {
  const bytes = ctx.stub.getTransient().get(PERSONAL_TRANSIENT_KEY);
  if (!bytes) return false;
  if (bytes.length > MAX_PERSONAL_BYTES)
    throw new ChaincodeError(
      'INVALID_ARGUMENT',
      `transient personal data exceeds ${MAX_PERSONAL_BYTES} bytes`,
    );
  let parsed: ReturnType<typeof personalData.safeParse>;
  try {
    parsed = personalData.safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')));
  } catch {
    throw new ChaincodeError('INVALID_ARGUMENT', 'transient personal data is not JSON');
  }
  if (!parsed.success)
    throw new ChaincodeError(
      'INVALID_ARGUMENT',
      `transient personal data: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  if (subjectRef(parsed.data.pseudonym, parsed.data.salt) !== ref)
    throw new ChaincodeError(
      'INVALID_ARGUMENT',
      'transient personal data does not match the subject reference',
    );
  await ctx.stub.putPrivateData(
    PERSONAL_COLLECTION,
    personalKey(ctx, holder, ref),
    canonicalBytes(parsed.data),
  );
  return true;
}

/** Purges the personal data of `ref`; returns the hashes of what was purged, or none. */
export async function purgePersonalData(
  ctx: Context,
  holder: string,
  ref: string,
): Promise<{ keyHash: string; valueHash: string } | undefined> {
  const stateKey = personalKey(ctx, holder, ref);
  const valueHash = Buffer.from(await ctx.stub.getPrivateDataHash(PERSONAL_COLLECTION, stateKey));
  if (valueHash.length === 0) return undefined;
  await ctx.stub.purgePrivateData(PERSONAL_COLLECTION, stateKey);
  return { keyHash: sha256Hex(stateKey), valueHash: valueHash.toString('hex') };
}
