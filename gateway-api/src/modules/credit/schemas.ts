import { Type, type Static } from '@sinclair/typebox';
import {
  CREDIT_CATEGORIES,
  CREDIT_STATUSES,
  OBJECTION_OUTCOMES,
  SEVERITIES,
} from '@citytrust/domain';
import {
  CreditCode,
  Hash,
  Id,
  Instant,
  LedgerCoordinates,
  Page,
  StringEnum,
  Text,
  Token,
} from '../../shared/schemas';

// ---------------------------------------------------------------------------- credit records

export const CreditRecordSchema = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  category: Type.String(),
  severity: Type.String(),
  title: Type.String(),
  authority: Type.String(),
  decisionHash: Type.String(),
  effectiveAt: Type.String(),
  publicUntil: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ description: 'ACTIVE, REPAIRED, WITHDRAWN, or EXPIRED by publicUntil' }),
  statusNote: Type.Union([Type.String(), Type.Null()]),
  pendingWorkflow: Type.Union([Type.String(), Type.Null()], {
    description: 'the objection or repair request under way, if any: one at a time',
  }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const WrittenRecord = Type.Object({
  ...CreditRecordSchema.properties,
  ...LedgerCoordinates,
});

export const NewRecord = Type.Object(
  {
    subject: CreditCode,
    category: StringEnum(CREDIT_CATEGORIES),
    severity: StringEnum(SEVERITIES),
    title: Text(200),
    decisionHash: Hash,
    effectiveAt: Instant,
    // Left out when publicity has no end; not nullable, as the app's type coercion would
    // take "" for null.
    publicUntil: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export type NewRecord = Static<typeof NewRecord>;

/** A record, objection or repair request by its id. */
export const IdParams = Type.Object({ id: Id });

export const RecordAt = Type.Object(
  {
    at: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'the status the record had then (NOT_RECORDED before it existed)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const SubjectParams = Type.Object({ subject: CreditCode });

export const RecordsQuery = Type.Object(
  { status: Type.Optional(StringEnum(CREDIT_STATUSES)), ...Page },
  { additionalProperties: false },
);
export type RecordsQuery = Static<typeof RecordsQuery>;

export const Withdrawal = Type.Object({ reason: Text(500) }, { additionalProperties: false });

// ---------------------------------------------------- workflows: objections and credit repair

export const ObjectionSchema = Type.Object({
  id: Type.String(),
  recordId: Type.String(),
  subject: Type.String(),
  reason: Type.String(),
  evidenceHash: Type.String(),
  status: Type.String({ description: 'PENDING, UPHELD or CORRECTED' }),
  resolutionNote: Type.Union([Type.String(), Type.Null()]),
  filedBy: Type.String(),
  filedAt: Type.String(),
  resolvedAt: Type.Union([Type.String(), Type.Null()]),
});

export const RepairRequestSchema = Type.Object({
  id: Type.String(),
  recordId: Type.String(),
  subject: Type.String(),
  evidenceHash: Type.String(),
  note: Type.String(),
  status: Type.String({ description: 'PENDING, APPROVED or REJECTED' }),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
});

export const WrittenObjection = Type.Object({
  ...ObjectionSchema.properties,
  ...LedgerCoordinates,
});
export const WrittenRepair = Type.Object({
  ...RepairRequestSchema.properties,
  ...LedgerCoordinates,
});

export const NewObjection = Type.Object(
  { reason: Text(1000), evidenceHash: Hash },
  { additionalProperties: false },
);
export type NewObjection = Static<typeof NewObjection>;

export const Resolution = Type.Object(
  {
    outcome: StringEnum(OBJECTION_OUTCOMES),
    note: Text(1000),
  },
  { additionalProperties: false },
);
export type Resolution = Static<typeof Resolution>;

export const NewRepair = Type.Object(
  { evidenceHash: Hash, note: Text(1000) },
  { additionalProperties: false },
);
export type NewRepair = Static<typeof NewRepair>;

export const Note = Type.Object({ note: Text(1000) }, { additionalProperties: false });

// ------------------------------------------------------------------------------ credit reports

export const CreditReportSchema = Type.Object(
  {
    subject: Type.String(),
    generatedAt: Type.String(),
    txId: Type.String(),
    records: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          category: Type.String(),
          severity: Type.String(),
          title: Type.String(),
          authority: Type.String(),
          decisionHash: Type.String(),
          effectiveAt: Type.String(),
          publicUntil: Type.Union([Type.String(), Type.Null()]),
        },
        { additionalProperties: true },
      ),
    ),
    summary: Type.Object(
      {
        public: Type.Integer(),
        adverse: Type.Integer(),
        positive: Type.Integer(),
      },
      { additionalProperties: true },
    ),
  },
  {
    // Served exactly as hashed: a field added by the ledger must not be dropped on the way out.
    additionalProperties: true,
    description: 'computed from ledger state at generatedAt; its canonical hash is anchored',
  },
);

export const ReportQuery = Type.Object(
  { authorizationId: Type.Optional(Id), purpose: Type.Optional(Token) },
  { additionalProperties: false },
);
export type ReportQuery = Static<typeof ReportQuery>;

export const GeneratedReportAnswer = Type.Object({
  report: CreditReportSchema,
  reportHash: Hash,
  anchoredAt: Instant,
  txId: Type.String(),
  blockNumber: Type.Integer({ minimum: 0 }),
  access: Type.Optional(
    Type.Object({
      authorizationId: Type.String(),
      eventId: Type.String(),
      eventHash: Type.Optional(Type.String()),
      requestHash: Hash,
    }),
  ),
});

/** The shape a report must have to be checked at all; anything else in it is hashed as given. */
export const ReportToVerify = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 64 }),
    generatedAt: Type.String({ minLength: 1, maxLength: 64 }),
    txId: Type.String({ minLength: 1, maxLength: 128 }),
    records: Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 10_000 }),
    summary: Type.Object({}, { additionalProperties: true }),
  },
  { additionalProperties: true },
);
export type ReportToVerify = Static<typeof ReportToVerify>;

export const VerifyReportBody = Type.Object(
  { report: ReportToVerify },
  { additionalProperties: false },
);

export const ReportVerification = Type.Object({
  valid: Type.Boolean(),
  anchored: Type.Boolean(),
  generatedAt: Type.Union([Type.String(), Type.Null()], {
    description: 'when the anchored report was generated; null when not anchored',
  }),
  reportHash: Hash,
  subject: Type.String(),
  txId: Type.Union([Type.String(), Type.Null()], {
    description: 'the transaction that anchored it',
  }),
});
