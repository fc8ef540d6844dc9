import { z } from 'zod';
import {
  AUTHORIZATION_STATUSES,
  DENIAL_REASONS,
  LEGAL_BASES,
  OPERATIONS,
  RECORDED_AUTHORIZATION_STATUSES,
  SUBJECT_TYPES,
} from '../vocabulary/authorizations';
import { hashField, instantField, nullableInstant, record } from './fields';

const authorizationFields = {
  id: z.string(),
  subjectType: z.enum(SUBJECT_TYPES),
  /** A citizen's salted reference, or an enterprise's public credit code. */
  subject: z.string(),
  /** The organization that created it: a DATA_HOLDER, or the subject enterprise itself. */
  createdBy: z.string(),
  grantee: z.string(),
  categories: z.array(z.string()),
  purpose: z.string(),
  legalBasis: z.enum(LEGAL_BASES),
  operations: z.array(z.enum(OPERATIONS)),
  maxAccesses: z.number().int().nullable(),
  maxPerDay: z.number().int().nullable(),
  validFrom: instantField,
  validUntil: instantField,
  consentEvidenceHash: hashField,
  /** Allowed accesses so far. */
  used: z.number().int(),
  /** Events in the trail, allowed and denied. */
  eventCount: z.number().int(),
  /** `eventHash` of the newest event, or the genesis hash. */
  headHash: hashField,
  revokedAt: nullableInstant,
  revocationReason: z.string().nullable(),
  createdAt: instantField,
  updatedAt: instantField,
};

/** Who may use whose data, for what and how much. */
export const Authorization = record({
  ...authorizationFields,
  status: z.enum(RECORDED_AUTHORIZATION_STATUSES),
});
export type Authorization = z.infer<typeof Authorization>;

/** An authorization as a reader is told it: `EXPIRED` once past `validUntil`. */
export const AuthorizationView = record({
  ...authorizationFields,
  status: z.enum(AUTHORIZATION_STATUSES),
});
export type AuthorizationView = z.infer<typeof AuthorizationView>;

/**
 * One use of data, allowed or denied, as a link of its authorization's hash chain:
 * `eventHash` is SHA-256 over the canonical JSON of every other field, `prevHash` included.
 */
export const AccessEvent = record({
  authorizationId: z.string(),
  /** Position in the trail, from 0. */
  seq: z.number().int(),
  /** The id of the transaction that recorded it. */
  eventId: z.string(),
  at: instantField,
  /** The organization that asked. */
  actor: z.string(),
  category: z.string(),
  purpose: z.string(),
  operation: z.enum(OPERATIONS),
  recordCount: z.number().int(),
  requestHash: hashField,
  allowed: z.boolean(),
  reason: z.enum(DENIAL_REASONS).nullable(),
  prevHash: hashField,
  eventHash: hashField,
});
export type AccessEvent = z.infer<typeof AccessEvent>;
