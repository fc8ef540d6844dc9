import type { KeyObject } from 'node:crypto';
import { signLowS } from '../crypto/ecdsa';

/** A client identity as fabric-gateway names it: MSP id and X.509 certificate (PEM bytes). */
export interface Identity {
  readonly mspId: string;
  readonly credentials: Uint8Array;
}

/**
 * Produces a DER ECDSA signature over a message. Unlike fabric-gateway's Signer, which
 * receives a digest, ours receives the message and hashes it (SHA-256) itself.
 */
export type Signer = (message: Uint8Array) => Promise<Uint8Array>;

/** A low-S ECDSA P-256 signer for a private key. Create the KeyObject once and reuse it. */
export function newPrivateKeySigner(privateKey: KeyObject): Signer {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ec') {
    throw new TypeError('an EC private key is required');
  }
  return (message) => Promise.resolve(signLowS(privateKey, message));
}
