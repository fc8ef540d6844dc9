import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { canonicalJson } from '@citytrust/domain';
import { Problem } from '../../shared/problem';
import { IdempotencyStore, isPending, type Remembered } from '../../storage/idempotency-store';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A POST that writes: honours `Idempotency-Key`. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyEntry: string | null;
  }
}

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n`)
    .update(request.body === undefined ? '' : canonicalJson(request.body))
    .digest('hex');
}

/** Why a request whose key was seen but never answered is not run again. */
function unfinished(key: string, stillRunning: boolean): Problem {
  if (stillRunning)
    return new Problem(
      'idempotency-conflict',
      `a request with Idempotency-Key ${key} is still running`,
    );
  // Started before the hub stopped, never answered: it may or may not have been written, so
  // running it again could write it twice.
  return new Problem(
    'idempotency-conflict',
    `the request with Idempotency-Key ${key} was cut off when the hub stopped; whether it was written is unknown: read the resource, or send it with a new key`,
  );
}

/**
 * `Idempotency-Key` on writes: the first answer to a key is remembered durably and sealed
 * (`IdempotencyStore`), per organization, for `HUB_IDEMPOTENCY_TTL_HOURS`; the same key and
 * body get that answer again, another body gets 409. A request is marked as started before it
 * runs, so one cut off by a crash is answered 409 rather than written twice. Server errors are
 * not remembered, so a retry after one runs again.
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance) => {
    const store = await IdempotencyStore.open(
      app.config.dataDir,
      app.keychain,
      app.config.idempotencyTtlHours * 3_600_000,
    );
    const inFlight = new Set<string>();
    app.addHook('onClose', async () => store.close());
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
      const remembered = await store.get(entry);
      if (remembered !== undefined) {
        if (remembered.fingerprint !== fingerprint)
          throw new Problem(
            'idempotency-conflict',
            `Idempotency-Key ${key} was used with another request`,
          );
        if (isPending(remembered)) throw unfinished(key, inFlight.has(entry));
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
      try {
        await store.putPending(entry, fingerprint);
      } catch (error) {
        inFlight.delete(entry);
        request.idempotencyEntry = null;
        throw error;
      }
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
          };
          await store.put(entry, remembered);
        } else await store.delete(entry);
      } finally {
        inFlight.delete(entry);
      }
      return payload;
    });
    app.addHook('onResponse', async (request) => {
      if (request.idempotencyEntry) inFlight.delete(request.idempotencyEntry);
    });
  },
  { name: 'idempotency', dependencies: ['config', 'ledger', 'auth'] },
);
