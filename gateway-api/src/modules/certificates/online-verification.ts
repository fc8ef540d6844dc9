import type { FastifyInstance } from 'fastify';
import { CERTIFICATE_ID, ID as ORG_ID, type ArgsOf, type ResultOf } from '@citytrust/domain';
import { verifyCredentialOffline } from '@citytrust/sdk';
import { nativeVerifyP256 } from './native-p256';
import { LedgerRefusal } from '../../ledgers/hub-ledger';
import type { CertificateView as LedgerCertificate } from './schemas';
import type { IssuerKeys } from './issuer-keys';

export interface CertificateVerification {
  readonly valid: boolean;
  readonly status: string | null;
  readonly checks: {
    readonly integrity: boolean;
    readonly anchored: boolean;
    readonly issuerAuthorized: boolean;
    readonly notExpired: boolean;
    readonly notRevoked: boolean;
  };
  readonly certificate: LedgerCertificate | null;
  readonly errors: string[];
}

type Json = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The batch part of the credential's ledger anchor proof, if it has one. */
function batchProofOf(credential: Json): string[] | undefined {
  const proofs = Array.isArray(credential.proof) ? (credential.proof as unknown[]) : [];
  const anchor = proofs.find((proof) => isObject(proof) && proof.type === 'CityTrustLedgerAnchor');
  const batch = isObject(anchor) && isObject(anchor.batch) ? anchor.batch : undefined;
  return batch && Array.isArray(batch.proof) ? (batch.proof as string[]) : undefined;
}

/** Runs a read and takes a refusal (unknown id, bad argument) as "nothing there". */
async function readOrNothing<Name extends 'certificates:get' | 'certificates:verifyBatchMember'>(
  app: FastifyInstance,
  org: string,
  fn: Name,
  args: ArgsOf<Name>,
  errors: string[],
): Promise<ResultOf<Name> | undefined> {
  try {
    return await app.ledger.evaluate({ org, fn, args });
  } catch (error) {
    if (!(error instanceof LedgerRefusal)) throw error;
    errors.push(`ledger: ${error.message.replace(/^[A-Z_]+: /, '')}`);
    return undefined;
  }
}

/**
 * Verifies a credential offline (sdk: shape, hash, signature, anchor and Merkle proof, holder
 * reference) and against the ledger:
 * - anchored: the ledger holds the certificate with this document's hash, or (batch member) the
 *   ledger proves the document with the credential's Merkle proof against the batch root;
 * - issuerAuthorized: the credential's key is the signing key this hub keeps for the
 *   organization the credential names, and the ledger records that organization as the issuer
 *   of a certificate of that type. The chaincode admits such a record only from an organization
 *   holding ISSUER for the type at that moment, so the record shows it held the role then;
 * - notExpired / notRevoked / status: from the ledger's status now.
 *
 * Reads need a ledger identity: the issuing organization's own (it issued through this hub, so
 * it is enrolled), otherwise the governance organization's (`city-data-bureau`).
 */
export async function verifyCertificate(
  app: FastifyInstance,
  issuerKeys: IssuerKeys,
  credential: Json,
): Promise<CertificateVerification> {
  const offline = verifyCredentialOffline(credential, { verifyP256: nativeVerifyP256 });
  const errors = [...offline.errors];
  const integrity = intact(offline);
  const issuerOrg = await signingIssuer(issuerKeys, credential);
  if (issuerOrg === undefined)
    errors.push('issuer: the credential is not signed with the key of the organization it names');
  const reader = issuerOrg ?? app.config.readerOrg;
  const { certificate, anchored } = await ledgerAnchor(app, reader, credential, offline, errors);
  const issuerAuthorized =
    issuerOrg !== undefined &&
    certificate?.issuer === issuerOrg &&
    certificate.type === credential.certificateType;
  const status = certificate?.status ?? null;
  const checks = { integrity, anchored, issuerAuthorized, ...statusChecks(status) };
  return {
    valid: Object.values(checks).every(Boolean) && status === 'ACTIVE',
    status,
    checks,
    certificate,
    errors,
  };
}

/** Whether the document is whole: its hash, signature and anchor agree with its content. */
function intact(offline: {
  readonly integrity: boolean;
  readonly signature: boolean;
  readonly anchorConsistent: boolean;
  readonly holderRefConsistent: boolean;
}): boolean {
  return (
    offline.integrity &&
    offline.signature &&
    offline.anchorConsistent &&
    offline.holderRefConsistent
  );
}

/** What the ledger's status now says of the certificate (null: the ledger does not hold it). */
function statusChecks(status: string | null): { notExpired: boolean; notRevoked: boolean } {
  return {
    notExpired: status !== null && status !== 'EXPIRED' && status !== 'NOT_YET_VALID',
    notRevoked: status !== null && status !== 'REVOKED',
  };
}

/** The organization the credential names as issuer, when it is signed with that one's key. */
async function signingIssuer(
  issuerKeys: IssuerKeys,
  credential: Json,
): Promise<string | undefined> {
  const issuer = isObject(credential.issuer) ? credential.issuer : {};
  const issuerOrg =
    typeof issuer.name === 'string' && ORG_ID.test(issuer.name) ? issuer.name : undefined;
  const issuerKey = issuerOrg === undefined ? undefined : await issuerKeys.find(issuerOrg);
  return issuerKey !== undefined && issuerKey.did === issuer.id ? issuerOrg : undefined;
}

/**
 * The certificate the credential names, as the ledger holds it, and whether the ledger holds
 * this very document for it: its own document hash, or a batch member's Merkle proof.
 */
async function ledgerAnchor(
  app: FastifyInstance,
  reader: string,
  credential: Json,
  offline: { readonly certificateId: string | null; readonly documentHash: string | null },
  errors: string[],
): Promise<{ certificate: LedgerCertificate | null; anchored: boolean }> {
  const { certificateId, documentHash } = offline;
  if (certificateId === null || !CERTIFICATE_ID.test(certificateId) || documentHash === null) {
    errors.push('anchored: the credential names no certificate to look up');
    return { certificate: null, anchored: false };
  }
  const certificate =
    (await readOrNothing(app, reader, 'certificates:get', { id: certificateId }, errors)) ?? null;
  if (certificate === null) return { certificate, anchored: false };
  const anchored =
    certificate.batchId === null
      ? certificate.documentHash === documentHash
      : await memberIncluded(app, reader, credential, { id: certificateId, documentHash }, errors);
  if (!anchored)
    errors.push('anchored: the ledger does not hold this document for this certificate');
  return { certificate, anchored };
}

/** Whether the ledger proves a batch member's document with the credential's Merkle proof. */
async function memberIncluded(
  app: FastifyInstance,
  reader: string,
  credential: Json,
  member: { readonly id: string; readonly documentHash: string },
  errors: string[],
): Promise<boolean> {
  const proof = batchProofOf(credential);
  if (proof === undefined) return false;
  const verified = await readOrNothing(
    app,
    reader,
    'certificates:verifyBatchMember',
    { ...member, proof },
    errors,
  );
  return verified?.included === true;
}
