import { p256 } from '@noble/curves/nist';
import { bytesToHex, randomBytes } from '@noble/hashes/utils';
import { canonicalHash } from '@citytrust/domain';
import { didKeyFromP256PublicKey, didKeyVerificationMethod } from './did-key';
import {
  createEcdsaJcs2019Proof,
  unsecuredDocument,
  type DataIntegrityProof,
} from './ecdsa-jcs-2019';
import { normalizeInstant } from '@citytrust/domain';

/**
 * An e-certificate as a W3C Verifiable Credential 2.0. Its canonical hash without `proof` is
 * the document hash anchored on the ledger; the holder appears on the ledger only as
 * `holderRef`, a salted hash the holder can open with the salt carried in the credential.
 */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const CERTIFICATE_URN_PREFIX = 'urn:citytrust:certificate:';
export const LEDGER_STATUS_TYPE = 'CityTrustLedgerStatus';
export const LEDGER_ANCHOR_TYPE = 'CityTrustLedgerAnchor';

export interface CredentialHolder {
  readonly id: string;
  readonly name?: string;
}

export interface CertificateSubject {
  readonly holder: CredentialHolder;
  /** canonicalHash({holderId, salt}): what the ledger keeps instead of the holder. */
  readonly holderRef: string;
  readonly holderSalt: string;
  readonly claims: Readonly<Record<string, unknown>>;
}

export interface UnsignedCertificateCredential {
  readonly '@context': readonly string[];
  readonly id: string;
  readonly type: readonly [string, string];
  readonly issuer: { readonly id: string; readonly name: string };
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly credentialSubject: CertificateSubject;
  readonly credentialStatus: { readonly id: string; readonly type: typeof LEDGER_STATUS_TYPE };
  readonly certificateType: string;
}

export interface BatchMembership {
  readonly batchId: string;
  readonly memberId: string;
  readonly merkleRoot: string;
  readonly proof: readonly string[];
}

/** Where the document hash was anchored. Added after submission: not signed, not hashed. */
export interface LedgerAnchorProof {
  readonly type: typeof LEDGER_ANCHOR_TYPE;
  /** `<backend>:<network>`, e.g. `embedded:citytrust` or `evm:31337`. */
  readonly ledger: string;
  readonly txId: string;
  readonly blockNumber: number;
  readonly documentHash: string;
  readonly certificateId: string;
  readonly batch?: BatchMembership;
}

export interface CertificateCredential extends UnsignedCertificateCredential {
  readonly proof: readonly [DataIntegrityProof, LedgerAnchorProof];
}

export interface CredentialFields {
  readonly certificateId: string;
  /** The certificate type id, e.g. `business-license`. */
  readonly certificateType: string;
  /** The issuing organization's did:key (see `issuerDid`). */
  readonly issuerDid: string;
  /** The issuing organization's id. */
  readonly issuerName: string;
  readonly holder: CredentialHolder;
  /** 32 hex digits; `newHolderSalt()` makes one. */
  readonly holderSalt: string;
  readonly claims: Readonly<Record<string, unknown>>;
  /** RFC 3339; written as UTC milliseconds like the ledger record. */
  readonly validFrom: string;
  /** Omitted or null when open-ended. */
  readonly validUntil?: string | null;
  /** The hub's public base URL, e.g. `https://hub.example.gov`; status lives under it. */
  readonly hubBaseUrl: string;
}

export interface IssuerKey {
  readonly privateKey: Uint8Array;
  /** Compressed SEC1 point. */
  readonly publicKey: Uint8Array;
  readonly did: string;
}

const HEX32 = /^[0-9a-f]{32}$/;

/** `business-license` → `BusinessLicense`: the credential type named after a certificate type. */
export function credentialTypeName(certificateType: string): string {
  return certificateType
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export function certificateUrn(certificateId: string): string {
  return `${CERTIFICATE_URN_PREFIX}${certificateId}`;
}

/** The status URL of a certificate on a hub. */
export function certificateStatusUrl(hubBaseUrl: string, certificateId: string): string {
  return `${hubBaseUrl.replace(/\/+$/, '')}/v1/certificates/${encodeURIComponent(certificateId)}`;
}

/** A fresh 128-bit salt, 32 lowercase hex digits. */
export function newHolderSalt(): string {
  return bytesToHex(randomBytes(16));
}

/** The salted holder reference the ledger keeps: canonicalHash({holderId, salt}). */
export function newHolderRef(holderId: string, salt: string): string {
  return canonicalHash({ holderId, salt });
}

/** The document hash anchored on the ledger: canonical hash of the credential without `proof`. */
export function documentHashOf(credential: object): string {
  return canonicalHash(unsecuredDocument(credential));
}

export function issuerDid(publicKey: Uint8Array): string {
  return didKeyFromP256PublicKey(publicKey);
}

/** A new P-256 (ES256) issuing key and its did:key. */
export function generateIssuerKey(): IssuerKey {
  const privateKey = p256.utils.randomSecretKey();
  const publicKey = p256.getPublicKey(privateKey, true);
  return { privateKey, publicKey, did: issuerDid(publicKey) };
}

/** The unsigned credential (no `proof`); throws on fields no valid credential could carry. */
export function buildCredential(fields: CredentialFields): UnsignedCertificateCredential {
  if (!HEX32.test(fields.holderSalt))
    throw new RangeError('holderSalt must be 32 lowercase hex digits');
  didKeyVerificationMethod(fields.issuerDid);
  const validFrom = normalizeInstant(fields.validFrom);
  const validUntil =
    fields.validUntil === undefined || fields.validUntil === null
      ? undefined
      : normalizeInstant(fields.validUntil);
  if (validUntil !== undefined && validUntil <= validFrom)
    throw new RangeError('validUntil must be after validFrom');
  const holder: CredentialHolder =
    fields.holder.name === undefined
      ? { id: fields.holder.id }
      : { id: fields.holder.id, name: fields.holder.name };
  return {
    '@context': [VC_V2_CONTEXT],
    id: certificateUrn(fields.certificateId),
    type: ['VerifiableCredential', credentialTypeName(fields.certificateType)],
    issuer: { id: fields.issuerDid, name: fields.issuerName },
    validFrom,
    ...(validUntil === undefined ? {} : { validUntil }),
    credentialSubject: {
      holder,
      holderRef: newHolderRef(fields.holder.id, fields.holderSalt),
      holderSalt: fields.holderSalt,
      claims: fields.claims,
    },
    credentialStatus: {
      id: certificateStatusUrl(fields.hubBaseUrl, fields.certificateId),
      type: LEDGER_STATUS_TYPE,
    },
    certificateType: fields.certificateType,
  };
}

/** The issuer's ecdsa-jcs-2019 signature proof; the key must be the issuer's did:key. */
export function signCredential(
  unsigned: UnsignedCertificateCredential,
  privateKey: Uint8Array,
  created: string,
): DataIntegrityProof {
  return createEcdsaJcs2019Proof(
    unsecuredDocument(unsigned),
    {
      type: 'DataIntegrityProof',
      cryptosuite: 'ecdsa-jcs-2019',
      created: normalizeInstant(created),
      verificationMethod: didKeyVerificationMethod(unsigned.issuer.id),
      proofPurpose: 'assertionMethod',
    },
    privateKey,
  );
}

/** The credential handed to the holder: signature first, then the ledger anchor. */
export function attachProofs(
  unsigned: UnsignedCertificateCredential,
  signatureProof: DataIntegrityProof,
  anchor: LedgerAnchorProof,
): CertificateCredential {
  return { ...unsecuredDocument(unsigned), proof: [signatureProof, anchor] };
}
