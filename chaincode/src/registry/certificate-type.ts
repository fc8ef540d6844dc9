import type { CertificateType as LedgerCertificateType } from '@citytrust/domain';
import { Object as DataType, Property } from 'fabric-contract-api';

@DataType()
export class CertificateType implements LedgerCertificateType {
  @Property('id', 'string')
  id = '';

  @Property('name', 'string')
  name = '';

  /** SHA-256 of the canonical JSON schema the claims follow. */
  @Property('schemaHash', 'string')
  schemaHash = '';

  /** Organizations that may issue this type (they also need the ISSUER role). */
  @Property('issuers', 'string[]')
  issuers: string[] = [];

  /** Longest validity its certificates may have, in days; absent or null: no limit. */
  @Property('maxValidityDays', 'number')
  maxValidityDays?: number | null;

  @Property('definedAt', 'string')
  definedAt = '';

  @Property('updatedAt', 'string')
  updatedAt = '';
}
