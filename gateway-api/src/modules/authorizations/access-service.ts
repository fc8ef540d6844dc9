import type { FastifyInstance } from 'fastify';
import { KeyedQueue } from '../../shared/keyed-queue';
import { Problem } from '../../shared/problem';
import { AccessOutcome, type ResultOf } from '@citytrust/domain';
import { LedgerRefusal, type LedgerCall, type SubmittedCall } from '../../ledgers/hub-ledger';

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

/**
 * Submits a call that records a data access. A denial is a committed transaction, so it comes
 * back as an answer (`allowed: false`), or from a backend that reverts-and-records as a
 * `LedgerRefusal` carrying `recorded`; either way it becomes the 403 `authorization-denied`
 * problem with the recorded event's id.
 */
const trailQueues = new WeakMap<FastifyInstance, KeyedQueue>();

/** One authorization's access events one after another (see `KeyedQueue`). */
function submitInTrailOrder<Name extends AccessCall>(
  app: FastifyInstance,
  call: LedgerCall<Name>,
): Promise<SubmittedCall<ResultOf<Name>>> {
  const authorizationId = call.args?.authorizationId;
  if (typeof authorizationId !== 'string') return app.ledger.submit(call);
  let queue = trailQueues.get(app);
  if (!queue) {
    queue = new KeyedQueue();
    trailQueues.set(app, queue);
  }
  return queue.run(authorizationId, () => app.ledger.submit(call));
}

export async function submitAccess<Name extends AccessCall>(
  app: FastifyInstance,
  call: LedgerCall<Name>,
): Promise<{ outcome: AccessOutcome | undefined; submitted: SubmittedCall<ResultOf<Name>> }> {
  let submitted: SubmittedCall<ResultOf<Name>>;
  try {
    submitted = await submitInTrailOrder(app, call);
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
