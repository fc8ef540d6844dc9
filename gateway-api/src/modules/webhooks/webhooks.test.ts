import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BACKENDS, call, startHubApp, type Hub, type HubApp } from '../../../test/hub-app';
import { startHub, type HubProcess } from '../../../test/hub-process';

interface Received {
  readonly at: number;
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
  readonly body: { id: string; event: string; webhookId: string; payload: Record<string, unknown> };
}

/** A city system's webhook endpoint: records every POST and answers what the test says. */
class Receiver {
  readonly received: Received[] = [];
  /** Status codes to answer each webhook, in turn; 200 once they run out. */
  readonly answers = new Map<string, number[]>();
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<Receiver> {
    const receiver: Receiver = new Receiver(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const body = JSON.parse(raw) as Received['body'];
          receiver.received.push({ at: Date.now(), headers: request.headers, raw, body });
          response.statusCode = receiver.answers.get(body.webhookId)?.shift() ?? 200;
          response.end();
        });
      }),
    );
    await new Promise<void>((resolve) => receiver.#server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hook`;
  }

  for(webhookId: string): Received[] {
    return this.received.filter((each) => each.body.webhookId === webhookId);
  }

  async until(done: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for deliveries');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

/** The receiver's check, written from the documented scheme (not the hub's code). */
function signatureIsValid(secret: string, delivery: Received): boolean {
  const timestamp = String(delivery.headers['x-citytrust-timestamp']);
  const signature = String(delivery.headers['x-citytrust-signature']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${delivery.raw}`).digest('hex')}`;
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
  return (
    fresh &&
    signature.length === expected.length &&
    timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
  );
}

interface Created {
  id: string;
  secret: string;
  url: string;
  events: string[];
}

const createOn = (hub: Hub, org: string, body: unknown) =>
  call<Created>(hub, 'POST', '/v1/webhooks', { org, body });
const registerOrgOn = (hub: Hub, id: string) =>
  call<{ txId: string; blockNumber: number }>(hub, 'POST', '/v1/orgs', {
    org: 'city-data-bureau',
    body: { id, name: `Org ${id}`, roles: ['REQUESTER'] },
  });

describe.each(BACKENDS)('webhooks on the %s ledger', (backend) => {
  let hub: HubApp;
  let receiver: Receiver;

  const create = (org: string, body: unknown) => createOn(hub, org, body);
  const registerOrg = (id: string) => registerOrgOn(hub, id);

  beforeAll(async () => {
    hub = await startHubApp({ backend });
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await hub.dispose();
    await receiver.stop();
  });

  it('refuses malformed webhooks with 400 and creates none', async () => {
    const bad: unknown[] = [
      {},
      { url: receiver.url },
      { url: receiver.url, events: [] },
      { url: receiver.url, events: ['NoSuchEvent'] },
      { url: 'ftp://example.org/hook', events: ['*'] },
      { url: 'not a url', events: ['*'] },
      { url: 'http://user:pw@127.0.0.1/hook', events: ['*'] },
      { url: receiver.url, events: ['*'], secret: 'mine' },
      { url: receiver.url, events: [42] },
      { url: receiver.url, events: ['*', '*'] },
    ];
    for (const body of bad) {
      const answer = await create('city-bank', body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(answer.body).toMatchObject({ type: '/errors/validation' });
    }
    const notJson = await call(hub, 'POST', '/v1/webhooks', {
      org: 'city-bank',
      rawBody: '{"url":',
    });
    expect(notJson.status).toBe(400);
    const anonymous = await call(hub, 'POST', '/v1/webhooks', {
      body: { url: receiver.url, events: ['*'] },
    });
    expect(anonymous.status).toBe(401);
    const listed = await call<{ items: unknown[] }>(hub, 'GET', '/v1/webhooks', {
      org: 'city-bank',
    });
    expect(listed.body.items).toEqual([]);
  });

  it('delivers an event as a signed POST, and lists the webhook without its secret', async () => {
    const created = await create('city-bank', {
      url: receiver.url,
      events: ['OrganizationRegistered'],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const listed = await call<{ items: Array<Record<string, unknown>> }>(
      hub,
      'GET',
      '/v1/webhooks',
      {
        org: 'city-bank',
      },
    );
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: created.body.id,
        url: receiver.url,
        events: ['OrganizationRegistered'],
      }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);

    const written = await registerOrg('hook-first');
    expect(written.status).toBe(201);
    await receiver.until(() => receiver.for(created.body.id).length > 0);
    const [delivery] = receiver.for(created.body.id) as [Received];
    expect(delivery.body).toMatchObject({
      event: 'OrganizationRegistered',
      webhookId: created.body.id,
      txId: written.body.txId,
      blockNumber: written.body.blockNumber,
      payload: { orgId: 'hook-first' },
    });
    expect(delivery.body.id).toMatch(new RegExp(`^${written.body.blockNumber}:\\d+:0$`));
    expect(delivery.headers['x-citytrust-event']).toBe('OrganizationRegistered');
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(signatureIsValid(created.body.secret, delivery)).toBe(true);
    expect(signatureIsValid(`${created.body.secret}x`, delivery)).toBe(false);
  });

  it('retries a delivery the receiver answered 500, with the same body, after a backoff', async () => {
    const created = await create('market-regulation', { url: receiver.url, events: ['*'] });
    expect(created.status).toBe(201);
    receiver.answers.set(created.body.id, [500]);
    expect((await registerOrg('hook-retry')).status).toBe(201);
    await receiver.until(() => receiver.for(created.body.id).length >= 2);
    const [failed, retried] = receiver.for(created.body.id) as [Received, Received];
    expect(retried.raw).toBe(failed.raw);
    expect(retried.body.payload).toEqual(expect.objectContaining({ orgId: 'hook-retry' }));
    expect(retried.at - failed.at).toBeGreaterThanOrEqual(700);
    expect(signatureIsValid(created.body.secret, retried)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(receiver.for(created.body.id)).toHaveLength(2);
  });

  it('answers a retried create with the same Idempotency-Key with the same webhook, not a second', async () => {
    const body = { url: receiver.url, events: ['OrganizationRegistered'] };
    const headers = { 'idempotency-key': 'subscribe-once' };
    const first = await call<Created>(hub, 'POST', '/v1/webhooks', {
      org: 'audit-office',
      body,
      headers,
    });
    const again = await call<Created>(hub, 'POST', '/v1/webhooks', {
      org: 'audit-office',
      body,
      headers,
    });
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const listed = await call<{ items: Array<{ id: string }> }>(hub, 'GET', '/v1/webhooks', {
      org: 'audit-office',
    });
    expect(listed.body.items.map((hook) => hook.id)).toEqual([first.body.id]);
    expect(
      (await call(hub, 'DELETE', `/v1/webhooks/${first.body.id}`, { org: 'audit-office' })).status,
    ).toBe(204);
  });

  it("answers 404 to DELETE of another organization's webhook and keeps it; deletes its own", async () => {
    const created = await create('transport-bureau', { url: receiver.url, events: ['*'] });
    const other = await call(hub, 'DELETE', `/v1/webhooks/${created.body.id}`, {
      org: 'city-bank',
    });
    expect(other.status).toBe(404);
    const missing = await call(hub, 'DELETE', '/v1/webhooks/no-such-hook', { org: 'city-bank' });
    expect(missing.status).toBe(404);
    const kept = await call<{ items: Array<{ id: string }> }>(hub, 'GET', '/v1/webhooks', {
      org: 'transport-bureau',
    });
    expect(kept.body.items.map((hook) => hook.id)).toEqual([created.body.id]);
    const bankList = await call<{ items: Array<{ id: string }> }>(hub, 'GET', '/v1/webhooks', {
      org: 'city-bank',
    });
    expect(bankList.body.items.map((hook) => hook.id)).not.toContain(created.body.id);

    const own = await call(hub, 'DELETE', `/v1/webhooks/${created.body.id}`, {
      org: 'transport-bureau',
    });
    expect(own.status).toBe(204);
    const after = await call<{ items: unknown[] }>(hub, 'GET', '/v1/webhooks', {
      org: 'transport-bureau',
    });
    expect(after.body.items).toEqual([]);
    expect((await registerOrg('hook-after-delete')).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.for(created.body.id)).toEqual([]);
  });
});

/** A restart on the same data dir, after SIGTERM: the hub as a process. */
describe.each(BACKENDS)('webhooks on the %s ledger, across a process restart', (backend) => {
  let hub: HubProcess;
  let receiver: Receiver;
  let dataDir: string | undefined;

  const create = (org: string, body: unknown) => createOn(hub, org, body);
  const registerOrg = (id: string) => registerOrgOn(hub, id);

  beforeAll(async () => {
    hub = await startHub({ backend });
    dataDir = hub.dataDir;
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await hub.dispose();
    await receiver.stop();
  });

  it('keeps a pending delivery across a restart and sends it once the receiver is back', async () => {
    const created = await create('acme-trading', {
      url: receiver.url,
      events: ['OrganizationRegistered'],
    });
    expect(created.status).toBe(201);
    receiver.answers.set(created.body.id, [503, 503, 503, 503, 503, 503]);
    expect((await registerOrg('hook-restart')).status).toBe(201);
    await receiver.until(() => receiver.for(created.body.id).length >= 1);
    expect(await hub.stop()).toBe(0);
    const failedBefore = receiver.for(created.body.id).length;
    receiver.answers.delete(created.body.id);

    hub = await startHub({ backend, dataDir });
    await receiver.until(() => receiver.for(created.body.id).length > failedBefore);
    const all = receiver.for(created.body.id);
    const delivered = all[all.length - 1] as Received;
    expect(delivered.body.payload).toEqual(expect.objectContaining({ orgId: 'hook-restart' }));
    expect(new Set(all.map((each) => each.raw)).size).toBe(1);
    // The secret came back from the keychain: the delivery after the restart is signed with it.
    expect(signatureIsValid(created.body.secret, delivered)).toBe(true);
    // Delivered once: the restart neither queued the event again nor sent it twice.
    const count = receiver.for(created.body.id).length;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(receiver.for(created.body.id)).toHaveLength(count);
    expect(all.slice(0, -1).every((each) => each.at < delivered.at)).toBe(true);
  });
});
