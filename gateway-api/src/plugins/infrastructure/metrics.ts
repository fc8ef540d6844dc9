import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Problem } from '../../shared/problem';

export interface HubMetrics {
  readonly registry: Registry;
  readonly ledgerSubmit: Histogram<'fn' | 'outcome'>;
  readonly blockHeight: Gauge;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: HubMetrics;
  }
}

/**
 * Prometheus figures: requests by route and status, request and ledger-submit durations, and
 * the ledger's block height, read when scraped. `/metrics` answers only `HUB_METRICS_KEY`
 * when that is set.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'hub_' });
    const requests = new Counter({
      name: 'hub_http_requests_total',
      help: 'HTTP requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    });
    const duration = new Histogram({
      name: 'hub_http_request_duration_seconds',
      help: 'Time to answer an HTTP request',
      labelNames: ['method', 'route'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    const ledgerSubmit = new Histogram({
      name: 'hub_ledger_submit_duration_seconds',
      help: 'Time from submitting a transaction to its commit, by chaincode function and outcome',
      labelNames: ['fn', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    });
    const blockHeight = new Gauge({
      name: 'hub_ledger_block_height',
      help: 'Blocks committed on the ledger',
      registers: [registry],
      async collect() {
        if (app.hasDecorator('ledger')) this.set((await app.ledger.status()).height);
      },
    });
    app.decorate('metrics', { registry, ledgerSubmit, blockHeight });

    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      requests.inc({ method: request.method, route, status: String(reply.statusCode) });
      duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });

    app.get(
      '/metrics',
      {
        config: { public: true },
        schema: { hide: true },
      },
      async (request, reply) => {
        const expected = app.config.metricsKey;
        if (expected && request.headers.authorization !== `Bearer ${expected}`)
          throw new Problem('unauthorized', 'metrics need the key in HUB_METRICS_KEY');
        return reply.type(registry.contentType).send(await registry.metrics());
      },
    );
  },
  { name: 'metrics', dependencies: ['config'] },
);
