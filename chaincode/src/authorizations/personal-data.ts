import type { Context } from 'fabric-contract-api';
import { z } from 'zod';
import { canonicalBytes, canonicalHash, sha256Hex } from '../ledger/canonical';
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
    attributes: z.record(z.string(), z.string().max(1024)).optional(),
  })
  .strict();

export type PersonalData = z.infer<typeof personalData>;

/** A citizen's reference: SHA-256 over the canonical `{"pseudonym":…,"salt":…}`. */
export function subjectRef(pseudonym: string, salt: string): string {
  return canonicalHash({ pseudonym, salt });
}

const personalKey = (ctx: Context, ref: string): string => key(ctx, 'subject', ref);

/**
 * Stores the transient personal data of `ref` in the private collection, after checking it is
 * the data `ref` was derived from. Nothing of it enters world state or the block.
 */
export async function storePersonalData(ctx: Context, ref: string): Promise<boolean> {
  const bytes = ctx.stub.getTransient().get(PERSONAL_TRANSIENT_KEY);
  if (!bytes) return false;
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
    personalKey(ctx, ref),
    canonicalBytes(parsed.data),
  );
  return true;
}

/** Purges the personal data of `ref`; returns the hashes of what was purged, or none. */
export async function purgePersonalData(
  ctx: Context,
  ref: string,
): Promise<{ keyHash: string; valueHash: string } | undefined> {
  const stateKey = personalKey(ctx, ref);
  const valueHash = Buffer.from(await ctx.stub.getPrivateDataHash(PERSONAL_COLLECTION, stateKey));
  if (valueHash.length === 0) return undefined;
  await ctx.stub.purgePrivateData(PERSONAL_COLLECTION, stateKey);
  return { keyHash: sha256Hex(stateKey), valueHash: valueHash.toString('hex') };
}
