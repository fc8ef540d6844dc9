import type { Certificate as LedgerCertificate } from '@citytrust/domain';
import { Object as DataType, Property } from 'fabric-contract-api';
import type { RecordedCertificateStatus as RecordedStatus } from '@citytrust/domain';

/**
 * An e-certificate's ledger record. The document itself stays with its holder; the ledger
 * keeps its hash and a salted holder reference, never the holder's identity.
 */
@DataType()
export class Certificate implements LedgerCertificate {
  @Property('id', 'string')
  id = '';

  @Property('type', 'string')
  type = '';

  @Property('issuer', 'string')
  issuer = '';

  /** Salted SHA-256 of the holder's identifier; null for a batch member (it is in the leaf). */
  @Property('holderRef', 'string')
  holderRef: string | null = null;

  /** SHA-256 of the canonical credential; null for a batch member (proved against the root). */
  @Property('documentHash', 'string')
  documentHash: string | null = null;

  @Property('batchId', 'string')
  batchId: string | null = null;

  @Property('merkleRoot', 'string')
  merkleRoot: string | null = null;

  @Property('validFrom', 'string')
  validFrom = '';

  @Property('validUntil', 'string')
  validUntil: string | null = null;

  @Property('status', 'string')
  status: RecordedStatus = 'ACTIVE';

  /** Why it was last suspended, reinstated or revoked. */
  @Property('reason', 'string')
  reason: string | null = null;

  @Property('supersedes', 'string')
  supersedes: string | null = null;

  @Property('supersededBy', 'string')
  supersededBy: string | null = null;

  @Property('issuedAt', 'string')
  issuedAt = '';

  @Property('updatedAt', 'string')
  updatedAt = '';
}
