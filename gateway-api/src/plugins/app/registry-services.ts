import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CertificateTypes } from '../../modules/registry/certificate-types';
import { ClaimsValidator } from '../../modules/registry/claims-validator';
import { SchemaStore } from '../../modules/registry/schema-store';

declare module 'fastify' {
  interface FastifyInstance {
    /** The certificate types' claims schemas, by the hash the ledger keeps. */
    schemas: SchemaStore;
    /** Compiled claims schemas: checks a type's schema, and each certificate's claims. */
    claims: ClaimsValidator;
    /** Certificate types read from the ledger (cached briefly), with their claims schema. */
    certificateTypes: CertificateTypes;
  }
}

/** What the registry keeps off the ledger (certificate types' claims schemas, their checks), and its type reads. */
export const registryServicesPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('schemas', new SchemaStore(app.config.dataDir));
    app.decorate('claims', new ClaimsValidator());
    app.decorate('certificateTypes', new CertificateTypes(app.ledger, app.schemas));
  },
  { name: 'registry-services', dependencies: ['config', 'ledger'] },
);
