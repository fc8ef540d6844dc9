import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  type ScryptOptions,
} from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

const base64 = Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$' });

/** One AES-256-GCM ciphertext: its own random IV and its authentication tag. */
export const SealedValueSchema = Type.Object(
  { iv: base64, tag: base64, data: base64 },
  { additionalProperties: false },
);
export type SealedValue = Static<typeof SealedValueSchema>;

/** scrypt parameters, stored beside the salt so a later version can raise the cost. */
export const KdfSchema = Type.Object(
  {
    algorithm: Type.Literal('scrypt'),
    salt: base64,
    // Bounded so a tampered header cannot make opening the keychain exhaust memory.
    N: Type.Integer({ minimum: 2, maximum: 2 ** 20 }),
    r: Type.Integer({ minimum: 1, maximum: 32 }),
    p: Type.Integer({ minimum: 1, maximum: 16 }),
  },
  { additionalProperties: false },
);
export type KdfParameters = Static<typeof KdfSchema>;

/** OWASP's minimum for scrypt (N=2^17 would cost 128 MiB per open on a small server). */
export function newKdfParameters(): KdfParameters {
  return { algorithm: 'scrypt', salt: randomBytes(16).toString('base64'), N: 2 ** 15, r: 8, p: 1 };
}

export function deriveKey(secret: Uint8Array | string, kdf: KdfParameters): Promise<Buffer> {
  const options: ScryptOptions = {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(secret, Buffer.from(kdf.salt, 'base64'), KEY_BYTES, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** Encrypts with a fresh random IV; `context` is bound as associated data (never stored). */
export function seal(key: Buffer, plaintext: string, context: string): SealedValue {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/**
 * Decrypts and authenticates; returns undefined when the tag does not verify (wrong key, or
 * the ciphertext, IV, tag or context was changed), so no unauthenticated byte ever escapes.
 */
export function open(key: Buffer, sealed: SealedValue, context: string): string | undefined {
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(Buffer.from(sealed.data, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return undefined;
  }
}
