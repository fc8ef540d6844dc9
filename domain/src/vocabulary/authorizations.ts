/** What a grantee may do with data, in `IAccessRecorder.Operation` order. */
export const OPERATIONS = ['READ', 'VERIFY', 'COPY', 'COMPUTE'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const LEGAL_BASES = ['CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'PUBLIC_TASK'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** A citizen appears only as a salted reference; an enterprise by its public credit code. */
export const SUBJECT_TYPES = ['CITIZEN', 'ENTERPRISE'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** What is written of an authorization. */
export const RECORDED_AUTHORIZATION_STATUSES = ['ACTIVE', 'REVOKED', 'EXHAUSTED'] as const;
export type RecordedAuthorizationStatus = (typeof RECORDED_AUTHORIZATION_STATUSES)[number];

/** What a reader is told: `EXPIRED` comes from `validUntil`. */
export const AUTHORIZATION_STATUSES = [...RECORDED_AUTHORIZATION_STATUSES, 'EXPIRED'] as const;
export type AuthorizationStatus = (typeof AUTHORIZATION_STATUSES)[number];

/** Why an access was denied: the first rule it broke, in the order the rules are checked. */
export const DENIAL_REASONS = [
  'NOT_GRANTEE',
  'REVOKED',
  'EXHAUSTED',
  'NOT_YET_VALID',
  'EXPIRED',
  'CATEGORY_NOT_AUTHORIZED',
  'NEGATIVE_LIST',
  'PURPOSE_MISMATCH',
  'OPERATION_NOT_AUTHORIZED',
  'SUBJECT_MISMATCH',
  'DAILY_LIMIT_REACHED',
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

/** The category through which an enterprise discloses its credit report to a requester. */
export const CREDIT_REPORT_CATEGORY = 'credit-report';

/** The first `prevHash` of every trail. */
export const GENESIS_HASH = '0'.repeat(64);
