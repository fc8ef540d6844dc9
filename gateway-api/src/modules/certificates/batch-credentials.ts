import { createHash, createPrivateKey, ECDH, sign, type KeyObject } from 'node:crypto';
import {
  LEDGER_STATUS_TYPE,
  buildCredential,
  canonicalJson,
  certificateStatusUrl,
  certificateUrn,
  didKeyVerificationMethod,
  documentHashOf,
  newHolderSalt,
  newHolderRef,
  normalizeInstant,
  type CredentialHolder,
  type DataIntegrityProof,
  type ProofOptions,
  type UnsignedCertificateCredential,
} from '@citytrust/sdk';
import { base58 } from '@scure/base';
import type { SignedCredential, Signing, ValidityWindow } from './credentials';

/** Order of the P-256 group: a signature's s above half of it is replaced by n - s (low-S). */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** A node:crypto key for the issuer's P-256 private key (the sdk keeps raw bytes). */
function signingKeyObject(privateKey: Uint8Array, publicKey: Uint8Array): KeyObject {
  const point = ECDH.convertKey(
    Buffer.from(publicKey),
    'prime256v1',
    undefined,
    undefined,
    'uncompressed',
  ) as Buffer;
  return createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: Buffer.from(privateKey).toString('base64url'),
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
  });
}

/**
 * Builds and signs many credentials that share issuer, type, window and signing time, at batch
 * speed. The results are exactly what the sdk's `buildCredential` and `signCredential` make
 * (test/certificates-batch-credentials.test.ts holds them to it), minus the per-document costs
 * that are the same for every document of a batch:
 * - the sdk builds one template (checking the issuer's did:key and the window once); each
 *   credential is that template with its own id, subject and status entry;
 * - ecdsa-jcs-2019 signs SHA-256(JCS(proof config)) || SHA-256(JCS(document)); the first half
 *   is the same for the whole batch and the second is the document hash anchored anyway, so a
 *   signature costs one native ECDSA P-256 signing (node:crypto), made low-S as the sdk's is.
 */
export class BatchCredentialFactory {
  readonly #template: UnsignedCertificateCredential;
  readonly #hubBaseUrl: string;
  readonly #options: ProofOptions;
  readonly #configHash: Buffer;
  readonly #key: KeyObject;

  constructor(signing: Signing, window: ValidityWindow) {
    this.#template = buildCredential({
      certificateId: 'template',
      certificateType: signing.certificateType,
      issuerDid: signing.key.did,
      issuerName: signing.issuerOrg,
      holder: { id: 'template' },
      holderSalt: newHolderSalt(),
      claims: {},
      validFrom: window.validFrom,
      validUntil: window.validUntil,
      hubBaseUrl: signing.hubBaseUrl,
    });
    this.#hubBaseUrl = signing.hubBaseUrl;
    this.#options = {
      type: 'DataIntegrityProof',
      cryptosuite: 'ecdsa-jcs-2019',
      created: normalizeInstant(signing.created),
      verificationMethod: didKeyVerificationMethod(signing.key.did),
      proofPurpose: 'assertionMethod',
    };
    this.#configHash = createHash('sha256')
      .update(canonicalJson({ ...this.#options, '@context': this.#template['@context'] }))
      .digest();
    this.#key = signingKeyObject(signing.key.privateKey, signing.key.publicKey);
  }

  #signature(documentHash: string): DataIntegrityProof {
    const signature = sign(
      'sha256',
      Buffer.concat([this.#configHash, Buffer.from(documentHash, 'hex')]),
      { key: this.#key, dsaEncoding: 'ieee-p1363' },
    );
    const s = BigInt(`0x${signature.subarray(32).toString('hex')}`);
    if (s > P256_ORDER >> 1n)
      Buffer.from((P256_ORDER - s).toString(16).padStart(64, '0'), 'hex').copy(signature, 32);
    return { ...this.#options, proofValue: `z${base58.encode(signature)}` };
  }

  credential(
    certificateId: string,
    holder: CredentialHolder,
    claims: Readonly<Record<string, unknown>>,
  ): SignedCredential {
    const holderSalt = newHolderSalt();
    const holderRef = newHolderRef(holder.id, holderSalt);
    const unsigned: UnsignedCertificateCredential = {
      ...this.#template,
      id: certificateUrn(certificateId),
      credentialSubject: {
        holder:
          holder.name === undefined ? { id: holder.id } : { id: holder.id, name: holder.name },
        holderRef,
        holderSalt,
        claims,
      },
      credentialStatus: {
        id: certificateStatusUrl(this.#hubBaseUrl, certificateId),
        type: LEDGER_STATUS_TYPE,
      },
    };
    const documentHash = documentHashOf(unsigned);
    return {
      certificateId,
      unsigned,
      signature: this.#signature(documentHash),
      documentHash,
      holderRef,
      holderSalt,
    };
  }
}
