import type { DataCategory as LedgerDataCategory } from '@citytrust/domain';
import { Object as DataType, Property } from 'fabric-contract-api';

/** A category of data in the catalog that authorizations may name. */
@DataType()
export class DataCategory implements LedgerDataCategory {
  @Property('id', 'string')
  id = '';

  @Property('name', 'string')
  name = '';

  @Property('addedAt', 'string')
  addedAt = '';
}
