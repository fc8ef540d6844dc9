import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { IPluginKeychain } from '@hyperledger/cactus-core-api';
import { ClassicLevel } from 'classic-level';
import { open, seal, type SealedValue } from '../keychain/sealing';

/** The first answer given to an `Idempotency-Key`. */
export interface Remembered {
  readonly fingerprint: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** A request that has started and not yet answered, kept so a crash cannot hide it. */
export interface Pending {
  readonly fingerprint: string;
  readonly pending: true;
}

export type StoredAnswer = Remembered | Pending;

export const isPending = (stored: StoredAnswer): stored is Pending => 'pending' in stored;

interface StoredRecord {
  /** Milliseconds since the epoch when it was answered; it is forgotten a TTL later. */
  readonly at: number;
  readonly sealed: SealedValue;
}

const SEALING_KEY = 'idempotency/sealing-key';

/**
 * Remembered answers in LevelDB (synced writes), each sealed with AES-256-GCM under a key kept
 * in the keychain: answers carry what only their caller should see again (a new organization's
 * API key, a holder's credential), so they are never at rest in the clear, and they are
 * forgotten after the TTL.
 */
export class IdempotencyStore {
  private constructor(
    private readonly db: ClassicLevel,
    private readonly key: Buffer,
    private readonly ttlMs: number,
  ) {}

  static async open(
    dataDir: string,
    keychain: IPluginKeychain,
    ttlMs: number,
  ): Promise<IdempotencyStore> {
    if (!(await keychain.has(SEALING_KEY)))
      await keychain.set(SEALING_KEY, randomBytes(32).toString('base64'));
    const key = Buffer.from(await keychain.get(SEALING_KEY), 'base64');
    const db = new ClassicLevel<string, string>(join(dataDir, 'gateway', 'idempotency'), {
      valueEncoding: 'utf8',
    });
    await db.open();
    const store = new IdempotencyStore(db, key, ttlMs);
    await store.forgetExpired();
    return store;
  }

  async get(entry: string, now = Date.now()): Promise<StoredAnswer | undefined> {
    const stored = await this.db.get(entry);
    if (stored === undefined) return undefined;
    const record = JSON.parse(stored) as StoredRecord;
    if (now - record.at >= this.ttlMs) {
      await this.db.del(entry);
      return undefined;
    }
    const plain = open(this.key, record.sealed, entry);
    if (plain === undefined)
      throw new Error(`the remembered answer for ${JSON.stringify(entry)} does not open`);
    return JSON.parse(plain) as StoredAnswer;
  }

  /** Marks a request as started, durably, before it may write anything. */
  async putPending(entry: string, fingerprint: string, now = Date.now()): Promise<void> {
    await this.put(entry, { fingerprint, pending: true }, now);
  }

  /** Forgets a request that ended without an answer worth remembering (a server error). */
  async delete(entry: string): Promise<void> {
    await this.db.del(entry, { sync: true });
  }

  async put(entry: string, remembered: StoredAnswer, now = Date.now()): Promise<void> {
    const record: StoredRecord = {
      at: now,
      sealed: seal(this.key, JSON.stringify(remembered), entry),
    };
    await this.db.put(entry, JSON.stringify(record), { sync: true });
  }

  /** Deletes every answer older than the TTL. */
  async forgetExpired(now = Date.now()): Promise<number> {
    const expired: string[] = [];
    for await (const [entry, stored] of this.db.iterator())
      if (now - (JSON.parse(stored) as StoredRecord).at >= this.ttlMs) expired.push(entry);
    if (expired.length > 0)
      await this.db.batch(
        expired.map((entry) => ({ type: 'del' as const, key: entry })),
        { sync: true },
      );
    return expired.length;
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
