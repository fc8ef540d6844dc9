import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiKeyStore } from '../../auth/api-keys';
import { hasRole, type Caller, type Organization, type Role } from '../../auth/caller';
import { ExpiringCache } from '../../shared/expiring-cache';
import { Problem } from '../../shared/problem';
import { LedgerRefusal } from '../../ledgers/hub-ledger';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes anyone may call without an API key (health, docs, verification). */
    public?: boolean;
  }
  interface FastifyInstance {
    apiKeys: ApiKeyStore;
    /** Forgets what is cached about an organization after the registry changed it. */
    forgetOrganization(orgId: string): void;
  }
  interface FastifyRequest {
    caller: Caller | null;
  }
}

/** The authenticated caller; routes behind the auth hook always have one. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Problem('unauthorized', 'an API key is required');
  return request.caller;
}

/** The caller must hold one of these roles (the chaincode checks again). */
export function requireRole(request: FastifyRequest, ...roles: Role[]): Caller {
  const caller = callerOf(request);
  if (!roles.some((role) => hasRole(caller, role)))
    throw new Problem('forbidden', `${caller.org.id} does not hold ${roles.join(' or ')}`);
  return caller;
}

const ORG_CACHE_MS = 2000;
/** Organizations of a consortium: a city's agencies, banks and enterprises with keys. */
const ORG_CACHE_ENTRIES = 10_000;
const BEARER = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/;

/**
 * `Authorization: Bearer <key>` → the key's organization → its roles on the ledger. Roles are
 * read from the registry (cached briefly, dropped when the gateway changes them), so the
 * gateway refuses early what the chaincode would refuse anyway.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('apiKeys', await ApiKeyStore.open(app.config.dataDir));
    const cache = new ExpiringCache<Organization>(ORG_CACHE_MS, ORG_CACHE_ENTRIES);
    app.decorate('forgetOrganization', (orgId: string) => {
      cache.delete(orgId);
    });

    async function organization(orgId: string): Promise<Organization | undefined> {
      return cache.through(orgId, async () => {
        try {
          return await app.ledger.evaluate({
            org: orgId,
            fn: 'registry:getOrganization',
            args: { id: orgId },
          });
        } catch (error) {
          if (error instanceof LedgerRefusal && error.code === 'NOT_FOUND') return undefined;
          throw error;
        }
      });
    }

    app.decorateRequest('caller', null);
    app.addHook('onRequest', async (request) => {
      // The docs page's own routes are registered by @fastify/swagger-ui, without our config.
      if (
        request.is404 ||
        request.routeOptions.config.public ||
        request.routeOptions.url?.startsWith('/docs')
      )
        return;
      const header = request.headers.authorization;
      if (!header)
        throw new Problem('unauthorized', 'send the API key as "Authorization: Bearer <key>"');
      const key = BEARER.exec(header)?.[1];
      const orgId = key === undefined ? undefined : app.apiKeys.organizationOf(key);
      if (orgId === undefined) throw new Problem('unauthorized', 'the API key is not valid');
      const org = await organization(orgId);
      if (!org) throw new Problem('forbidden', `${orgId} is not registered on the ledger`);
      request.caller = { org };
    });
  },
  { name: 'auth', dependencies: ['config', 'ledger'] },
);
