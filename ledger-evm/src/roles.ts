import { ROLES, type Role as RoleName } from '@citytrust/domain';

export type { RoleName };

/** The roles of `src/Role.sol`, by name, as their enum values (the domain's order). */
export const Role = Object.fromEntries(ROLES.map((name, index) => [name, index])) as Record<
  RoleName,
  number
>;

/** The role mask OrgRegistry takes: bit `1 << role` for each role. */
export function roleMask(...names: RoleName[]): bigint {
  return names.reduce((mask, name) => mask | (1n << BigInt(Role[name])), 0n);
}

/** The role names of an OrgRegistry role mask, in the enum's order. */
export function roleNames(mask: bigint): RoleName[] {
  return ROLES.filter((name) => (mask >> BigInt(Role[name])) & 1n);
}
