import { z } from 'zod';
import { AccessEvent, AuthorizationView } from '../records/authorizations';
import {
  AUTHORIZATION_STATUSES,
  DENIAL_REASONS,
  LEGAL_BASES,
  OPERATIONS,
} from '../vocabulary/authorizations';
import { evaluate, submit } from './call';
import { creditCode, distinct, hex64, id, instant, text, token } from './inputs';

const byId = z.object({ id }).strict();

/** Whose data: a citizen by salted reference, an enterprise by its public credit code. */
const subject = z.discriminatedUnion('type', [
  z.object({ type: z.literal('CITIZEN'), ref: hex64 }).strict(),
  z.object({ type: z.literal('ENTERPRISE'), creditCode }).strict(),
]);

/** One access as recorded: allowed, or denied with the first rule it broke. */
export const AccessOutcome = z.object({
  allowed: z.boolean(),
  eventId: z.string(),
  eventHash: z.string(),
  reason: z.enum(DENIAL_REASONS).nullable(),
  seq: z.number().int(),
});
export type AccessOutcome = z.infer<typeof AccessOutcome>;

const TrailProblem = z.enum([
  ...DENIAL_REASONS,
  'BROKEN_CHAIN',
  'BAD_HASH',
  'BAD_SEQUENCE',
  'MISSING_EVENTS',
]);
const Violation = z.object({ seq: z.number(), eventId: z.string(), problem: TrailProblem });

/** An auditor's verdict on one authorization's trail (see `auditTrail`). */
export const TrailAuditResult = z.object({
  authorizationId: z.string(),
  intact: z.boolean(),
  events: z.number().int(),
  allowed: z.number().int(),
  denied: z.number().int(),
  violations: z.array(Violation),
  headHash: z.string(),
});

/** An auditor's verdict on every trail of a grantee, counting the events in a period. */
export const GranteeTrailAudit = z.object({
  intact: z.boolean(),
  events: z.number().int(),
  allowed: z.number().int(),
  denied: z.number().int(),
  violations: z.array(Violation.extend({ authorizationId: z.string() })),
});

/** The record of a subject's personal data purged from the private data store. */
export const ForgetRecord = z.object({
  subject: z.string(),
  purged: z.array(z.object({ keyHash: z.string(), valueHash: z.string() })),
  forgottenBy: z.string(),
  forgottenAt: z.string(),
  txId: z.string(),
});

/** `authorizations`: who may use whose data, and every use on a hash-chained trail. */
export const authorizationCalls = {
  'authorizations:create': submit(
    z
      .object({
        id,
        subject,
        grantee: id,
        categories: z.array(token).min(1).max(32).refine(distinct, 'must not repeat a category'),
        purpose: token,
        legalBasis: z.enum(LEGAL_BASES),
        operations: z
          .array(z.enum(OPERATIONS))
          .min(1)
          .refine(distinct, 'must not repeat an operation'),
        maxAccesses: z.number().int().min(1).max(1_000_000).nullable().optional(),
        maxPerDay: z.number().int().min(1).max(100_000).nullable().optional(),
        validFrom: instant,
        validUntil: instant,
        consentEvidenceHash: hex64,
      })
      .strict(),
    AuthorizationView,
  ),
  'authorizations:revoke': submit(z.object({ id, reason: text(500) }).strict(), AuthorizationView),
  'authorizations:recordAccess': submit(
    z
      .object({
        authorizationId: id,
        category: token,
        purpose: token,
        operation: z.enum(OPERATIONS),
        recordCount: z.number().int().min(0).max(1_000_000),
        requestHash: hex64,
      })
      .strict(),
    AccessOutcome,
  ),
  'authorizations:get': evaluate(byId, AuthorizationView),
  'authorizations:list': evaluate(
    z
      .object({
        subject: z.union([hex64, creditCode]).optional(),
        grantee: id.optional(),
        status: z.enum(AUTHORIZATION_STATUSES).optional(),
      })
      .strict(),
    z.array(AuthorizationView),
  ),
  'authorizations:trail': evaluate(byId, z.array(AccessEvent)),
  'authorizations:verifyTrail': evaluate(
    z.union([
      z.object({ authorizationId: id }).strict(),
      z.object({ grantee: id, from: instant, to: instant }).strict(),
    ]),
    z.union([TrailAuditResult, GranteeTrailAudit]),
  ),
  'authorizations:forget': submit(z.object({ subject: hex64 }).strict(), ForgetRecord),
} as const;
