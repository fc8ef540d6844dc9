import { sign, verify, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ECDSASigValue } from '@peculiar/asn1-ecc';

// Order of the P-256 group. Fabric refuses signatures whose S lies in the upper half
// (they are malleable), so we produce and accept only low-S signatures.
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const P256_HALF_ORDER = P256_ORDER >> 1n;

function toBigInt(bytes: ArrayBuffer): bigint {
  const hex = Buffer.from(bytes).toString('hex');
  return hex.length === 0 ? 0n : BigInt(`0x${hex}`);
}

/** Minimal DER INTEGER content for a positive value: a leading zero keeps the sign bit clear. */
export function toUnsignedBytes(value: bigint): ArrayBuffer {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

/** Signs `message` (SHA-256 is applied) with an EC P-256 key; returns a low-S DER signature. */
export function signLowS(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  const der = sign('sha256', message, privateKey);
  const value = AsnConvert.parse(der, ECDSASigValue);
  const s = toBigInt(value.s);
  if (s <= P256_HALF_ORDER) return der;
  value.s = toUnsignedBytes(P256_ORDER - s);
  return new Uint8Array(AsnConvert.serialize(value));
}

/** The same signature with S replaced by n − S: equally valid mathematically, but malleated. */
export function malleate(signature: Uint8Array): Uint8Array {
  const value = AsnConvert.parse(signature, ECDSASigValue);
  value.s = toUnsignedBytes(P256_ORDER - toBigInt(value.s));
  return new Uint8Array(AsnConvert.serialize(value));
}

/** Whether the DER signature's S component is in the lower half of the group order. */
export function isLowS(signature: Uint8Array): boolean {
  try {
    const value = AsnConvert.parse(signature, ECDSASigValue);
    return toBigInt(value.s) <= P256_HALF_ORDER;
  } catch {
    return false;
  }
}

/** Verifies a DER ECDSA signature over `message`, refusing high-S signatures as Fabric does. */
export function verifyLowS(
  publicKey: KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (!isLowS(signature)) return false;
  try {
    return verify('sha256', message, publicKey, signature);
  } catch {
    return false;
  }
}
