import type { ResultOf } from '@citytrust/domain';
import type { HubLedger, SubmittedCall } from '../../ledgers/hub-ledger';
import { toLedgerSecond } from '../../shared/ledger-time';
import { paginate, type PageOf, type PageQuery } from '../../shared/pagination';

/** The status transitions an issuer makes, each one chaincode function. */
export type StatusChange = 'suspend' | 'reinstate' | 'revoke';

type HistoryEntry = ResultOf<'certificates:history'>[number];

/** The certificate as the ledger keeps it, with its status now, or at `at`. */
export async function readCertificate(
  ledger: HubLedger,
  org: string,
  id: string,
  at: string | undefined,
): Promise<ResultOf<'certificates:get'>> {
  return await ledger.evaluate({
    org,
    fn: 'certificates:get',
    args: { id, ...(at === undefined ? {} : { at: toLedgerSecond(at) }) },
  });
}

/** One page of the certificate's recorded states, oldest first. */
export async function certificateHistory(
  ledger: HubLedger,
  org: string,
  id: string,
  query: PageQuery,
): Promise<PageOf<HistoryEntry>> {
  const history = await ledger.evaluate({ org, fn: 'certificates:history', args: { id } });
  // Positions, zero-padded, keep the ledger's order through the cursor.
  const positioned = history.map((entry, index) => ({
    entry,
    key: String(index).padStart(9, '0'),
  }));
  const page = paginate(positioned, (each) => each.key, query);
  return { items: page.items.map((each) => each.entry), nextCursor: page.nextCursor };
}

/** The record a status change left, and where it landed on the ledger. */
type Changed = ResultOf<`certificates:${StatusChange}`> &
  Pick<SubmittedCall, 'txId' | 'blockNumber'>;

/** Suspends, reinstates or revokes a certificate: only its issuer may, as the ledger decides. */
export async function changeStatus(
  ledger: HubLedger,
  org: string,
  change: StatusChange,
  { id, reason }: { readonly id: string; readonly reason: string },
): Promise<Changed> {
  const { result, txId, blockNumber } = await ledger.submit({
    org,
    fn: `certificates:${change}`,
    args: { id, reason },
  });
  return { ...result, txId, blockNumber };
}
