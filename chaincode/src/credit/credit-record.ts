import type { CreditRecord as LedgerCreditRecord } from '@citytrust/domain';
import type {
  CreditCategory,
  RecordedCreditStatus as CreditRecordedStatus,
  Severity,
} from '@citytrust/domain';
import { Object as DataType, Property } from 'fabric-contract-api';

/** A supervisory fact about an enterprise. Never deleted: every change is a new version. */
@DataType()
export class CreditRecord implements LedgerCreditRecord {
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
