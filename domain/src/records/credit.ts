import { z } from 'zod';
import {
  CREDIT_CATEGORIES,
  CREDIT_READ_STATUSES,
  CREDIT_WORKFLOWS,
  OBJECTION_STATUSES,
  RECORDED_CREDIT_STATUSES,
  REPAIR_STATUSES,
  SEVERITIES,
} from '../vocabulary/credit';
import { hashField, instantField, nullableInstant, record } from './fields';

const creditRecordFields = {
  id: z.string(),
  /** The enterprise's unified social credit code (public by law). */
  subject: z.string(),
  category: z.enum(CREDIT_CATEGORIES),
  severity: z.enum(SEVERITIES),
  title: z.string(),
  authority: z.string(),
  decisionHash: hashField,
  effectiveAt: instantField,
  publicUntil: nullableInstant,
  statusNote: z.string().nullable(),
  /** The pending objection or repair request (`objection/<id>`, `repair/<id>`), if any. */
  pendingWorkflow: z.string().nullable(),
  createdAt: instantField,
  updatedAt: instantField,
};

/** A supervisory fact about an enterprise. Never deleted: every change is a new version. */
export const CreditRecord = record({
  ...creditRecordFields,
  status: z.enum(RECORDED_CREDIT_STATUSES),
});
export type CreditRecord = z.infer<typeof CreditRecord>;

/**
 * A credit record as a reader is told it: `EXPIRED` once its publicity has ended, and
 * `NOT_RECORDED` when read at a time before it was created.
 */
export const CreditRecordView = record({
  ...creditRecordFields,
  status: z.enum(CREDIT_READ_STATUSES),
});
export type CreditRecordView = z.infer<typeof CreditRecordView>;

/** The subject enterprise disputes a record; the record's authority upholds or corrects it. */
export const Objection = record({
  id: z.string(),
  recordId: z.string(),
  subject: z.string(),
  reason: z.string(),
  evidenceHash: hashField,
  status: z.enum(OBJECTION_STATUSES),
  resolutionNote: z.string().nullable(),
  filedBy: z.string(),
  filedAt: instantField,
  resolvedAt: nullableInstant,
});
export type Objection = z.infer<typeof Objection>;

/** The subject enterprise asks, with evidence, for an adverse record to be repaired. */
export const RepairRequest = record({
  id: z.string(),
  recordId: z.string(),
  subject: z.string(),
  evidenceHash: hashField,
  note: z.string(),
  status: z.enum(REPAIR_STATUSES),
  decisionNote: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: instantField,
  decidedAt: nullableInstant,
});
export type RepairRequest = z.infer<typeof RepairRequest>;

export const CreditWorkflowKind = z.enum(CREDIT_WORKFLOWS);
