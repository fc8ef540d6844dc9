import { p256 } from '@noble/curves/nist';
import { base58 } from '@scure/base';
import { concatBytes } from '@noble/hashes/utils';

/**
 * P-256 `did:key` (W3C CCG did:key method): multibase base58btc ('z') of the multicodec
 * `p256-pub` code 0x1200 as an unsigned varint (0x80 0x24) followed by the 33-byte compressed
 * point. Such DIDs always start with `did:key:zDn`.
 */
const P256_PUB_VARINT = new Uint8Array([0x80, 0x24]);
const DID_KEY_PREFIX = 'did:key:';
const COMPRESSED_POINT_LENGTH = 33;

/** `z<base58btc(multicodec p256-pub || compressed point)>`: the key's multibase form. */
export function p256PublicKeyMultibase(publicKey: Uint8Array): string {
  // Decoding then re-encoding validates the point and compresses an uncompressed (65-byte) key.
  const point = p256.Point.fromBytes(publicKey).toBytes(true);
  return `z${base58.encode(concatBytes(P256_PUB_VARINT, point))}`;
}

/** The did:key of a P-256 public key (compressed or uncompressed SEC1 bytes). */
export function didKeyFromP256PublicKey(publicKey: Uint8Array): string {
  return `${DID_KEY_PREFIX}${p256PublicKeyMultibase(publicKey)}`;
}

/** The compressed public key a P-256 multibase key names; throws if it is not one. */
export function p256PublicKeyFromMultibase(multibase: string): Uint8Array {
  if (!multibase.startsWith('z')) throw new Error('a did:key value must be multibase base58btc');
  const bytes = base58.decode(multibase.slice(1));
  if (
    bytes.length !== P256_PUB_VARINT.length + COMPRESSED_POINT_LENGTH ||
    bytes[0] !== P256_PUB_VARINT[0] ||
    bytes[1] !== P256_PUB_VARINT[1]
  )
    throw new Error('not a P-256 (p256-pub, compressed) multikey');
  const point = bytes.slice(P256_PUB_VARINT.length);
  p256.Point.fromBytes(point).assertValidity();
  return point;
}

/**
 * The compressed public key of a P-256 did:key. A DID URL's fragment (`#z…`, the verification
 * method) is accepted only when it names the same key, as did:key defines it.
 */
export function p256PublicKeyFromDidKey(did: string): Uint8Array {
  if (!did.startsWith(DID_KEY_PREFIX)) throw new Error('not a did:key');
  const [identifier = '', fragment, ...rest] = did.slice(DID_KEY_PREFIX.length).split('#');
  if (rest.length > 0 || (fragment !== undefined && fragment !== identifier))
    throw new Error('a did:key verification method must repeat the key');
  return p256PublicKeyFromMultibase(identifier);
}

/** The did:key verification method of a P-256 key: `<did>#<multibase>`. */
export function didKeyVerificationMethod(did: string): string {
  p256PublicKeyFromDidKey(did);
  return `${did}#${did.slice(DID_KEY_PREFIX.length)}`;
}
