import type { Authorization as LedgerAuthorization } from '@citytrust/domain';
import {
  GENESIS_HASH,
  type LegalBasis,
  type Operation,
  type RecordedAuthorizationStatus as AuthorizationRecordedStatus,
  type SubjectType,
} from '@citytrust/domain';
import { Object as DataType, Property } from 'fabric-contract-api';

/**
 * Who may use whose data, for what and how much. A citizen subject appears only as a salted
 * reference; an enterprise subject by its credit code, which is public by law.
 */
@DataType()
export class Authorization implements LedgerAuthorization {
  @Property('id', 'string')
  id = '';

  @Property('subjectType', 'string')
  subjectType: SubjectType = 'CITIZEN';

  @Property('subject', 'string')
  subject = '';

  /** The organization that created it: a DATA_HOLDER, or the subject enterprise itself. */
  @Property('createdBy', 'string')
  createdBy = '';

  @Property('grantee', 'string')
  grantee = '';

  @Property('categories', 'string[]')
  categories: string[] = [];

  @Property('purpose', 'string')
  purpose = '';

  @Property('legalBasis', 'string')
  legalBasis: LegalBasis = 'CONSENT';

  @Property('operations', 'string[]')
  operations: Operation[] = [];

  @Property('maxAccesses', 'number')
  maxAccesses: number | null = null;

  @Property('maxPerDay', 'number')
  maxPerDay: number | null = null;

  @Property('validFrom', 'string')
  validFrom = '';

  @Property('validUntil', 'string')
  validUntil = '';

  @Property('consentEvidenceHash', 'string')
  consentEvidenceHash = '';

  @Property('status', 'string')
  status: AuthorizationRecordedStatus = 'ACTIVE';

  /** Allowed accesses so far. */
  @Property('used', 'number')
  used = 0;

  /** Events in the trail, allowed and denied. */
  @Property('eventCount', 'number')
  eventCount = 0;

  /** `eventHash` of the newest event, or the genesis hash. */
  @Property('headHash', 'string')
  headHash = GENESIS_HASH;

  @Property('revokedAt', 'string')
  revokedAt: string | null = null;

  @Property('revocationReason', 'string')
  revocationReason: string | null = null;

  @Property('createdAt', 'string')
  createdAt = '';

  @Property('updatedAt', 'string')
  updatedAt = '';
}
