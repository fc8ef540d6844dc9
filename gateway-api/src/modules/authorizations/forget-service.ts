import type { Caller } from '../../auth/caller';
import type { HubLedger } from '../../ledgers/hub-ledger';

/**
 * Forgetting: a data holder purges a citizen's personal data from its private collection; the
 * purge itself is recorded. Only a DATA_HOLDER may: both backends check that role first (403).
 */
export async function forgetSubject(ledger: HubLedger, caller: Caller, subject: string) {
  return ledger.submit({
    org: caller.org.id,
    fn: 'authorizations:forget',
    args: { subject },
  });
}
