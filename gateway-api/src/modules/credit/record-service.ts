import { randomUUID } from 'node:crypto';
import type { Role } from '@citytrust/domain';
import { hasRole, type Caller } from '../../auth/caller';
import type { HubLedger } from '../../ledgers/hub-ledger';
import { paginate } from '../../shared/pagination';
import { Problem } from '../../shared/problem';
import { toLedgerSecond, withLedgerSeconds } from '../../shared/ledger-time';
import type { NewRecord, RecordsQuery } from './schemas';

/** Refuses a caller without `role`, as the auth plugin's `requireRole` words it. */
export function requireCallerRole(caller: Caller, role: Role): void {
  if (!hasRole(caller, role))
    throw new Problem('forbidden', `${caller.org.id} does not hold ${role}`);
}

/** A CREDIT_AUTHORITY records a fact on an enterprise; it becomes the record's authority. */
export async function createRecord(ledger: HubLedger, caller: Caller, input: NewRecord) {
  // Stays: on the EVM a date outside 1970-2200 is refused (400) before the role (403).
  requireCallerRole(caller, 'CREDIT_AUTHORITY');
  return ledger.submit({
    org: caller.org.id,
    fn: 'credit:createRecord',
    args: { id: randomUUID(), ...withLedgerSeconds(input, ['effectiveAt', 'publicUntil']) },
  });
}

/** A record with its status now, or at `at`; any organization with a key reads records. */
export async function readRecord(ledger: HubLedger, caller: Caller, id: string, at?: string) {
  return ledger.evaluate({
    org: caller.org.id,
    fn: 'credit:getRecord',
    args: { id, ...(at ? { at: toLedgerSecond(at) } : {}) },
  });
}

/** One page of an enterprise's records, optionally of one status. */
export async function listRecords(
  ledger: HubLedger,
  caller: Caller,
  subject: string,
  query: RecordsQuery,
) {
  const { status, ...page } = query;
  const all = await ledger.evaluate({
    org: caller.org.id,
    fn: 'credit:listBySubject',
    args: { subject, ...(status ? { status } : {}) },
  });
  return paginate(all, (record) => record.id, page);
}

/** The record's authority withdraws its active record; the record stays, as WITHDRAWN. */
export async function withdrawRecord(
  ledger: HubLedger,
  caller: Caller,
  id: string,
  reason: string,
) {
  // Stays: the ledger looks the record up first: an unknown id would be 404, not 403.
  requireCallerRole(caller, 'CREDIT_AUTHORITY');
  return ledger.submit({
    org: caller.org.id,
    fn: 'credit:withdrawRecord',
    args: { id, reason },
  });
}
