import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { canonicalJson } from '@citytrust/sdk';
import { Problem } from '../errors/problem';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A POST that writes: honours `Idempotency-Key`. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyEntry: string | null;
  }
}

interface Remembered {
  readonly fingerprint: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly at: string;
}

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n`)
    .update(request.body === undefined ? '' : canonicalJson(request.body))
    .digest('hex');
}

/**
 * `Idempotency-Key` on writes: the first answer to a key is remembered durably (LevelDB in the
 * data dir, synced), per organization; the same key and body get that answer again, another
 * body gets 409. Server errors are not remembered, so a retry after one runs again.
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance) => {
    const db = new ClassicLevel<string, string>(
      join(app.config.dataDir, 'gateway', 'idempotency'),
      {
        valueEncoding: 'utf8',
      },
    );
    await db.open();
    const inFlight = new Set<string>();
    app.addHook('onClose', async () => db.close());
    app.decorateRequest('idempotencyEntry', null);

    app.addHook('preHandler', async (request, reply) => {
      if (!request.routeOptions.config.idempotent) return;
      const key = request.headers['idempotency-key'];
      if (key === undefined) return;
      if (typeof key !== 'string' || !KEY_SHAPE.test(key))
        throw new Problem(
          'validation',
          'Idempotency-Key must be 1 to 255 visible ASCII characters',
        );
      const entry = `${request.caller?.org.id ?? '-'}\u0000${key}`;
      const fingerprint = fingerprintOf(request);
      const stored = await db.get(entry);
      if (stored !== undefined) {
        const remembered = JSON.parse(stored) as Remembered;
        if (remembered.fingerprint !== fingerprint)
          throw new Problem(
            'idempotency-conflict',
            `Idempotency-Key ${key} was used with another request`,
          );
        return reply
          .code(remembered.status)
          .header('idempotent-replayed', 'true')
          .type(remembered.contentType)
          .send(remembered.body);
      }
      if (inFlight.has(entry))
        throw new Problem(
          'idempotency-conflict',
          `a request with Idempotency-Key ${key} is still running`,
        );
      inFlight.add(entry);
      request.idempotencyEntry = entry;
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const entry = request.idempotencyEntry;
      // Undefined on routes of contexts made before this plugin decorated requests (docs).
      if (!entry) return payload;
      request.idempotencyEntry = null;
      try {
        if (reply.statusCode < 500 && typeof payload === 'string') {
          const remembered: Remembered = {
            fingerprint: fingerprintOf(request),
            status: reply.statusCode,
            contentType: String(reply.getHeader('content-type') ?? 'application/json'),
            body: payload,
            at: new Date().toISOString(),
          };
          await db.put(entry, JSON.stringify(remembered), { sync: true });
        }
      } finally {
        inFlight.delete(entry);
      }
      return payload;
    });
    app.addHook('onResponse', async (request) => {
      if (request.idempotencyEntry) inFlight.delete(request.idempotencyEntry);
    });
  },
  { name: 'idempotency', dependencies: ['config', 'auth'] },
);
