import type { CertificateType } from '@citytrust/domain';
import type { FastifyInstance } from 'fastify';
import { ExpiringCache } from '../../shared/expiring-cache';
import { Problem } from '../../shared/problem';

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
const types = new WeakMap<FastifyInstance, ExpiringCache<CertificateType>>();

function typeCache(app: FastifyInstance): ExpiringCache<CertificateType> {
  let cache = types.get(app);
  if (!cache) {
    cache = new ExpiringCache<CertificateType>(TYPE_CACHE_MS, 1_000);
    types.set(app, cache);
  }
  return cache;
}

/** Drops what is cached of a type this gateway has just changed on the ledger. */
export function forgetCertificateType(app: FastifyInstance, typeId: string): void {
  typeCache(app).delete(typeId);
}

/**
 * The type from the registry (404 when it does not exist) and its claims schema from the
 * gateway's schema store, which must hold the schema the ledger names by hash.
 */
export async function certificateTypeWithSchema(
  app: FastifyInstance,
  org: string,
  typeId: string,
): Promise<TypeWithSchema> {
  const type = await typeCache(app).through(typeId, () =>
    app.ledger.evaluate({ org, fn: 'registry:getCertificateType', args: { id: typeId } }),
  );
  if (type === undefined) throw new Error(`the ledger answered no certificate type ${typeId}`);
  const schema = await app.schemas.get(type.schemaHash);
  if (!schema)
    throw new Problem(
      'conflict',
      `the claims schema of ${typeId} (${type.schemaHash}) is not known to this hub; define the type through the API`,
    );
  return { type, schema };
}
