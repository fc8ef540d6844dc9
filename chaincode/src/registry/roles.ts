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
