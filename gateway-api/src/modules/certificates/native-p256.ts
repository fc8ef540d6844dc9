import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { P256Verify } from '@citytrust/sdk';

/** Half the order of the P-256 group: a valid low-S signature's s is at most this. */
const HALF_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n >> 1n;

/** DER SubjectPublicKeyInfo header of a compressed P-256 key (id-ecPublicKey, prime256v1). */
const SPKI_COMPRESSED_P256 = Buffer.from(
  '3039301306072a8648ce3d020106082a8648ce3d030107032200',
  'hex',
);

const MAX_CACHED_KEYS = 1024;
const keys = new Map<string, KeyObject>();

function keyObject(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey).toString('hex');
  let key = keys.get(id);
  if (!key) {
    key = createPublicKey({
      key: Buffer.concat([SPKI_COMPRESSED_P256, Buffer.from(publicKey)]),
      format: 'der',
      type: 'spki',
    });
    // Issuers are few; the bound only keeps forged keys from growing the map.
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    keys.set(id, key);
  }
  return key;
}

/**
 * The sdk's P-256 check done by OpenSSL through node:crypto: the same answers as the sdk's
 * @noble/curves default (low-S required), at native speed for the public verifier.
 */
export const nativeVerifyP256: P256Verify = (publicKey, message, signature) => {
  if (publicKey.length !== 33 || signature.length !== 64) return false;
  if (BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`) > HALF_ORDER) return false;
  try {
    return verify(
      'sha256',
      message,
      { key: keyObject(publicKey), dsaEncoding: 'ieee-p1363' },
      signature,
    );
  } catch {
    return false;
  }
};
