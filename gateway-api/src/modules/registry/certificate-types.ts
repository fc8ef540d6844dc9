import type { FastifyInstance } from 'fastify';
import { Problem } from '../../shared/problem';

/** A certificate type as the registry keeps it. */
export interface CertificateType {
  readonly id: string;
  readonly name: string;
  readonly schemaHash: string;
  readonly issuers: string[];
  readonly definedAt: string;
  readonly updatedAt: string;
}

export interface TypeWithSchema {
  readonly type: CertificateType;
  readonly schema: Record<string, unknown>;
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
  const type = await app.ledger.evaluate({
    org,
    fn: 'registry:getCertificateType',
    args: { id: typeId },
  });
  const schema = await app.schemas.get(type.schemaHash);
  if (!schema)
    throw new Problem(
      'conflict',
      `the claims schema of ${typeId} (${type.schemaHash}) is not known to this hub; define the type through the API`,
    );
  return { type, schema };
}

/** The gateway's early refusal; the chaincode refuses the same on its own. */
export function requireIssuerOfType(orgId: string, type: CertificateType): void {
  if (!type.issuers.includes(orgId))
    throw new Problem('forbidden', `${orgId} is not an issuer of ${type.id}`);
}
