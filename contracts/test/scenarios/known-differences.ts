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
const PUBLIC_READS =
  "EVM state is public and a view cannot tell who asks (eth_call's `from` is not authenticated): AuthorizationRegistry answers any reader, so the chaincode's read limit (creator, grantee, AUDITOR) can only be the gateway's on the EVM";
const PUBLIC_LISTS =
  "EVM state is public: AuthorizationRegistry's lists return every matching authorization, not only those the caller may read (the chaincode filters by creator, grantee, AUDITOR); that filter can only be the gateway's on the EVM";
const PUBLIC_AUDIT =
  'on the EVM the trail audit is an off-chain recomputation (contracts/lib/access-trail.ts) over public events, which anyone can run: it cannot be AUDITOR-only';
const NOTHING_TO_PURGE =
  'no private data on the EVM: the chain holds only salted references and hashes, so forgetting purges nothing there (`purged` is empty); the request itself is recorded (SubjectForgotten, forgottenAt)';
const NO_PERSONAL_DATA_ON_CHAIN =
  'no private data on the EVM: the chain cannot know whether personal data came with a consent, so a holder may ask to forget a subject whenever it took a consent of it since its last request (AUTH-5 here); on Fabric there is nothing left in private data to purge';

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
  'authorizations: consent, hash-chained access trail, limits, expiry, negative list, audit, forgetting':
    {
      'another bank may not read AUTH-1': PUBLIC_READS,
      'another data holder may not read AUTH-1': PUBLIC_READS,
      'another bank may not read the trail': PUBLIC_READS,
      'the grantee may not verify a trail (AUDITOR only)': PUBLIC_AUDIT,
      'the data holder may not verify a trail (AUDITOR only)': PUBLIC_AUDIT,
      'the grantee cannot audit its own period': PUBLIC_AUDIT,
      'city-bank sees only its own authorizations': PUBLIC_LISTS,
      'river-bank sees only AUTH-3': PUBLIC_LISTS,
      'citizen-services forgets citizen A: the private data is purged, the purge recorded':
        NOTHING_TO_PURGE,
      'health-archive forgets citizen B': NOTHING_TO_PURGE,
      'so there is nothing of citizen A to forget': NO_PERSONAL_DATA_ON_CHAIN,
    },
  'hardening: backdating, self-grants, subject revocation, per-holder personal data, workflow privacy':
    {
      'a reinstatement dated before the suspension is refused': BLOCK_TIME_ONLY_MOVES_FORWARD,
      'an access dated before the last one is refused, not recorded': BLOCK_TIME_ONLY_MOVES_FORWARD,
    },
};
