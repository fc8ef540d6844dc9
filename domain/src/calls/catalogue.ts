import type { z } from 'zod';
import { authorizationCalls } from './authorization-calls';
import type { CallSpec } from './call';
import { certificateCalls } from './certificate-calls';
import { creditCalls } from './credit-calls';
import { registryCalls } from './registry-calls';

/**
 * Every chaincode function, declared once: `<contract>:<function>` → kind, argument, answer.
 * The chaincode parses its arguments with these schemas, the gateway calls by these names with
 * these types and reads answers through these schemas, and a backend that does not run the
 * chaincode (EVM) implements each of them.
 */
export const CALLS = {
  ...registryCalls,
  ...certificateCalls,
  ...creditCalls,
  ...authorizationCalls,
} as const satisfies Readonly<Record<string, CallSpec>>;

export type Calls = typeof CALLS;
export type CallName = keyof Calls;
/** The functions that write. */
export type SubmitName = {
  [Name in CallName]: Calls[Name]['kind'] extends 'submit' ? Name : never;
}[CallName];
/** The functions that only read. */
export type EvaluateName = Exclude<CallName, SubmitName>;
/** The argument as a caller writes it (instants with any offset, optional fields left out). */
export type ArgsOf<Name extends CallName> = z.input<Calls[Name]['args']>;
/** The argument as the ledger reads it (instants normalized). */
export type ParsedArgsOf<Name extends CallName> = z.output<Calls[Name]['args']>;
/** The answer. */
export type ResultOf<Name extends CallName> = z.output<Calls[Name]['result']>;

/** The contract a call belongs to, and its function there. */
export function splitCallName(name: CallName): { contract: string; fn: string } {
  const separator = name.indexOf(':');
  return { contract: name.slice(0, separator), fn: name.slice(separator + 1) };
}

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(CALLS, name);
}

/*
 * Each entry's schemas have exactly the types named by `ArgsOf`, `ParsedArgsOf` and `ResultOf`;
 * TypeScript widens `CALLS[name]` for a generic `name` to the union of all entries, so the two
 * accessors below restate that per name, once, for every caller.
 */

/** The schema of call `name`'s argument. */
export function argsSchema<Name extends CallName>(
  name: Name,
): z.ZodType<ParsedArgsOf<Name>, ArgsOf<Name>> {
  return CALLS[name].args as unknown as z.ZodType<ParsedArgsOf<Name>, ArgsOf<Name>>;
}

/** The schema of call `name`'s answer. */
export function resultSchema<Name extends CallName>(name: Name): z.ZodType<ResultOf<Name>> {
  return CALLS[name].result as unknown as z.ZodType<ResultOf<Name>>;
}

/** A call's argument read against the catalogue: the parsed argument, or what is wrong with it. */
export type ParsedCall<Name extends CallName> =
  | { readonly success: true; readonly args: ParsedArgsOf<Name> }
  | { readonly success: false; readonly problem: string };

/**
 * Reads call `name`'s JSON argument as every ledger does, so each refuses the same input with
 * the same words: `<field>: <what is wrong>` (or `request: …` for the whole argument).
 */
export function parseCallArgs<Name extends CallName>(name: Name, json: unknown): ParsedCall<Name> {
  const parsed = argsSchema(name).safeParse(json);
  if (parsed.success) return { success: true, args: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'request';
  return { success: false, problem: `${where}: ${issue?.message ?? 'invalid'}` };
}
