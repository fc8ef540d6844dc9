/** The roles of `src/Role.sol`, by name, in their enum order. */
export const Role = {
  GOVERNANCE: 0,
  ISSUER: 1,
  CREDIT_AUTHORITY: 2,
  DATA_HOLDER: 3,
  REQUESTER: 4,
  AUDITOR: 5,
  ENTERPRISE: 6,
} as const;

export type RoleName = keyof typeof Role;

/** The role mask OrgRegistry takes: bit `1 << role` for each role. */
export function roleMask(...names: RoleName[]): bigint {
  return names.reduce((mask, name) => mask | (1n << BigInt(Role[name])), 0n);
}

/** The role names of an OrgRegistry role mask, in the enum's order. */
export function roleNames(mask: bigint): RoleName[] {
  return (Object.keys(Role) as RoleName[]).filter((name) => (mask >> BigInt(Role[name])) & 1n);
}
