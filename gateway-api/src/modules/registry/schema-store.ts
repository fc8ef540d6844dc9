import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalHash, canonicalJson } from '@citytrust/domain';
import { replaceFileAtomically } from '../../storage/atomic-file';

/**
 * The JSON Schemas of certificate types' claims, by their canonical hash. The ledger keeps the
 * hash (what a type promises); the schema itself lives here, content-addressed, so a schema
 * read back is the one the ledger names or nothing.
 */
export class SchemaStore {
  readonly #dir: string;
  readonly #cache = new Map<string, Record<string, unknown>>();

  constructor(dataDir: string) {
    this.#dir = join(dataDir, 'gateway', 'schemas');
  }

  async put(schema: Record<string, unknown>): Promise<string> {
    const hash = canonicalHash(schema);
    await replaceFileAtomically(join(this.#dir, `${hash}.json`), canonicalJson(schema), 0o644);
    this.#cache.set(hash, schema);
    return hash;
  }

  async get(hash: string): Promise<Record<string, unknown> | undefined> {
    if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
    const cached = this.#cache.get(hash);
    if (cached) return cached;
    try {
      const schema = JSON.parse(await readFile(join(this.#dir, `${hash}.json`), 'utf8')) as Record<
        string,
        unknown
      >;
      if (canonicalHash(schema) !== hash) return undefined;
      this.#cache.set(hash, schema);
      return schema;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
