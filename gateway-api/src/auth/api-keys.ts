import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceFileAtomically } from '../storage/atomic-file';

/** Where the gateway keeps key hashes; the keys themselves are only ever handed out. */
export const keyStorePath = (dataDir: string): string =>
  join(dataDir, 'gateway', 'api-keys.sha256.json');

/** The demo consortium's keys, for people: `{ "<org id>": "<key>" }`, mode 0600 (API.md). */
export const demoKeysPath = (dataDir: string): string => join(dataDir, 'api-keys.json');

interface StoredKey {
  readonly org: string;
  readonly createdAt: string;
}

/**
 * API keys by their SHA-256. A key is 256 random bits, so a plain hash is enough to make a
 * stolen store useless (no password stretching needed), and lookup stays one hash per request.
 */
export class ApiKeyStore {
  readonly #path: string;
  readonly #keys: Map<string, StoredKey>;

  private constructor(path: string, keys: Map<string, StoredKey>) {
    this.#path = path;
    this.#keys = keys;
  }

  static async open(dataDir: string): Promise<ApiKeyStore> {
    const path = keyStorePath(dataDir);
    let keys = new Map<string, StoredKey>();
    try {
      keys = new Map(
        Object.entries(JSON.parse(await readFile(path, 'utf8')) as Record<string, StoredKey>),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return new ApiKeyStore(path, keys);
  }

  get size(): number {
    return this.#keys.size;
  }

  /**
   * New keys for these organizations; only their hashes are kept. `handOut` receives the keys
   * before the hashes are saved, so a crash in between leaves no key that works but was lost.
   */
  async issue(
    orgIds: readonly string[],
    handOut: (keys: Readonly<Record<string, string>>) => Promise<void> = async () => undefined,
  ): Promise<Readonly<Record<string, string>>> {
    const keys: Record<string, string> = {};
    for (const org of orgIds) keys[org] = `cth_${randomBytes(32).toString('base64url')}`;
    await handOut(keys);
    const createdAt = new Date().toISOString();
    for (const [org, key] of Object.entries(keys)) this.#keys.set(hashKey(key), { org, createdAt });
    await replaceFileAtomically(
      this.#path,
      JSON.stringify(Object.fromEntries(this.#keys), null, 2),
      0o600,
    );
    return keys;
  }

  /** The organization a key belongs to, or undefined for a key the hub never issued. */
  organizationOf(key: string): string | undefined {
    return this.#keys.get(hashKey(key))?.org;
  }
}

export const hashKey = (key: string): string =>
  createHash('sha256').update(key, 'utf8').digest('hex');
