import { hasRole, type Caller } from '../../auth/caller';
import type { HubLedger } from '../../ledgers/hub-ledger';
import { withLedgerSeconds } from '../../shared/ledger-time';
import { Problem } from '../../shared/problem';
import type { TrailAuditRequest } from './schemas';

/**
 * Third-party audit of data use: the ledger recomputes one authorization's trail, or a
 * grantee's trails over a period, and re-checks every allowed event against its terms.
 */
export async function verifyTrail(ledger: HubLedger, caller: Caller, input: TrailAuditRequest) {
  // Stays: EVM reads are open to anyone; through the hub, auditing a trail is AUDITOR work.
  if (!hasRole(caller, 'AUDITOR'))
    throw new Problem('forbidden', `${caller.org.id} does not hold AUDITOR`);
  const audit = await ledger.evaluate({
    org: caller.org.id,
    fn: 'authorizations:verifyTrail',
    args: 'grantee' in input ? withLedgerSeconds(input, ['from', 'to']) : input,
  });
  return { ...audit, headHash: 'headHash' in audit ? audit.headHash : null };
}
