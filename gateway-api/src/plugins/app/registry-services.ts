import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ClaimsValidator } from '../../modules/registry/claims-validator';
import { SchemaStore } from '../../modules/registry/schema-store';

declare module 'fastify' {
  interface FastifyInstance {
    /** The certificate types' claims schemas, by the hash the ledger keeps. */
    schemas: SchemaStore;
    /** Compiled claims schemas: checks a type's schema, and each certificate's claims. */
    claims: ClaimsValidator;
  }
}

/** What the registry keeps off the ledger: certificate types' claims schemas, and their checks. */
export const registryServicesPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('schemas', new SchemaStore(app.config.dataDir));
    app.decorate('claims', new ClaimsValidator());
  },
  { name: 'registry-services', dependencies: ['config'] },
);
