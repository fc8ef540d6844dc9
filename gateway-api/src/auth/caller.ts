/** The chaincode's roles (chaincode/src/registry/roles.ts). */
export const ROLES = [
  'GOVERNANCE',
  'ISSUER',
  'CREDIT_AUTHORITY',
  'DATA_HOLDER',
  'REQUESTER',
  'AUDITOR',
  'ENTERPRISE',
] as const;

export type Role = (typeof ROLES)[number];

/** An organization as the registry keeps it. */
export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly roles: Role[];
  readonly creditCode: string | null;
  readonly registeredAt: string;
  readonly updatedAt: string;
}

/** Who is calling: the organization the API key belongs to, as the registry knows it now. */
export interface Caller {
  readonly org: Organization;
}

export const hasRole = (caller: Caller, role: Role): boolean => caller.org.roles.includes(role);
