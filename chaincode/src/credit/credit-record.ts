import { Object as DataType, Property } from 'fabric-contract-api';

export const CREDIT_CATEGORIES = [
  'LICENSE',
  'PENALTY',
  'RED_LIST',
  'BLACK_LIST',
  'ABNORMAL_OPERATION',
] as const;
export type CreditCategory = (typeof CREDIT_CATEGORIES)[number];

/** Adverse records an enterprise can ask to have repaired; LICENSE and RED_LIST are not. */
export const REPAIRABLE: readonly CreditCategory[] = [
  'PENALTY',
  'BLACK_LIST',
  'ABNORMAL_OPERATION',
];

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'SEVERE'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type CreditRecordedStatus = 'ACTIVE' | 'REPAIRED' | 'WITHDRAWN';
/** `EXPIRED` is derived from `publicUntil` when read. */
export type CreditStatus = CreditRecordedStatus | 'EXPIRED';

/** A supervisory fact about an enterprise. Never deleted: every change is a new version. */
@DataType()
export class CreditRecord {
  @Property('id', 'string')
  id = '';

  /** The enterprise's unified social credit code (public by law). */
  @Property('subject', 'string')
  subject = '';

  @Property('category', 'string')
  category: CreditCategory = 'PENALTY';

  @Property('severity', 'string')
  severity: Severity = 'LOW';

  @Property('title', 'string')
  title = '';

  @Property('authority', 'string')
  authority = '';

  @Property('decisionHash', 'string')
  decisionHash = '';

  @Property('effectiveAt', 'string')
  effectiveAt = '';

  @Property('publicUntil', 'string')
  publicUntil: string | null = null;

  @Property('status', 'string')
  status: CreditRecordedStatus = 'ACTIVE';

  @Property('statusNote', 'string')
  statusNote: string | null = null;

  /** The pending objection or repair request, if any: one workflow at a time. */
  @Property('pendingWorkflow', 'string')
  pendingWorkflow: string | null = null;

  @Property('createdAt', 'string')
  createdAt = '';

  @Property('updatedAt', 'string')
  updatedAt = '';
}
