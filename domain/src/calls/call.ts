import type { z } from 'zod';

/**
 * One chaincode function: its contract and name, whether it writes (submit: endorsed, ordered
 * and committed) or only reads (evaluate), the schema of its one JSON argument and of its
 * answer. Every ledger backend speaks these; the gateway calls them by `<contract>:<fn>`.
 */
export interface CallSpec<
  Kind extends 'submit' | 'evaluate' = 'submit' | 'evaluate',
  Args extends z.ZodType = z.ZodType,
  Result extends z.ZodType = z.ZodType,
> {
  readonly kind: Kind;
  readonly args: Args;
  readonly result: Result;
}

/** A function that writes: its argument (as `z.input`) and answer (as `z.output`). */
export const submit = <Args extends z.ZodType, Result extends z.ZodType>(
  args: Args,
  result: Result,
): CallSpec<'submit', Args, Result> => ({ kind: 'submit', args, result });

/** A function that only reads. */
export const evaluate = <Args extends z.ZodType, Result extends z.ZodType>(
  args: Args,
  result: Result,
): CallSpec<'evaluate', Args, Result> => ({ kind: 'evaluate', args, result });
