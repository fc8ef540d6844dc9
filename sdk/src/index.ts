export { canonicalHash, canonicalJson, sha256Hex } from '@citytrust/domain';
export {
  batchLeaf,
  buildMerkleTree,
  hashPair,
  memberId,
  rootFromProof,
  type MerkleTree,
} from '@citytrust/domain';
export {
  didKeyFromP256PublicKey,
  didKeyVerificationMethod,
  p256PublicKeyFromDidKey,
  p256PublicKeyFromMultibase,
  p256PublicKeyMultibase,
} from './did-key';
export {
  createEcdsaJcs2019Proof,
  unsecuredDocument,
  verifyEcdsaJcs2019Proof,
  verifyP256,
  type DataIntegrityProof,
  type P256Verify,
  type ProofOptions,
} from './ecdsa-jcs-2019';
export { isRfc3339, normalizeInstant } from '@citytrust/domain';
export {
  decideAccess,
  utcDayOf,
  type AccessAttempt,
  type AccessCounts,
  type AccessTerms,
} from '@citytrust/domain';
export {
  auditTrail,
  type AuditedAuthorization,
  type TrailAudit,
  type TrailAuditViolation,
  type TrailLedger,
  type TrailLink,
  type TrailProblem,
} from '@citytrust/domain';
export {
  CERTIFICATE_URN_PREFIX,
  LEDGER_ANCHOR_TYPE,
  LEDGER_STATUS_TYPE,
  VC_V2_CONTEXT,
  attachProofs,
  buildCredential,
  certificateStatusUrl,
  certificateUrn,
  credentialTypeName,
  documentHashOf,
  generateIssuerKey,
  issuerDid,
  newHolderRef,
  newHolderSalt,
  signCredential,
  type BatchMembership,
  type CertificateCredential,
  type CertificateSubject,
  type CredentialFields,
  type CredentialHolder,
  type IssuerKey,
  type LedgerAnchorProof,
  type UnsignedCertificateCredential,
} from './credential';
export {
  verifyCredentialOffline,
  type OfflineVerification,
  type OfflineVerificationOptions,
} from './credential-verify';
export {
  CREDIT_CATEGORIES,
  SEVERITIES,
  checkCreditReport,
  creditReportHash,
  type CreditCategory,
  type CreditReport,
  type CreditReportCheck,
  type CreditReportEntry,
  type Severity,
} from '@citytrust/domain';
export {
  createHubClient,
  type CallOptions,
  type EventStreamOptions,
  type FetchFunction,
  type HubClient,
  type HubClientOptions,
  type WriteOptions,
} from './client';
export {
  HubApiError,
  HubConnectionError,
  HubResponseError,
  problemFromResponse,
  type ProblemDetails,
} from './client-errors';
export {
  AUTHORIZATION_STATUSES,
  CERTIFICATE_STATUSES,
  CREDIT_STATUSES,
  DENIAL_REASONS,
  LEGAL_BASES,
  OPERATIONS,
  ROLES,
  type AuthorizationStatus,
  type CertificateStatus,
  type CreditStatus,
  type DenialReason,
  type LegalBasis,
  type ObjectionOutcome,
  type ObjectionStatus,
  type Operation,
  type RepairStatus,
  type Role,
  type SubjectType,
} from '@citytrust/domain';
export type * from './api-types';
