import {
  LEDGER_ANCHOR_TYPE,
  attachProofs,
  buildCredential,
  documentHashOf,
  newHolderSalt,
  signCredential,
  type BatchMembership,
  type CertificateCredential,
  type CredentialHolder,
  type IssuerKey,
  type UnsignedCertificateCredential,
} from '@citytrust/sdk';
import type { DataIntegrityProof } from '@citytrust/sdk';

/** What every credential an organization signs in one request shares. */
export interface Signing {
  readonly key: IssuerKey;
  /** The issuing organization's id, the credential's `issuer.name`. */
  readonly issuerOrg: string;
  readonly certificateType: string;
  readonly hubBaseUrl: string;
  /** The signature's `created` instant. */
  readonly created: string;
}

export interface ValidityWindow {
  readonly validFrom: string;
  readonly validUntil: string | null;
}

/** A credential signed but not yet anchored: the ledger gets its `documentHash` and `holderRef`. */
export interface SignedCredential {
  readonly certificateId: string;
  readonly unsigned: UnsignedCertificateCredential;
  readonly signature: DataIntegrityProof;
  readonly documentHash: string;
  readonly holderRef: string;
  readonly holderSalt: string;
}

/** Where a transaction landed, as the anchor proof names it. */
export interface Anchoring {
  /** `<backend>:<network>`, e.g. `embedded:citytrust`. */
  readonly ledger: string;
  readonly txId: string;
  readonly blockNumber: number;
}

/**
 * Builds and signs one e-certificate credential with the sdk. `holderSalt` is given only when a
 * renewal must keep the holder reference of the certificate it replaces.
 */
export function signedCredential(
  signing: Signing,
  certificateId: string,
  holder: CredentialHolder,
  claims: Readonly<Record<string, unknown>>,
  window: ValidityWindow,
  holderSalt: string = newHolderSalt(),
): SignedCredential {
  const unsigned = buildCredential({
    certificateId,
    certificateType: signing.certificateType,
    issuerDid: signing.key.did,
    issuerName: signing.issuerOrg,
    holder,
    holderSalt,
    claims,
    validFrom: window.validFrom,
    validUntil: window.validUntil,
    hubBaseUrl: signing.hubBaseUrl,
  });
  return {
    certificateId,
    unsigned,
    signature: signCredential(unsigned, signing.key.privateKey, signing.created),
    documentHash: documentHashOf(unsigned),
    holderRef: unsigned.credentialSubject.holderRef,
    holderSalt,
  };
}

/** The credential handed to the holder: the signature, then the ledger anchor it now has. */
export function anchoredCredential(
  signed: SignedCredential,
  anchoring: Anchoring,
  batch?: BatchMembership,
): CertificateCredential {
  return attachProofs(signed.unsigned, signed.signature, {
    type: LEDGER_ANCHOR_TYPE,
    ledger: anchoring.ledger,
    txId: anchoring.txId,
    blockNumber: anchoring.blockNumber,
    documentHash: signed.documentHash,
    certificateId: signed.certificateId,
    ...(batch === undefined ? {} : { batch }),
  });
}
