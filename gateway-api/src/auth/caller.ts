import type { Organization, Role } from '@citytrust/domain';

export { ROLES } from '@citytrust/domain';
export type { Organization, Role };

/** Who is calling: the organization the API key belongs to, as the registry knows it now. */
export interface Caller {
  readonly org: Organization;
}

export const hasRole = (caller: Caller, role: Role): boolean => caller.org.roles.includes(role);
