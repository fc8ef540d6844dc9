import type { CertificateBatch as LedgerCertificateBatch } from '@citytrust/domain';
import { Object as DataType, Property } from 'fabric-contract-api';

/**
 * A batch anchored by its Merkle root: one small record however many members it has. Its
 * members are `<batchId>~<index>` for index 0 … count-1; see certificate-state.ts.
 */
@DataType()
export class CertificateBatch implements LedgerCertificateBatch {
  @Property('id', 'string')
  id = '';

  @Property('type', 'string')
  type = '';

  @Property('issuer', 'string')
  issuer = '';

  @Property('merkleRoot', 'string')
  merkleRoot = '';

  @Property('count', 'number')
  count = 0;

  @Property('validFrom', 'string')
  validFrom = '';

  @Property('validUntil', 'string')
  validUntil: string | null = null;

  @Property('anchoredAt', 'string')
  anchoredAt = '';
}
