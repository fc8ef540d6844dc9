import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { API_ROWS } from './api-rows';
import { startHardhatNode, type HardhatNode } from './hardhat-node';
import { BACKENDS, call, startHubApp, type Backend, type Hub, type HubApp } from './hub-app';
import { startHub, type HubProcess } from './hub-process';

const GOVERNANCE = 'city-data-bureau';
const DEMO_ORGS = [
  'acme-trading',
  'audit-office',
  'citizen-services',
  'city-bank',
  'city-data-bureau',
  'market-regulation',
  'transport-bureau',
];

async function height(hub: Hub): Promise<number> {
  return (await call<{ height: number }>(hub, 'GET', '/v1/ledger', { org: GOVERNANCE })).body
    .height;
}

/** Resolves once `done()` holds, looked at every few milliseconds (a burst is under way). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 2));
}

function expectProblem(
  answer: { status: number; headers: Headers; body: unknown },
  status: number,
  kind: string,
) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ type: `/errors/${kind}`, status });
  expect(typeof (answer.body as { detail: unknown }).detail).toBe('string');
}

describe.each(BACKENDS)('the hub on %s: service, auth, registry', (backend) => {
  let hub: HubApp;
  beforeAll(async () => {
    hub = await startHubApp({ backend, env: { HUB_BODY_LIMIT: '65536' } });
  });
  afterAll(() => hub.dispose());

  it('writes the demo keys file, mode 0600, one key per organization', async () => {
    const path = join(hub.dataDir, 'api-keys.json');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(Object.keys(hub.keys).sort()).toEqual(DEMO_ORGS);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(hub.keys);
  });

  it('answers health and readiness without a key', async () => {
    expect((await call(hub, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await call(hub, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', backend });
  });

  it('serves an OpenAPI 3.1 document with every row of API.md, and its docs page', async () => {
    const spec = await call<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      hub,
      'GET',
      '/openapi.json',
    );
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toBe('3.1.0');
    const missing = API_ROWS.filter(([method, path]) => !spec.body.paths[path]?.[method]);
    expect(missing).toEqual([]);
    const docs = await hub.fetch(`${hub.url}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('<html');
  });

  it('sets security headers and a request id', async () => {
    const answer = await call(hub, 'GET', '/healthz');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('x-request-id')).toBeTruthy();
  });

  it('tells its ledger to any key and refuses a missing or wrong key', async () => {
    const ledger = await call(hub, 'GET', '/v1/ledger', { org: 'city-bank' });
    expect(ledger.status).toBe(200);
    expect(ledger.body).toMatchObject({ backend });
    expect(ledger.body.height).toBeGreaterThan(0);
    expectProblem(await call(hub, 'GET', '/v1/ledger'), 401, 'unauthorized');
    expectProblem(await call(hub, 'GET', '/v1/ledger', { key: 'cth_forged' }), 401, 'unauthorized');
    expectProblem(
      await call(hub, 'GET', '/v1/ledger', {
        headers: { authorization: `Basic ${hub.keys[GOVERNANCE]}` },
      }),
      401,
      'unauthorized',
    );
  });

  it('answers an unknown route with a not-found problem', async () => {
    expectProblem(
      await call(hub, 'GET', '/v1/nothing-here', { org: GOVERNANCE }),
      404,
      'not-found',
    );
  });

  it('lists the registry, page by page', async () => {
    const all = await call<{ items: Array<{ id: string; roles: string[] }>; nextCursor: null }>(
      hub,
      'GET',
      '/v1/orgs',
      { org: 'city-bank' },
    );
    expect(all.status).toBe(200);
    expect(all.body.items.map((org) => org.id)).toEqual(expect.arrayContaining(DEMO_ORGS));
    expect(all.body.items.find((org) => org.id === 'market-regulation')?.roles.sort()).toEqual([
      'CREDIT_AUTHORITY',
      'ISSUER',
    ]);
    const first = await call<{ items: unknown[]; nextCursor: string }>(
      hub,
      'GET',
      '/v1/orgs?limit=3',
      {
        org: 'city-bank',
      },
    );
    expect(first.body.items).toHaveLength(3);
    const second = await call<{ items: Array<{ id: string }> }>(
      hub,
      'GET',
      `/v1/orgs?limit=3&cursor=${first.body.nextCursor}`,
      { org: 'city-bank' },
    );
    expect(second.body.items[0]?.id).toBe(DEMO_ORGS[3]);
    expectProblem(
      await call(hub, 'GET', '/v1/orgs?limit=501', { org: 'city-bank' }),
      400,
      'validation',
    );
    expectProblem(
      await call(hub, 'GET', '/v1/orgs?cursor=zzz', { org: 'city-bank' }),
      400,
      'validation',
    );
  });

  it('lets GOVERNANCE register an organization, whose new key then works', async () => {
    const before = await height(hub);
    const created = await call(hub, 'POST', '/v1/orgs', {
      org: GOVERNANCE,
      body: { id: 'health-commission', name: 'Health Commission', roles: ['ISSUER'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'health-commission', roles: ['ISSUER'] });
    expect(created.body.txId).toEqual(expect.any(String));
    expect(created.body.blockNumber).toBeGreaterThanOrEqual(before);
    const own = await call(hub, 'GET', '/v1/ledger', { key: created.body.apiKey as string });
    expect(own.status).toBe(200);
  });

  it('refuses registration by anyone else, and bad bodies, writing nothing', async () => {
    const before = await height(hub);
    const body = { id: 'rogue-agency', name: 'Rogue', roles: ['GOVERNANCE'] };
    expectProblem(
      await call(hub, 'POST', '/v1/orgs', { org: 'city-bank', body }),
      403,
      'forbidden',
    );
    expectProblem(await call(hub, 'POST', '/v1/orgs', { body }), 401, 'unauthorized');
    for (const bad of [
      { ...body, unexpected: true },
      { ...body, roles: ['KING'] },
      { ...body, roles: 'GOVERNANCE' },
      { ...body, id: '../etc' },
      { name: 'no id', roles: ['ISSUER'] },
    ])
      expectProblem(
        await call(hub, 'POST', '/v1/orgs', { org: GOVERNANCE, body: bad }),
        400,
        'validation',
      );
    expectProblem(
      await call(hub, 'POST', '/v1/orgs', { org: GOVERNANCE, rawBody: '{"id": "x",' }),
      400,
      'validation',
    );
    expectProblem(
      await call(hub, 'POST', '/v1/orgs', {
        org: GOVERNANCE,
        rawBody: 'id=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported-media-type',
    );
    expectProblem(
      await call(hub, 'POST', '/v1/orgs', {
        org: GOVERNANCE,
        body: { ...body, name: 'x'.repeat(70_000) },
      }),
      413,
      'payload-too-large',
    );
    expectProblem(
      await call(hub, 'POST', '/v1/orgs', {
        org: GOVERNANCE,
        body: { id: 'city-bank', name: 'again', roles: ['ISSUER'] },
      }),
      409,
      'conflict',
    );
    expect(await height(hub)).toBe(before);
  });

  it('refuses numbers and times no ledger can hold, and tells what each error kind is', async () => {
    const before = await height(hub);
    expectProblem(
      await call(hub, 'POST', '/v1/orgs', {
        org: GOVERNANCE,
        rawBody: '{"id":"big-number","name":"n","roles":["ISSUER"],"x":1e400}',
        headers: { 'idempotency-key': 'big-number' },
      }),
      400,
      'validation',
    );
    expectProblem(
      await call(hub, 'POST', '/v1/verify/credit-report', {
        rawBody: '{"report":{"subject":"x","summary":{"public":1e400}}}',
      }),
      400,
      'validation',
    );
    for (const effectiveAt of [
      '2016-12-31T23:59:60Z',
      '2024-01-01T00:00:00+08',
      '2024-02-30T00:00:00Z',
    ])
      expectProblem(
        await call(hub, 'POST', '/v1/credit-records', {
          org: 'market-regulation',
          body: {
            subject: '91330100MA2ACME01X',
            category: 'PENALTY',
            severity: 'LOW',
            title: 'Late filing',
            decisionHash: 'ab'.repeat(32),
            effectiveAt,
          },
        }),
        400,
        'validation',
      );
    expect(await height(hub)).toBe(before);
    const kind = await call(hub, 'GET', '/errors/validation');
    expect(kind.status).toBe(200);
    expect(kind.body).toEqual({
      type: '/errors/validation',
      title: expect.any(String),
      status: 400,
    });
    expectProblem(await call(hub, 'GET', '/errors/no-such-kind'), 404, 'not-found');
  });

  it('lets GOVERNANCE replace roles, and nobody else', async () => {
    const before = await height(hub);
    expectProblem(
      await call(hub, 'PUT', '/v1/orgs/transport-bureau/roles', {
        org: 'transport-bureau',
        body: { roles: ['GOVERNANCE'] },
      }),
      403,
      'forbidden',
    );
    expectProblem(
      await call(hub, 'PUT', '/v1/orgs/no-such-org/roles', {
        org: GOVERNANCE,
        body: { roles: ['ISSUER'] },
      }),
      404,
      'not-found',
    );
    expect(await height(hub)).toBe(before);
    const changed = await call(hub, 'PUT', '/v1/orgs/transport-bureau/roles', {
      org: GOVERNANCE,
      body: { roles: ['ISSUER', 'DATA_HOLDER'] },
    });
    expect(changed.status).toBe(200);
    expect((changed.body.roles as string[]).sort()).toEqual(['DATA_HOLDER', 'ISSUER']);
    const listed = await call<{ items: Array<{ id: string; roles: string[] }> }>(
      hub,
      'GET',
      '/v1/orgs',
      {
        org: 'city-bank',
      },
    );
    expect(listed.body.items.find((org) => org.id === 'transport-bureau')?.roles.sort()).toEqual([
      'DATA_HOLDER',
      'ISSUER',
    ]);
  });

  it('answers a repeated Idempotency-Key with the first answer, and another body with 409', async () => {
    const body = { id: 'water-authority', name: 'Water Authority', roles: ['DATA_HOLDER'] };
    const headers = { 'idempotency-key': 'register-water-authority' };
    const first = await call(hub, 'POST', '/v1/orgs', { org: GOVERNANCE, body, headers });
    expect(first.status).toBe(201);
    const after = await height(hub);
    const again = await call(hub, 'POST', '/v1/orgs', { org: GOVERNANCE, body, headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expectProblem(
      await call(hub, 'POST', '/v1/orgs', {
        org: GOVERNANCE,
        body: { ...body, name: 'Other' },
        headers,
      }),
      409,
      'idempotency-conflict',
    );
    expect(await height(hub)).toBe(after);
  });

  it('exposes Prometheus metrics: requests, ledger submits, block height', async () => {
    const metrics = await hub.fetch(`${hub.url}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/hub_http_requests_total\{[^}]*route="\/v1\/orgs"[^}]*\} \d+/);
    expect(text).toMatch(
      /hub_ledger_submit_duration_seconds_count\{[^}]*fn="registry:registerOrganization"/,
    );
    expect(text).toMatch(/hub_ledger_block_height \d+/);
  });
});

/** What the hub logs is what its process writes to stdout: read from a process. */
describe.each(BACKENDS)('the hub process on %s: its log', (backend) => {
  it('never logs a key, a demo one or one it hands out, and logs where the keys file is', async () => {
    const hub = await startHub({ backend });
    try {
      const path = join(hub.dataDir, 'api-keys.json');
      const created = await call(hub, 'POST', '/v1/orgs', {
        org: GOVERNANCE,
        body: { id: 'health-commission', name: 'Health Commission', roles: ['ISSUER'] },
      });
      expect(created.status).toBe(201);
      const own = await call(hub, 'GET', '/v1/ledger', { key: created.body.apiKey as string });
      expect(own.status).toBe(200);
      const logged = JSON.stringify(hub.logs);
      for (const key of Object.values(hub.keys)) expect(logged).not.toContain(key);
      expect(logged).toContain(path);
      expect(logged).not.toContain(created.body.apiKey as string);
    } finally {
      await hub.dispose();
    }
  });
});

/**
 * Restart and crash on ledgers that outlive the hub: the embedded one in the data dir, and an
 * EVM chain in its own process (`hardhat node` over JSON-RPC; Hardhat's in-process chain
 * lives and dies with the hub, and says so).
 */
const DURABLE_LEDGERS = [
  ['embedded', 'embedded'],
  ['evm over JSON-RPC', 'evm'],
].filter(([, backend]) => BACKENDS.includes(backend as Backend)) as Array<[string, Backend]>;

describe.each(DURABLE_LEDGERS)('the hub on %s: restarts and crashes', (_label, backend) => {
  let chain: HardhatNode | undefined;
  let env: Record<string, string> = {};
  beforeAll(async () => {
    if (backend === 'evm') {
      chain = await startHardhatNode();
      env = { HUB_EVM_RPC: chain.url };
    }
  });
  afterAll(async () => chain?.stop());

  it('keeps its data across a SIGTERM restart and answers the same keys', async () => {
    const hub = await startHub({ backend, env });
    const created = await call(hub, 'POST', '/v1/orgs', {
      org: GOVERNANCE,
      body: { id: 'tax-bureau', name: 'Tax Bureau', roles: ['DATA_HOLDER'] },
    });
    expect(created.status).toBe(201);
    expect(await hub.stop()).toBe(0);
    const again = await startHub({ backend, env, dataDir: hub.dataDir });
    try {
      expect(again.keys).toEqual(hub.keys);
      const orgs = await call<{ items: Array<{ id: string }> }>(again, 'GET', '/v1/orgs', {
        key: created.body.apiKey as string,
      });
      expect(orgs.status).toBe(200);
      expect(orgs.body.items.map((org) => org.id)).toContain('tax-bureau');
      expect(JSON.stringify(again.logs)).not.toContain('demo consortium');
    } finally {
      await again.dispose();
    }
  });

  it('loses no acknowledged write when killed with SIGKILL during a burst', async () => {
    const hub = await startHub({ backend, env });
    const acknowledged: string[] = [];
    const burst = Array.from({ length: 40 }, (_, i) =>
      call(hub, 'POST', '/v1/orgs', {
        org: GOVERNANCE,
        body: { id: `burst-${i}`, name: `Burst ${i}`, roles: ['REQUESTER'] },
      }).then(
        (answer) => {
          if (answer.status === 201) acknowledged.push(`burst-${i}`);
        },
        () => undefined,
      ),
    );
    await until(() => acknowledged.length >= 5);
    await hub.kill();
    await Promise.all(burst);
    const again = await startHub({ backend, env, dataDir: hub.dataDir });
    try {
      const orgs = await call<{ items: Array<{ id: string }> }>(
        again,
        'GET',
        '/v1/orgs?limit=500',
        {
          org: GOVERNANCE,
        },
      );
      const present = orgs.body.items.map((org) => org.id);
      expect(acknowledged.length).toBeGreaterThanOrEqual(5);
      for (const id of acknowledged) expect(present).toContain(id);
    } finally {
      await again.dispose();
    }
  });

  it('never writes twice when writes cut off by SIGKILL are retried with their Idempotency-Key', async () => {
    const hub = await startHub({ backend, env });
    const body = (i: number) => ({
      subject: '91330100MA2ACME01X',
      category: 'PENALTY',
      severity: 'LOW',
      title: `Retried penalty ${i}`,
      decisionHash: createHash('sha256').update(`retried ${i}`).digest('hex'),
      effectiveAt: '2026-01-05T00:00:00Z',
    });
    const send = (target: HubProcess, i: number) =>
      call<{ id: string }>(target, 'POST', '/v1/credit-records', {
        org: 'market-regulation',
        body: body(i),
        headers: { 'idempotency-key': `retried-${i}` },
      });
    const first = new Map<number, string>();
    const burst = Array.from({ length: 20 }, (_, i) =>
      send(hub, i).then(
        (answer) => {
          if (answer.status === 201) first.set(i, answer.body.id);
        },
        () => undefined,
      ),
    );
    await until(() => first.size >= 3);
    await hub.kill();
    await Promise.all(burst);
    const again = await startHub({ backend, env, dataDir: hub.dataDir });
    try {
      for (let i = 0; i < 20; i++) {
        const retried = await send(again, i);
        if (first.has(i)) {
          // Acknowledged before the crash: the same answer again.
          expect(retried.status).toBe(201);
          expect(retried.body.id).toBe(first.get(i));
        } else expect([201, 409]).toContain(retried.status);
      }
      const records = await call<{ items: Array<{ title: string }> }>(
        again,
        'GET',
        '/v1/enterprises/91330100MA2ACME01X/credit-records?limit=500',
        { org: 'market-regulation' },
      );
      const titles = records.body.items
        .map((record) => record.title)
        .filter((t) => t.startsWith('Retried'));
      expect(new Set(titles).size).toBe(titles.length);
    } finally {
      await again.dispose();
    }
  });

  it('finishes the writes in flight when stopped with SIGTERM, and exits 0', async () => {
    const hub = await startHub({ backend, env });
    const statuses: number[] = [];
    const acknowledged: string[] = [];
    const burst = Array.from({ length: 20 }, (_, i) =>
      call(hub, 'POST', '/v1/orgs', {
        org: GOVERNANCE,
        body: { id: `graceful-${i}`, name: `Graceful ${i}`, roles: ['REQUESTER'] },
      }).then(
        (answer) => {
          statuses.push(answer.status);
          if (answer.status === 201) acknowledged.push(`graceful-${i}`);
        },
        () => undefined, // sent after the listener closed: refused at the door, never started
      ),
    );
    await until(() => acknowledged.length >= 1);
    const stopping = Date.now();
    const stopped = hub.stop();
    await Promise.all(burst);
    expect(await stopped).toBe(0);
    // Liveness, not speed: kept-alive client connections must not hold the stop for the
    // server's 72 s keep-alive timeout.
    expect(Date.now() - stopping).toBeLessThan(30_000);
    // Accepted requests end as written (201) or turned away while closing (503), never 500.
    expect(statuses.filter((status) => status !== 201 && status !== 503)).toEqual([]);
    const again = await startHub({ backend, env, dataDir: hub.dataDir });
    try {
      const orgs = await call<{ items: Array<{ id: string }> }>(
        again,
        'GET',
        '/v1/orgs?limit=500',
        {
          org: GOVERNANCE,
        },
      );
      const present = orgs.body.items.map((org) => org.id);
      for (const id of acknowledged) expect(present).toContain(id);
    } finally {
      await again.dispose();
    }
  });
});

describe('the hub on embedded: limits and settings', () => {
  it('limits requests per key per minute with a rate-limited problem', async () => {
    const hub = await startHubApp({ backend: 'embedded', env: { HUB_RATE_LIMIT: '5' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await call(hub, 'GET', '/v1/ledger', { org: 'city-bank' })).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expectProblem(
        await call(hub, 'GET', '/v1/ledger', { org: 'city-bank' }),
        429,
        'rate-limited',
      );
      expect((await call(hub, 'GET', '/v1/ledger', { org: 'audit-office' })).status).toBe(200);
      expect((await call(hub, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await hub.dispose();
    }
  });

  it('refuses a batch above HUB_MAX_BATCH as a whole, writing nothing', async () => {
    const hub = await startHubApp({ backend: 'embedded', env: { HUB_MAX_BATCH: '3' } });
    try {
      const item = (i: number) => ({
        holder: { id: `holder-${i}` },
        claims: {
          companyName: `Company ${i}`,
          creditCode: '91330100MA2ACME01X',
          businessScope: 'retail',
        },
      });
      const before = await height(hub);
      expectProblem(
        await call(hub, 'POST', '/v1/certificates/batch', {
          org: 'market-regulation',
          body: { type: 'business-license', items: [0, 1, 2, 3].map(item) },
        }),
        400,
        'validation',
      );
      expect(await height(hub)).toBe(before);
      const fits = await call(hub, 'POST', '/v1/certificates/batch', {
        org: 'market-regulation',
        body: { type: 'business-license', items: [0, 1, 2].map(item) },
      });
      expect(fits.status).toBe(201);
      expect(fits.body.count).toBe(3);
    } finally {
      await hub.dispose();
    }
  });

  // The server process's own start: it exits before listening, naming the setting.
  it('refuses to start on a setting it cannot use, naming it', async () => {
    await expect(
      startHub({ backend: 'embedded', env: { HUB_LEDGER: 'postgres' } }),
    ).rejects.toThrow('HUB_LEDGER');
  });
});
