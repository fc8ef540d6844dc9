import type { RepairRequest as LedgerRepairRequest } from '@citytrust/domain';
import type { RepairStatus } from '@citytrust/domain';
import { Object as DataType, Property } from 'fabric-contract-api';

/** The subject enterprise asks, with evidence, for an adverse record to be repaired. */
@DataType()
export class RepairRequest implements LedgerRepairRequest {
  @Property('id', 'string')
  id = '';

  @Property('recordId', 'string')
  recordId = '';

  @Property('subject', 'string')
  subject = '';

  @Property('evidenceHash', 'string')
  evidenceHash = '';

  @Property('note', 'string')
  note = '';

  @Property('status', 'string')
  status: RepairStatus = 'PENDING';

  @Property('decisionNote', 'string')
  decisionNote: string | null = null;

  @Property('requestedBy', 'string')
  requestedBy = '';

  @Property('requestedAt', 'string')
  requestedAt = '';

  @Property('decidedAt', 'string')
  decidedAt: string | null = null;
}
