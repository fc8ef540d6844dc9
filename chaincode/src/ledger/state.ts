import type { Context } from 'fabric-contract-api';
import { canonicalBytes } from './canonical';
import { ChaincodeError } from './errors';

export function key(ctx: Context, type: string, ...attributes: string[]): string {
  return ctx.stub.createCompositeKey(type, attributes);
}

export async function readRecord<T>(ctx: Context, stateKey: string): Promise<T | undefined> {
  const bytes = await ctx.stub.getState(stateKey);
  // The stub answers an absent key with empty bytes.
  if (bytes.length === 0) return undefined;
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}

export async function requireRecord<T>(ctx: Context, stateKey: string, what: string): Promise<T> {
  const record = await readRecord<T>(ctx, stateKey);
  if (record === undefined) throw new ChaincodeError('NOT_FOUND', `${what} does not exist`);
  return record;
}

/** Every world-state write goes through here, so every value is canonical JSON. */
export async function writeRecord(ctx: Context, stateKey: string, value: object): Promise<void> {
  await ctx.stub.putState(stateKey, canonicalBytes(value));
}

/** An index entry: the key carries the information, the value is a single marker byte. */
export async function writeIndex(ctx: Context, stateKey: string): Promise<void> {
  await ctx.stub.putState(stateKey, Buffer.from([0]));
}

export async function exists(ctx: Context, stateKey: string): Promise<boolean> {
  const bytes = await ctx.stub.getState(stateKey);
  return bytes.length > 0;
}

async function* iterate(
  iterator: AsyncIterable<{ key: string; value: Uint8Array }>,
): AsyncGenerator<{ key: string; value: Uint8Array }> {
  for await (const entry of iterator) yield entry;
}

/** Values under a partial composite key, in key order. */
export async function readAll<T>(ctx: Context, type: string, attributes: string[]): Promise<T[]> {
  const out: T[] = [];
  for await (const { value } of iterate(ctx.stub.getStateByPartialCompositeKey(type, attributes)))
    out.push(JSON.parse(Buffer.from(value).toString('utf8')) as T);
  return out;
}

/** The attributes of index keys under a partial composite key, in key order. */
export async function readIndex(
  ctx: Context,
  type: string,
  attributes: string[],
): Promise<string[][]> {
  const out: string[][] = [];
  for await (const entry of iterate(ctx.stub.getStateByPartialCompositeKey(type, attributes)))
    out.push(ctx.stub.splitCompositeKey(entry.key).attributes);
  return out;
}

export interface HistoryEntry<T> {
  readonly txId: string;
  readonly timestamp: string;
  readonly isDelete: boolean;
  readonly value: T | undefined;
}

/** A key's history, oldest first (Fabric returns it newest first). */
export async function readHistory<T>(ctx: Context, stateKey: string): Promise<HistoryEntry<T>[]> {
  const iterator = await ctx.stub.getHistoryForKey(stateKey);
  const entries: HistoryEntry<T>[] = [];
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const { txId, timestamp, isDelete, value } = next.value;
      const millis = Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1e6);
      entries.push({
        txId,
        timestamp: new Date(millis).toISOString(),
        isDelete,
        value:
          isDelete || value.length === 0
            ? undefined
            : (JSON.parse(Buffer.from(value).toString('utf8')) as T),
      });
    }
  } finally {
    await iterator.close();
  }
  return entries.reverse();
}
