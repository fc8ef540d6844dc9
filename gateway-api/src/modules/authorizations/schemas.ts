import { Type, type Static } from '@sinclair/typebox';
import { AUTHORIZATION_STATUSES as STATUSES, LEGAL_BASES, OPERATIONS } from '@citytrust/domain';
import {
  CreditCode,
  Hash,
  Id,
  Instant,
  LedgerCoordinates,
  Page,
  Text,
  Token,
} from '../../shared/schemas';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));
export const Operation = literals(OPERATIONS);

export const IdParams = Type.Object({ id: Id });

// ------------------------------------------------------------------------------ authorizations

/**
 * Whose data. A citizen appears only as `ref`, the SHA-256 of the canonical
 * `{"pseudonym":…,"salt":…}` (never a plaintext personal id); an enterprise by its unified
 * social credit code, which is public by law.
 */
const Subject = Type.Union([
  Type.Object(
    { type: Type.Literal('CITIZEN'), ref: Hash },
    { additionalProperties: false, title: 'CitizenSubject' },
  ),
  Type.Object(
    { type: Type.Literal('ENTERPRISE'), creditCode: CreditCode },
    { additionalProperties: false, title: 'EnterpriseSubject' },
  ),
]);

/** A citizen's personal data: handed to the ledger as transient data (private, purgeable). */
const Personal = Type.Object(
  {
    pseudonym: Type.String({ minLength: 1, maxLength: 256 }),
    salt: Type.String({ pattern: '^[0-9a-f]{32,128}$', description: '16-64 random bytes, hex' }),
    attributes: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 1024 }), {
        maxProperties: 32,
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      "a citizen subject's personal data; kept in the data holder's private collection, never on the ledger, purged by forget",
  },
);

export const NewAuthorization = Type.Object(
  {
    subject: Subject,
    grantee: Id,
    categories: Type.Array(Token, { minItems: 1, maxItems: 32, uniqueItems: true }),
    purpose: Token,
    legalBasis: literals(LEGAL_BASES),
    operations: Type.Array(Operation, {
      minItems: 1,
      maxItems: OPERATIONS.length,
      uniqueItems: true,
    }),
    // No `null` for "unlimited": leave the field out. The app coerces types, and a
    // nullable union would take 0 as null, turning a mistake into no limit at all.
    maxAccesses: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    maxPerDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    validFrom: Instant,
    validUntil: Instant,
    consentEvidenceHash: Hash,
    personal: Type.Optional(Personal),
  },
  { additionalProperties: false },
);
export type NewAuthorization = Static<typeof NewAuthorization>;

export const AuthorizationSchema = Type.Object({
  id: Type.String(),
  subjectType: Type.String({ description: 'CITIZEN or ENTERPRISE' }),
  subject: Type.String({ description: "a citizen's ref, or an enterprise's credit code" }),
  createdBy: Type.String(),
  grantee: Type.String(),
  categories: Type.Array(Type.String()),
  purpose: Type.String(),
  legalBasis: Type.String(),
  operations: Type.Array(Type.String()),
  maxAccesses: Type.Union([Type.Integer(), Type.Null()]),
  maxPerDay: Type.Union([Type.Integer(), Type.Null()]),
  validFrom: Type.String(),
  validUntil: Type.String(),
  consentEvidenceHash: Type.String(),
  status: Type.String({ description: 'ACTIVE, REVOKED, EXHAUSTED, or EXPIRED by validUntil' }),
  used: Type.Integer({ description: 'allowed accesses so far' }),
  eventCount: Type.Integer({ description: 'events in the trail, allowed and denied' }),
  headHash: Type.String({ description: "the newest event's eventHash, or 64 zeros" }),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  revocationReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Authorization = Static<typeof AuthorizationSchema>;

export const WrittenAuthorization = Type.Object({
  ...AuthorizationSchema.properties,
  ...LedgerCoordinates,
});

export const AuthorizationsQuery = Type.Object(
  {
    subject: Type.Optional(Type.Union([Hash, CreditCode])),
    grantee: Type.Optional(Id),
    status: Type.Optional(literals(STATUSES)),
    ...Page,
  },
  { additionalProperties: false },
);
export type AuthorizationsQuery = Static<typeof AuthorizationsQuery>;

export const Revocation = Type.Object({ reason: Text(500) }, { additionalProperties: false });

// ---------------------------------------------------------------------- access events, trails

export const AccessEventSchema = Type.Object({
  authorizationId: Type.String(),
  seq: Type.Integer({ minimum: 0, description: 'position in the trail, from 0' }),
  eventId: Type.String({ description: 'the transaction that recorded it' }),
  at: Type.String(),
  actor: Type.String(),
  category: Type.String(),
  purpose: Type.String(),
  operation: Type.String(),
  recordCount: Type.Integer(),
  requestHash: Type.String(),
  allowed: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'why it was denied' }),
  prevHash: Type.String(),
  eventHash: Type.String({
    description: 'SHA-256 over the canonical JSON of every other field, prevHash included',
  }),
});

export const NewAccess = Type.Object(
  {
    authorizationId: Id,
    category: Token,
    purpose: Token,
    operation: Operation,
    recordCount: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    requestHash: Hash,
  },
  { additionalProperties: false },
);
export type NewAccess = Static<typeof NewAccess>;

export const RecordedAccess = Type.Object({
  allowed: Type.Literal(true),
  eventId: Type.String(),
  eventHash: Hash,
  seq: Type.Integer({ minimum: 0 }),
  ...LedgerCoordinates,
});

export const Trail = Type.Object({
  authorizationId: Type.String(),
  headHash: Type.String(),
  events: Type.Array(AccessEventSchema),
});

// ------------------------------------------------------------------------------------- audit

const Violation = Type.Object(
  {
    authorizationId: Type.Optional(Type.String()),
    seq: Type.Integer(),
    eventId: Type.String(),
    problem: Type.String({
      description:
        'BROKEN_CHAIN, BAD_HASH, BAD_SEQUENCE, MISSING_EVENTS, or the rule an allowed event broke',
    }),
  },
  { additionalProperties: true },
);

export const TrailAuditRequest = Type.Union([
  Type.Object({ authorizationId: Id }, { additionalProperties: false, title: 'OneAuthorization' }),
  Type.Object(
    { grantee: Id, from: Instant, to: Instant },
    { additionalProperties: false, title: 'GranteePeriod' },
  ),
]);
export type TrailAuditRequest = Static<typeof TrailAuditRequest>;

export const TrailAudit = Type.Object({
  intact: Type.Boolean(),
  events: Type.Integer(),
  allowed: Type.Integer(),
  denied: Type.Integer(),
  violations: Type.Array(Violation),
  headHash: Type.Union([Type.String(), Type.Null()], {
    description:
      "the trail's head for one authorization; null for a grantee's period (see authorizations)",
  }),
  authorizationId: Type.Optional(Type.String()),
  authorizations: Type.Optional(
    Type.Array(Type.Object({ id: Type.String(), intact: Type.Boolean(), headHash: Type.String() })),
  ),
});

// ------------------------------------------------------------------------------------ forget

export const SubjectParams = Type.Object({ subject: Hash });

export const Forgotten = Type.Object({
  subject: Type.String(),
  purged: Type.Array(
    Type.Object({
      keyHash: Type.String({ description: 'SHA-256 of the private data key' }),
      valueHash: Type.String({ description: 'SHA-256 of the purged value' }),
    }),
    { description: 'empty on a ledger without private data (EVM)' },
  ),
  forgottenBy: Type.String(),
  forgottenAt: Type.String(),
  ...LedgerCoordinates,
});
