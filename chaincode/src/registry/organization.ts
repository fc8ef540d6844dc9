import type { Organization as LedgerOrganization } from '@citytrust/domain';
import { Object as DataType, Property } from 'fabric-contract-api';
import type { Role } from '@citytrust/domain';

/** A member organization. Its id is its Fabric MSP ID, so a caller is found by its certificate. */
@DataType()
export class Organization implements LedgerOrganization {
  @Property('id', 'string')
  id = '';

  @Property('name', 'string')
  name = '';

  @Property('roles', 'string[]')
  roles: Role[] = [];

  /** Set for ENTERPRISE: the unified social credit code it acts for. */
  @Property('creditCode', 'string')
  creditCode: string | null = null;

  @Property('registeredAt', 'string')
  registeredAt = '';

  @Property('updatedAt', 'string')
  updatedAt = '';
}
