import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hashKey } from '../../auth/api-keys';
import { Problem } from '../../shared/problem';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Health and metrics routes are polled by machines and not rate-limited. */
    unlimited?: boolean;
  }
}

/**
 * Security headers, and a request budget per API key per minute (per address for callers
 * without a key). The budget is counted on the key's hash, so keys never sit in memory maps.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(helmet, {
      // The docs page loads its own scripts and styles from this origin.
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
        },
      },
    });
    await app.register(rateLimit, {
      max: app.config.rateLimitPerMinute,
      timeWindow: 60_000,
      allowList: (request) => request.routeOptions.config.unlimited === true,
      keyGenerator: (request) => {
        const header = request.headers.authorization;
        return header ? `key:${hashKey(header)}` : `ip:${request.ip}`;
      },
      errorResponseBuilder: (_request, context) =>
        new Problem(
          'rate-limited',
          `at most ${context.max} requests per minute; retry in ${context.after}`,
        ),
    });
  },
  { name: 'security', dependencies: ['config'] },
);
