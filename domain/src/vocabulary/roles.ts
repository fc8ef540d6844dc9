/** What an organization may do; it holds a set of them. Order matters: `Role.sol` follows it. */
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
