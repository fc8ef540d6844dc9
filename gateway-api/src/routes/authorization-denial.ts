import type { FastifyInstance } from 'fastify';
import { KeyedQueue } from '../concurrency/keyed-queue';
import { Problem } from '../errors/problem';
import { LedgerRefusal, type LedgerCall, type SubmittedCall } from '../ledgers/hub-ledger';

/** What the ledger answers for one data access, allowed or denied (both are committed). */
export interface AccessOutcome {
  readonly allowed: boolean;
  readonly eventId: string;
  readonly eventHash: string;
  readonly reason: string | null;
  readonly seq: number;
}

const isOutcome = (value: unknown): value is AccessOutcome =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AccessOutcome).allowed === 'boolean';

function denial(outcome: Partial<AccessOutcome>, submitted: SubmittedCall): Problem {
  const reason = outcome.reason ?? 'DENIED';
  return new Problem('authorization-denied', `the access was denied (${reason}) and recorded`, {
    eventId: outcome.eventId ?? submitted.txId,
    eventHash: outcome.eventHash ?? null,
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
function submitInTrailOrder(app: FastifyInstance, call: LedgerCall): Promise<SubmittedCall> {
  const authorizationId = call.args?.authorizationId;
  if (typeof authorizationId !== 'string') return app.ledger.submit(call);
  let queue = trailQueues.get(app);
  if (!queue) {
    queue = new KeyedQueue();
    trailQueues.set(app, queue);
  }
  return queue.run(authorizationId, () => app.ledger.submit(call));
}

export async function submitAccess(
  app: FastifyInstance,
  call: LedgerCall,
): Promise<{ outcome: AccessOutcome | undefined; submitted: SubmittedCall }> {
  let submitted: SubmittedCall;
  try {
    submitted = await submitInTrailOrder(app, call);
  } catch (error) {
    if (error instanceof LedgerRefusal && error.recorded) {
      const recorded = error.recorded;
      throw denial(isOutcome(recorded.result) ? recorded.result : {}, recorded);
    }
    throw error;
  }
  const outcome = isOutcome(submitted.result) ? submitted.result : undefined;
  if (outcome && !outcome.allowed) throw denial(outcome, submitted);
  return { outcome, submitted };
}
