import type { CertificateType } from '@citytrust/domain';
import type { HubLedger } from '../../ledgers/hub-ledger';
import { ExpiringCache } from '../../shared/expiring-cache';
import { Problem } from '../../shared/problem';
import type { SchemaStore } from './schema-store';

export interface TypeWithSchema {
  readonly type: CertificateType;
  readonly schema: Record<string, unknown>;
}

/**
 * How long a certificate type read from the registry is reused: issuing in a loop reads it
 * once. The ledger decides every issue on its current state, so a stale entry can only make
 * the gateway sign a credential the ledger then refuses.
 */
const TYPE_CACHE_MS = 2000;
const TYPE_CACHE_ENTRIES = 1_000;

/** Certificate types as the gateway reads them: from the ledger, with their claims schema. */
export class CertificateTypes {
  readonly #cache = new ExpiringCache<CertificateType>(TYPE_CACHE_MS, TYPE_CACHE_ENTRIES);

  constructor(
    private readonly ledger: HubLedger,
    private readonly schemas: SchemaStore,
  ) {}

  /** Drops what is cached of a type this gateway has just changed on the ledger. */
  forget(typeId: string): void {
    this.#cache.delete(typeId);
  }

  /**
   * The type from the registry (404 when it does not exist) and its claims schema from the
   * gateway's schema store, which must hold the schema the ledger names by hash.
   */
  async withSchema(org: string, typeId: string): Promise<TypeWithSchema> {
    const type = await this.#cache.through(typeId, () =>
      this.ledger.evaluate({ org, fn: 'registry:getCertificateType', args: { id: typeId } }),
    );
    if (type === undefined) throw new Error(`the ledger answered no certificate type ${typeId}`);
    const schema = await this.schemas.get(type.schemaHash);
    if (!schema)
      throw new Problem(
        'conflict',
        `the claims schema of ${typeId} (${type.schemaHash}) is not known to this hub; define the type through the API`,
      );
    return { type, schema };
  }
}
