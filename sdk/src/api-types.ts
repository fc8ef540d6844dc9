import type { CertificateCredential } from './credential';
import type {
  AccessEvent as DomainAccessEvent,
  ArgsOf,
  AuthorizationStatus,
  CertificateStatus,
  CreditCategory,
  CreditReport,
  CreditStatus,
  LegalBasis,
  ObjectionOutcome,
  ObjectionStatus,
  Operation,
  RepairStatus,
  Role,
  Severity,
  SubjectType,
} from '@citytrust/domain';

/**
 * Request and response bodies of the hub's HTTP API (/work/shared/API.md, v1). Responses may
 * carry more fields than named here; the named ones are the contract.
 */

/** Ledger coordinates every write returns. */
export interface WriteReceipt {
  readonly txId: string;
  readonly blockNumber: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface PageQuery {
  /** Default 50, at most 500. */
  readonly limit?: number;
  readonly cursor?: string;
}

export type LedgerBackend = 'embedded' | 'fabric' | 'evm';

export interface LedgerInfo {
  readonly backend: LedgerBackend;
  /** Channel name (embedded, Fabric) or chain id (EVM). */
  readonly network: string;
  readonly height: number;
}

export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly roles: Role[];
  readonly creditCode: string | null;
  readonly registeredAt: string;
  readonly updatedAt: string;
}

export interface RegisterOrganizationRequest {
  readonly id: string;
  readonly name: string;
  readonly roles: Role[];
  /** For ENTERPRISE: the unified social credit code it acts for. */
  readonly creditCode?: string;
}

export interface SetRolesRequest {
  readonly roles: Role[];
  readonly creditCode?: string;
}

export interface CertificateType {
  readonly id: string;
  readonly name: string;
  readonly schema?: Readonly<Record<string, unknown>>;
  readonly schemaHash: string;
  readonly issuers: string[];
  /** Longest validity its certificates may have, in days; null: no limit. */
  readonly maxValidityDays: number | null;
}

export interface DefineCertificateTypeRequest {
  readonly id: string;
  readonly name: string;
  /** JSON Schema the claims follow; the ledger keeps its hash. */
  readonly schema: Readonly<Record<string, unknown>>;
  readonly issuers: string[];
}

export interface Holder {
  readonly id: string;
  readonly name?: string;
}

export interface CertificateItem {
  readonly holder: Holder;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly validFrom?: string;
  readonly validUntil?: string;
}

export interface IssueCertificateRequest extends CertificateItem {
  /** Certificate type id, e.g. `business-license`. */
  readonly type: string;
}

export interface IssuedCertificate extends WriteReceipt {
  readonly id: string;
  readonly status: CertificateStatus;
  readonly documentHash: string;
  readonly credential: CertificateCredential;
}

export interface IssueBatchRequest {
  readonly type: string;
  /** Up to 100,000 items. */
  readonly items: CertificateItem[];
}

export interface IssuedBatch extends WriteReceipt {
  readonly batchId: string;
  readonly merkleRoot: string;
  readonly count: number;
  readonly certificates: {
    readonly id: string;
    readonly documentHash: string;
    readonly credential: CertificateCredential;
  }[];
}

/** A certificate's ledger record with the status it has at `at`. */
export interface CertificateRecord {
  readonly id: string;
  readonly type: string;
  readonly issuer: string;
  readonly holderRef: string | null;
  readonly documentHash: string | null;
  readonly batchId: string | null;
  readonly merkleRoot: string | null;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly status: CertificateStatus;
  readonly reason: string | null;
  readonly supersedes: string | null;
  readonly supersededBy: string | null;
  readonly issuedAt: string;
  readonly updatedAt: string;
  readonly at: string;
}

export interface CertificateChange {
  readonly txId: string;
  readonly timestamp: string;
  readonly [field: string]: unknown;
}

export interface CertificateHistory {
  readonly items: CertificateChange[];
}

export type CertificateChangeResult = CertificateRecord & WriteReceipt;

export interface RenewCertificateRequest {
  readonly claims?: Readonly<Record<string, unknown>>;
  readonly holder?: Holder;
  readonly validFrom?: string;
  readonly validUntil?: string;
}

export interface RenewedCertificate extends IssuedCertificate {
  readonly supersedes: string;
}

/** An issuing organization and the did:key its credentials are signed with. */
export interface Issuer {
  readonly id: string;
  readonly name: string;
  readonly did: string;
}

export interface CertificateVerification {
  readonly valid: boolean;
  readonly status: CertificateStatus | null;
  readonly checks: {
    readonly integrity: boolean;
    readonly anchored: boolean;
    readonly issuerAuthorized: boolean;
    readonly notExpired: boolean;
    readonly notRevoked: boolean;
  };
  readonly certificate: CertificateRecord | null;
}

export interface CreateCreditRecordRequest {
  /** Unified social credit code of the enterprise. */
  readonly subject: string;
  readonly category: CreditCategory;
  readonly severity: Severity;
  readonly title: string;
  readonly decisionHash: string;
  readonly effectiveAt: string;
  readonly publicUntil?: string;
}

export interface CreditRecord {
  readonly id: string;
  readonly subject: string;
  readonly category: CreditCategory;
  readonly severity: Severity;
  readonly title: string;
  readonly authority: string;
  readonly decisionHash: string;
  readonly effectiveAt: string;
  readonly publicUntil: string | null;
  readonly status: CreditStatus;
  readonly statusNote: string | null;
  readonly pendingWorkflow: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CreditRecordQuery extends PageQuery {
  readonly status?: CreditStatus;
}

export interface FileObjectionRequest {
  readonly reason: string;
  readonly evidenceHash: string;
}

export interface Objection {
  readonly id: string;
  readonly recordId: string;
  readonly subject: string;
  readonly reason: string;
  readonly evidenceHash: string;
  readonly status: ObjectionStatus;
  readonly resolutionNote: string | null;
  readonly filedBy: string;
  readonly filedAt: string;
  readonly resolvedAt: string | null;
}

export interface ResolveObjectionRequest {
  readonly outcome: ObjectionOutcome;
  readonly note: string;
}

export interface RepairRequestBody {
  readonly evidenceHash: string;
  readonly note: string;
}

export interface RepairRequest {
  readonly id: string;
  readonly recordId: string;
  readonly subject: string;
  readonly evidenceHash: string;
  readonly note: string;
  readonly status: RepairStatus;
  readonly decisionNote: string | null;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly decidedAt: string | null;
}

export interface NoteRequest {
  readonly note: string;
}

export interface ReasonRequest {
  readonly reason: string;
}

export interface AnchoredCreditReport {
  readonly report: CreditReport;
  readonly reportHash: string;
  readonly anchoredAt: string;
  readonly txId: string;
}

export interface CreditReportVerification {
  readonly valid: boolean;
  readonly anchored: boolean;
  readonly generatedAt: string | null;
}

export interface CreateAuthorizationRequest {
  readonly subject: string;
  readonly grantee: string;
  readonly categories: string[];
  readonly purpose: string;
  readonly legalBasis: LegalBasis;
  readonly operations: Operation[];
  readonly maxAccesses?: number;
  readonly maxPerDay?: number;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly consentEvidenceHash: string;
}

export interface Authorization {
  readonly id: string;
  readonly subjectType: SubjectType;
  readonly subject: string;
  readonly createdBy: string;
  readonly grantee: string;
  readonly categories: string[];
  readonly purpose: string;
  readonly legalBasis: LegalBasis;
  readonly operations: Operation[];
  readonly maxAccesses: number | null;
  readonly maxPerDay: number | null;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly consentEvidenceHash: string;
  readonly status: AuthorizationStatus;
  readonly used: number;
  readonly eventCount: number;
  readonly headHash: string;
  readonly revokedAt: string | null;
  readonly revocationReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AuthorizationQuery extends PageQuery {
  readonly subject?: string;
  readonly grantee?: string;
  readonly status?: AuthorizationStatus;
}

/** One use of data to record, as `authorizations:recordAccess` takes it. */
export type AccessRequest = ArgsOf<'authorizations:recordAccess'>;

/** A denial is not this: it is a 403 `authorization-denied` problem carrying `eventId`. */
export interface AccessAllowed extends WriteReceipt {
  readonly allowed: true;
  readonly eventId: string;
  readonly eventHash: string;
}

/** One link of an authorization's trail, as the ledger records it. */
export type AccessEvent = DomainAccessEvent;

export type TrailAuditRequest =
  | { readonly authorizationId: string }
  | { readonly grantee: string; readonly from: string; readonly to: string };

export interface TrailViolation {
  readonly seq: number;
  readonly eventId: string;
  readonly problem: string;
  readonly authorizationId?: string;
}

export interface TrailAuditResult {
  readonly intact: boolean;
  readonly events: number;
  readonly allowed: number;
  readonly denied: number;
  readonly violations: TrailViolation[];
  readonly headHash: string | null;
}

export interface ForgetResult extends WriteReceipt {
  readonly subject: string;
  /** Hashes of what was purged. */
  readonly purged: string[];
}

export interface CreateWebhookRequest {
  readonly url: string;
  readonly events: string[];
}

export interface Webhook {
  readonly id: string;
  readonly url: string;
  readonly events: string[];
  /** The HMAC-SHA256 key deliveries are signed with; shown when the webhook is created. */
  readonly secret?: string;
}

/** One Server-Sent Event of `GET /v1/events`. */
export interface HubEvent {
  /** The SSE `event:` field (the ledger event's name), `message` when absent. */
  readonly event: string;
  /** The SSE `id:` field, if any (a resume position). */
  readonly id: string | null;
  /** `data:` parsed as JSON. */
  readonly data: unknown;
}

export interface HealthStatus {
  readonly status: string;
  readonly [field: string]: unknown;
}
