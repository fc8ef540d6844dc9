import type { Objection as LedgerObjection } from '@citytrust/domain';
import type { ObjectionStatus } from '@citytrust/domain';
import { Object as DataType, Property } from 'fabric-contract-api';

/** The subject enterprise disputes a record; the record's authority upholds or corrects it. */
@DataType()
export class Objection implements LedgerObjection {
  @Property('id', 'string')
  id = '';

  @Property('recordId', 'string')
  recordId = '';

  @Property('subject', 'string')
  subject = '';

  @Property('reason', 'string')
  reason = '';

  @Property('evidenceHash', 'string')
  evidenceHash = '';

  @Property('status', 'string')
  status: ObjectionStatus = 'PENDING';

  @Property('resolutionNote', 'string')
  resolutionNote: string | null = null;

  @Property('filedBy', 'string')
  filedBy = '';

  @Property('filedAt', 'string')
  filedAt = '';

  @Property('resolvedAt', 'string')
  resolvedAt: string | null = null;
}
