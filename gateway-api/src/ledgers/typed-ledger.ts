import { resultSchema, type CallName, type ResultOf } from '@citytrust/domain';
import {
  LedgerUnavailable,
  type HubLedger,
  type LedgerCall,
  type LedgerConnection,
  type SubmittedCall,
} from './hub-ledger';

/** Observes each submit: called before it, and with its outcome after. */
export type SubmitObserver = (fn: CallName) => (outcome: unknown) => void;

/** A backend's answer read through the catalogue: its declared type, or the ledger's failure. */
function answerOf<Name extends CallName>(fn: Name, answer: unknown): ResultOf<Name> {
  const parsed = resultSchema(fn).safeParse(answer);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'answer';
  throw new LedgerUnavailable(
    `${fn} answered outside its declared shape (${where}: ${issue?.message ?? 'invalid'})`,
  );
}

/** The connection as the gateway's modules use it: typed calls, answers checked at the boundary. */
export function typedLedger(connection: LedgerConnection, observe?: SubmitObserver): HubLedger {
  return {
    backend: connection.backend,
    enroll: (org) => connection.enroll(org),
    status: () => connection.status(),
    events: (fromBlock) => connection.events(fromBlock),
    close: () => connection.close(),
    async evaluate<Name extends CallName>(call: LedgerCall<Name>): Promise<ResultOf<Name>> {
      return answerOf(call.fn, await connection.evaluate(call));
    },
    async submit<Name extends CallName>(
      call: LedgerCall<Name>,
    ): Promise<SubmittedCall<ResultOf<Name>>> {
      const done = observe?.(call.fn);
      try {
        const submitted = await connection.submit(call);
        const typed = { ...submitted, result: answerOf(call.fn, submitted.result) };
        done?.(undefined);
        return typed;
      } catch (error) {
        done?.(error);
        throw error;
      }
    },
  };
}
