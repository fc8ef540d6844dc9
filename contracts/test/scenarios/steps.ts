import type { HardhatEthersSigner } from '@nomicfoundation/hardhat-ethers/signers';
import type { ContractTransaction, TransactionReceipt } from 'ethers';
import { ethers } from 'hardhat';
import type { HubAddresses } from '../../scripts/hub';

/**
 * How one `contract:function` scenario step becomes a contract call: the adapter plays the
 * gateway's part (JSON in, typed ABI values out, answers in the chaincode's JSON shape), the
 * contract decides. A family's handlers sit in `<family>-steps.ts` and are listed in
 * `handlers.ts`.
 */
export type Args = Readonly<Record<string, unknown>>;

export interface StepContext {
  /** The acting organization's account. */
  readonly signer: HardhatEthersSigner;
  readonly addresses: HubAddresses;
  /** The account of a scenario organization; an unknown id gets an unregistered account. */
  account(orgId: string): string;
  /** The scenario organization id of an account (its address when it is none of them). */
  orgId(account: string): string;
  /**
   * Sends a transaction as a client does: estimated first, so one that would revert is
   * refused (the revert becomes the step's refusal) and never reaches a block. Pass
   * `contract.fn.populateTransaction(...)`.
   */
  send(transaction: Promise<ContractTransaction>): Promise<TransactionReceipt>;
  /**
   * As `send`, with `followUps` sent by the same account in the same block right after it (a
   * step is one block): how GOVERNANCE wires the hub as it initializes the registry. A follow-up
   * that fails is an error of the adapter, not a refusal.
   */
  sendWith(
    transaction: Promise<ContractTransaction>,
    followUps: readonly ContractTransaction[],
  ): Promise<TransactionReceipt>;
  /** Whether the step is an evaluation (read-only call). */
  readonly evaluate: boolean;
  /** The step's transient data (e.g. `personal`); it never reaches an EVM chain. */
  readonly transient: Readonly<Record<string, unknown>> | undefined;
}

export type StepHandler = (context: StepContext, args: Args) => Promise<unknown>;

/** The chaincode's INVALID_ARGUMENT, found before anything reaches the chain. */
export class StepInputError extends Error {}

/** Refuses fields other than these, and missing required ones, as the chaincode's schemas do. */
export function fields(args: Args, required: readonly string[], optional: readonly string[] = []) {
  for (const name of Object.keys(args))
    if (!required.includes(name) && !optional.includes(name))
      throw new StepInputError(`${name}: unknown field`);
  for (const name of required)
    if (args[name] === undefined) throw new StepInputError(`${name}: required`);
}

export function str(args: Args, name: string): string {
  const value = args[name];
  if (typeof value !== 'string') throw new StepInputError(`${name}: must be a string`);
  return value;
}

export function optionalStr(args: Args, name: string): string | undefined {
  return args[name] === undefined ? undefined : str(args, name);
}

export function int(args: Args, name: string): number {
  const value = args[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new StepInputError(`${name}: must be a non-negative integer`);
  return value;
}

export function strList(args: Args, name: string): string[] {
  const value = args[name];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw new StepInputError(`${name}: must be a list of strings`);
  return value as string[];
}

/** A lowercase hex SHA-256 digest as `bytes32`. */
export function hash(args: Args, name: string): string {
  const value = str(args, name);
  if (!/^[0-9a-f]{64}$/.test(value))
    throw new StepInputError(`${name}: must be a lowercase hex SHA-256 digest`);
  return `0x${value}`;
}

/** `bytes32` back to the chaincode's lowercase hex. */
export function hex(value: string): string {
  return value.replace(/^0x/, '').toLowerCase();
}

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/** An RFC 3339 instant, as the chaincode reads it, in unix seconds. */
export function instant(args: Args, name: string): bigint {
  const value = str(args, name);
  const shape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
  const millis = Date.parse(value);
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (
    !shape.test(value) ||
    !Number.isFinite(millis) ||
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day ||
    millis < EARLIEST ||
    millis >= LATEST
  )
    throw new StepInputError(`${name}: must be a real RFC 3339 date-time between 1970 and 2200`);
  if (millis % 1000 !== 0) throw new StepInputError(`${name}: the EVM keeps whole seconds`);
  return BigInt(millis / 1000);
}

/** Unix seconds as the chaincode's ISO instant (`...000Z`). */
export function iso(seconds: bigint | number): string {
  return new Date(Number(seconds) * 1000).toISOString();
}

/** Unix seconds, or null for the zero "unset" value. */
export function isoOrNull(seconds: bigint | number): string | null {
  return BigInt(seconds) === 0n ? null : iso(seconds);
}

/** A deterministic account that no organization holds, for ids the scenario never registers. */
export function strangerAccount(orgId: string): string {
  return ethers.getAddress(ethers.dataSlice(ethers.id(`stranger:${orgId}`), 12));
}
