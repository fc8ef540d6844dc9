import { p256 } from '@noble/curves/nist';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { base58 } from '@scure/base';
import { canonicalJson } from '@citytrust/domain';
import { p256PublicKeyFromDidKey } from './did-key';

/**
 * W3C Data Integrity `ecdsa-jcs-2019` (Data Integrity ECDSA Cryptosuites v1.0) with P-256:
 * - proofConfig = the proof options without `proofValue`, with the document's `@context`;
 * - hashData = SHA-256(JCS(proofConfig)) || SHA-256(JCS(unsecured document, i.e. without
 *   `proof`));
 * - proofValue = multibase base58btc ('z') of the 64-byte r||s ECDSA P-256/SHA-256
 *   signature over hashData, low-S (deterministic, RFC 6979).
 * The proof is embedded without `@context` (the spec sets it only in proofConfig); its
 * verification method must be a P-256 did:key, the only kind this hub issues, so the key is
 * read from the method itself and no DID resolver is needed.
 */
export interface DataIntegrityProof {
  readonly type: 'DataIntegrityProof';
  readonly cryptosuite: 'ecdsa-jcs-2019';
  readonly created: string;
  readonly verificationMethod: string;
  readonly proofPurpose: 'assertionMethod';
  readonly proofValue: string;
}

export type ProofOptions = Omit<DataIntegrityProof, 'proofValue'>;

/** The document a proof covers: everything but its `proof` (a proof set is not chained). */
export function unsecuredDocument<T extends object>(document: T): Omit<T, 'proof'> {
  const { proof: _proof, ...rest } = document as T & { proof?: unknown };
  return rest;
}

function hashData(document: object, options: ProofOptions): Uint8Array {
  const context = (document as { '@context'?: unknown })['@context'];
  const proofConfig = { ...options, '@context': context };
  return concatBytes(
    sha256(utf8ToBytes(canonicalJson(proofConfig))),
    sha256(utf8ToBytes(canonicalJson(unsecuredDocument(document)))),
  );
}

/** Signs `document` (its `proof`, if any, is left out) under `options`. */
export function createEcdsaJcs2019Proof(
  document: object,
  options: ProofOptions,
  privateKey: Uint8Array,
): DataIntegrityProof {
  const publicKey = bytesToHex(p256.getPublicKey(privateKey, true));
  if (bytesToHex(p256PublicKeyFromDidKey(options.verificationMethod)) !== publicKey)
    throw new Error('the private key does not belong to the verification method');
  const digest = sha256(hashData(document, options));
  const signature = p256.sign(digest, privateKey, { prehash: false, lowS: true });
  return { ...options, proofValue: `z${base58.encode(signature.toBytes('compact'))}` };
}

/**
 * ECDSA P-256 with SHA-256: true when `signature` (64 bytes r||s, low-S) signs `message` under
 * the compressed `publicKey`. The default is @noble/curves (runs anywhere); a server may pass
 * its platform's native implementation, which is many times faster.
 */
export type P256Verify = (
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
) => boolean;

export const verifyP256: P256Verify = (publicKey, message, signature) =>
  p256.verify(signature, sha256(message), publicKey, {
    prehash: false,
    lowS: true,
    format: 'compact',
  });

/** True when `proof` is a valid ecdsa-jcs-2019 proof of `document` by its verification method. */
export function verifyEcdsaJcs2019Proof(
  document: object,
  proof: DataIntegrityProof,
  verify: P256Verify = verifyP256,
): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- public API: JS callers pass proofs parsed from JSON
    if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'ecdsa-jcs-2019') return false;
    if (typeof proof.proofValue !== 'string' || !proof.proofValue.startsWith('z')) return false;
    const signature = base58.decode(proof.proofValue.slice(1));
    if (signature.length !== 64) return false;
    const publicKey = p256PublicKeyFromDidKey(proof.verificationMethod);
    const { proofValue: _proofValue, ...options } = proof;
    return verify(publicKey, hashData(document, options), signature);
  } catch {
    return false;
  }
}
