import { z } from 'zod';
import { CreditRecordView, Objection, RepairRequest } from '../records/credit';
import {
  CREDIT_CATEGORIES,
  CREDIT_STATUSES,
  OBJECTION_OUTCOMES,
  SEVERITIES,
} from '../vocabulary/credit';
import { DENIAL_REASONS } from '../vocabulary/authorizations';
import { evaluate, submit } from './call';
import { creditCode, hex64, id, instant, text, token } from './inputs';

const byId = z.object({ id }).strict();
const decideRequest = z.object({ id, note: text(1000) }).strict();

/**
 * A credit report entry as anchored (see `CreditReport`). Reports are read with unknown fields
 * kept: a report is served exactly as it was hashed.
 */
const ReportEntry = z.looseObject({
  id: z.string(),
  category: z.enum(CREDIT_CATEGORIES),
  severity: z.enum(SEVERITIES),
  title: z.string(),
  authority: z.string(),
  decisionHash: z.string(),
  effectiveAt: z.string(),
  publicUntil: z.string().nullable(),
});

export const AnchoredCreditReport = z.looseObject({
  subject: z.string(),
  generatedAt: z.string(),
  txId: z.string(),
  records: z.array(ReportEntry),
  summary: z.looseObject({ public: z.number(), adverse: z.number(), positive: z.number() }),
});

/** The access a report read was recorded as, when it was read under an authorization. */
const accessFields = {
  eventId: z.string(),
  eventHash: z.string(),
  seq: z.number().int(),
};

/**
 * A generated report: the report and the hash anchored with it, and with an authorization the
 * access it was recorded as; a denied read is recorded and has no report.
 */
export const GeneratedReport = z.discriminatedUnion('allowed', [
  z.object({
    allowed: z.literal(true),
    ...z.object(accessFields).partial().shape,
    reason: z.null().optional(),
    report: AnchoredCreditReport,
    reportHash: z.string(),
    anchoredAt: z.string(),
    txId: z.string(),
  }),
  z.object({
    allowed: z.literal(false),
    ...accessFields,
    reason: z.enum(DENIAL_REASONS),
    report: z.null(),
    reportHash: z.null(),
  }),
]);
export type GeneratedReport = z.infer<typeof GeneratedReport>;

/** What the ledger keeps of a generated report. */
export const ReportAnchor = z.object({
  reportHash: z.string(),
  subject: z.string(),
  generatedAt: z.string(),
  txId: z.string(),
  requestedBy: z.string(),
});

/** `credit`: supervisory records on enterprises, their objections, repairs and reports. */
export const creditCalls = {
  'credit:createRecord': submit(
    z
      .object({
        id,
        subject: creditCode,
        category: z.enum(CREDIT_CATEGORIES),
        severity: z.enum(SEVERITIES),
        title: text(200),
        decisionHash: hex64,
        effectiveAt: instant,
        publicUntil: instant.nullable().optional(),
      })
      .strict(),
    CreditRecordView,
  ),
  'credit:withdrawRecord': submit(z.object({ id, reason: text(500) }).strict(), CreditRecordView),
  'credit:fileObjection': submit(
    z.object({ id, recordId: id, reason: text(1000), evidenceHash: hex64 }).strict(),
    Objection,
  ),
  'credit:resolveObjection': submit(
    z.object({ id, outcome: z.enum(OBJECTION_OUTCOMES), note: text(1000) }).strict(),
    Objection,
  ),
  'credit:requestRepair': submit(
    z.object({ id, recordId: id, evidenceHash: hex64, note: text(1000) }).strict(),
    RepairRequest,
  ),
  'credit:approveRepair': submit(decideRequest, RepairRequest),
  'credit:rejectRepair': submit(decideRequest, RepairRequest),
  'credit:generateReport': submit(
    z
      .object({
        subject: creditCode,
        authorizationId: id.optional(),
        purpose: token.optional(),
        requestHash: hex64.optional(),
      })
      .strict(),
    GeneratedReport,
  ),
  'credit:getReportAnchor': evaluate(z.object({ reportHash: hex64 }).strict(), ReportAnchor),
  'credit:getRecord': evaluate(z.object({ id, at: instant.optional() }).strict(), CreditRecordView),
  'credit:listBySubject': evaluate(
    z.object({ subject: creditCode, status: z.enum(CREDIT_STATUSES).optional() }).strict(),
    z.array(CreditRecordView),
  ),
  'credit:getObjection': evaluate(byId, Objection),
  'credit:getRepairRequest': evaluate(byId, RepairRequest),
} as const;
