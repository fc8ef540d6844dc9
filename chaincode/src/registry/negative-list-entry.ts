import type { NegativeListEntry as LedgerNegativeListEntry } from '@citytrust/domain';
import { Object as DataType, Property } from 'fabric-contract-api';

/**
 * A category that may never be authorized or accessed while `listed`. Lifting an entry
 * updates it rather than deleting it, so the list in force at any past time can be read back.
 */
@DataType()
export class NegativeListEntry implements LedgerNegativeListEntry {
  @Property('category', 'string')
  category = '';

  @Property('reason', 'string')
  reason = '';

  @Property('listed', 'boolean')
  listed = true;

  @Property('updatedAt', 'string')
  updatedAt = '';
}
