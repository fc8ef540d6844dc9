import type { AccessEvent as LedgerAccessEvent } from '@citytrust/domain';
import { Object as DataType, Property } from 'fabric-contract-api';
import type { DenialReason, Operation } from '@citytrust/domain';

/**
 * One use of data, allowed or denied, as a link of its authorization's hash chain:
 * `eventHash` is SHA-256 over the canonical JSON of every other field, `prevHash` included.
 */
@DataType()
export class AccessEvent implements LedgerAccessEvent {
  @Property('authorizationId', 'string')
  authorizationId = '';

  /** Position in the trail, from 0. */
  @Property('seq', 'number')
  seq = 0;

  /** The id of the transaction that recorded it. */
  @Property('eventId', 'string')
  eventId = '';

  @Property('at', 'string')
  at = '';

  /** The organization that asked. */
  @Property('actor', 'string')
  actor = '';

  @Property('category', 'string')
  category = '';

  @Property('purpose', 'string')
  purpose = '';

  @Property('operation', 'string')
  operation: Operation = 'READ';

  @Property('recordCount', 'number')
  recordCount = 0;

  @Property('requestHash', 'string')
  requestHash = '';

  @Property('allowed', 'boolean')
  allowed = false;

  /** Why an access was refused; `null` on an allowed event. */
  @Property('reason', 'string')
  reason: DenialReason | null = null;

  @Property('prevHash', 'string')
  prevHash = '';

  @Property('eventHash', 'string')
  eventHash = '';
}
