import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/** RFC 8785 (JCS) canonical JSON: how everything in the hub is written and hashed. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

/** Lowercase hex SHA-256 of UTF-8 text or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));
}

/** The system-wide hash: SHA-256 over the canonical JSON form, as the chaincode computes it. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
