import { AccessOutcome, type ResultOf } from '@citytrust/domain';
import { hasRole, type Caller } from '../../auth/caller';
import {
  LedgerRefusal,
  type HubLedger,
  type LedgerCall,
  type SubmittedCall,
} from '../../ledgers/hub-ledger';
import { KeyedQueue } from '../../shared/keyed-queue';
import { Problem } from '../../shared/problem';
import { readAuthorization } from './authorization-service';
import type { NewAccess } from './schemas';

/** The calls that record a data access, allowed or denied (both are committed). */
type AccessCall = 'authorizations:recordAccess' | 'credit:generateReport';

/** The access a call's answer records, when it records one. */
function outcomeOf(result: unknown): AccessOutcome | undefined {
  const parsed = AccessOutcome.safeParse(result);
  return parsed.success ? parsed.data : undefined;
}

function denial(outcome: AccessOutcome | undefined, submitted: SubmittedCall): Problem {
  const reason = outcome?.reason ?? 'DENIED';
  return new Problem('authorization-denied', `the access was denied (${reason}) and recorded`, {
    eventId: outcome?.eventId ?? submitted.txId,
    eventHash: outcome?.eventHash ?? null,
    reason,
    txId: submitted.txId,
    blockNumber: submitted.blockNumber,
  });
}

/** One queue per ledger (one per app): an authorization's accesses go one after another. */
const trailQueues = new WeakMap<HubLedger, KeyedQueue>();

/** One authorization's access events one after another (see `KeyedQueue`). */
function submitInTrailOrder<Name extends AccessCall>(
  ledger: HubLedger,
  call: LedgerCall<Name>,
): Promise<SubmittedCall<ResultOf<Name>>> {
  const authorizationId = call.args?.authorizationId;
  if (typeof authorizationId !== 'string') return ledger.submit(call);
  let queue = trailQueues.get(ledger);
  if (!queue) {
    queue = new KeyedQueue();
    trailQueues.set(ledger, queue);
  }
  return queue.run(authorizationId, () => ledger.submit(call));
}

/**
 * Submits a call that records a data access. A denial is a committed transaction, so it comes
 * back as an answer (`allowed: false`), or from a backend that reverts-and-records as a
 * `LedgerRefusal` carrying `recorded`; either way it becomes the 403 `authorization-denied`
 * problem with the recorded event's id.
 */
export async function submitAccess<Name extends AccessCall>(
  ledger: HubLedger,
  call: LedgerCall<Name>,
): Promise<{ outcome: AccessOutcome | undefined; submitted: SubmittedCall<ResultOf<Name>> }> {
  let submitted: SubmittedCall<ResultOf<Name>>;
  try {
    submitted = await submitInTrailOrder(ledger, call);
  } catch (error) {
    if (error instanceof LedgerRefusal && error.recorded) {
      const recorded = error.recorded;
      throw denial(outcomeOf(recorded.result), recorded);
    }
    throw error;
  }
  const outcome = outcomeOf(submitted.result);
  if (outcome && !outcome.allowed) throw denial(outcome, submitted);
  return { outcome, submitted };
}

/** The grantee reports one use of data; a denial is recorded and thrown as its problem. */
export async function recordAccess(ledger: HubLedger, caller: Caller, input: NewAccess) {
  // Stays: the EVM contract checks the request (zero requestHash: 400) before the role (403).
  if (!hasRole(caller, 'REQUESTER'))
    throw new Problem('forbidden', `${caller.org.id} does not hold REQUESTER`);
  const { outcome, submitted } = await submitAccess(ledger, {
    org: caller.org.id,
    fn: 'authorizations:recordAccess',
    args: input,
  });
  if (!outcome) throw new Error('the ledger answered an access without its outcome');
  return { outcome, submitted };
}

/** An authorization's access events in order, for those who may read the authorization. */
export async function readTrail(ledger: HubLedger, caller: Caller, id: string) {
  const authorization = await readAuthorization(ledger, caller, id);
  const events = await ledger.evaluate({
    org: caller.org.id,
    fn: 'authorizations:trail',
    args: { id: authorization.id },
  });
  return { authorizationId: authorization.id, headHash: authorization.headHash, events };
}
