/** Kinds of credit record, in `CreditRegistry.Category` order. */
export const CREDIT_CATEGORIES = [
  'LICENSE',
  'PENALTY',
  'RED_LIST',
  'BLACK_LIST',
  'ABNORMAL_OPERATION',
] as const;
export type CreditCategory = (typeof CREDIT_CATEGORIES)[number];

/** Records that count in an enterprise's favour; the others are adverse. */
export const POSITIVE_CREDIT_CATEGORIES: readonly CreditCategory[] = ['LICENSE', 'RED_LIST'];

/** Adverse records an enterprise can ask to have repaired; LICENSE and RED_LIST are not. */
export const REPAIRABLE_CREDIT_CATEGORIES: readonly CreditCategory[] = [
  'PENALTY',
  'BLACK_LIST',
  'ABNORMAL_OPERATION',
];

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'SEVERE'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What is written of a credit record. */
export const RECORDED_CREDIT_STATUSES = ['ACTIVE', 'REPAIRED', 'WITHDRAWN'] as const;
export type RecordedCreditStatus = (typeof RECORDED_CREDIT_STATUSES)[number];

/** What a reader is told: `EXPIRED` comes from `publicUntil`. */
export const CREDIT_STATUSES = [...RECORDED_CREDIT_STATUSES, 'EXPIRED'] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];

/** What a reader can be told of a record at a time: `NOT_RECORDED` before it existed. */
export const CREDIT_READ_STATUSES = ['NOT_RECORDED', ...CREDIT_STATUSES] as const;
export type CreditReadStatus = (typeof CREDIT_READ_STATUSES)[number];

/** The workflows on a credit record, one pending at a time. */
export const CREDIT_WORKFLOWS = ['OBJECTION', 'REPAIR'] as const;
export type CreditWorkflow = (typeof CREDIT_WORKFLOWS)[number];

export const OBJECTION_STATUSES = ['PENDING', 'UPHELD', 'CORRECTED'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
/** How an authority resolves an objection. */
export const OBJECTION_OUTCOMES = ['UPHELD', 'CORRECTED'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

export const REPAIR_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];
