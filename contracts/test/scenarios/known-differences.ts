/**
 * Scenario steps whose outcome on the EVM differs from the chaincode's, by scenario name and
 * step title, each with the reason. Only genuine differences of the two ledger families
 * belong here; the scenario test fails when a listed step starts to pass, so the list stays
 * exact.
 */
const ROLES_ARE_A_SET =
  "roles are a set on the EVM (OrgRegistry's bit mask) and read back in the Role enum's order; the chaincode keeps the order they were given in";

const BLOCK_TIME_ONLY_MOVES_FORWARD =
  "EVM block time only moves forward, so a transaction cannot be dated before the chain's latest block (the adapter refuses the step as BLOCK_TIME); the chaincode takes the client's timestamp and refuses a change dated before the record's last one as INVALID_ARGUMENT";
const MEMBER_CHANGE_NEEDS_ITS_DOCUMENT =
  "a batch member's first change on the EVM takes its document hash and Merkle proof, so the change is bound to the member's leaf and OpenAttestation verifiers see the revocation (isRevoked on the leaf); the chaincode changes a member by id alone. The scenario's 100,000-member batch is a bare root whose documents it never gives, so the adapter (playing the issuer) has no document to send";

export const KNOWN_DIFFERENCES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'registry: organizations, roles, certificate types, data catalog, negative list': {
    'acme-trading also becomes a REQUESTER, keeping its code': ROLES_ARE_A_SET,
    'the new roles are read back with updatedAt': ROLES_ARE_A_SET,
    'acme-trading takes back ENTERPRISE with its own code': ROLES_ARE_A_SET,
    'audit-office is given GOVERNANCE too': ROLES_ARE_A_SET,
  },
  'certificates: issue, suspend, reinstate, revoke, renew, expiry, status at a past time, Merkle batches':
    {
      'a member of the large batch is revoked': MEMBER_CHANGE_NEEDS_ITS_DOCUMENT,
      'the revoked member reads REVOKED, a neighbour ACTIVE': MEMBER_CHANGE_NEEDS_ITS_DOCUMENT,
    },
  'hardening: backdating, self-grants, subject revocation, per-holder personal data, workflow privacy':
    {
      'a reinstatement dated before the suspension is refused': BLOCK_TIME_ONLY_MOVES_FORWARD,
    },
};
