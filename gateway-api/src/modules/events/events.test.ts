import { BACKENDS, call, startHubApp, type Hub, type HubApp } from '../../../test/hub-app';
import { startHub, type HubProcess } from '../../../test/hub-process';

/** Where a stream is opened: a listening hub's URL, and the demo keys. */
interface Listening {
  readonly url: string;
  readonly keys: Readonly<Record<string, string>>;
}

interface SseEvent {
  readonly id: string;
  readonly event: string;
  readonly data: {
    id: string;
    event: string;
    txId: string;
    blockNumber: number;
    txIndex: number;
    eventIndex: number;
    payload: Record<string, unknown>;
  };
}

/** An SSE client over fetch, as a city system would hold one open. */
class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  ended = false;
  readonly #controller = new AbortController();
  readonly #opened: Promise<void>;
  #waiters: Array<() => void> = [];

  constructor(
    hub: Listening,
    org: string,
    options: { lastEventId?: string; query?: string; key?: string } = {},
  ) {
    const key = options.key ?? hub.keys[org];
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
    this.#opened = fetch(`${hub.url}/v1/events${options.query ?? ''}`, {
      headers,
      signal: this.#controller.signal,
    }).then((response) => {
      this.status = response.status;
      void this.#read(response);
    });
  }

  async #read(response: Response): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          this.#frame(buffered.slice(0, end));
          buffered = buffered.slice(end + 2);
        }
      }
    } catch {
      // aborted by the test
    } finally {
      this.ended = true;
      this.#notify();
    }
  }

  #frame(frame: string): void {
    const fields: Record<string, string> = {};
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      const colon = line.indexOf(': ');
      if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 2);
    }
    if (fields.data !== undefined)
      this.events.push({
        id: fields.id as string,
        event: fields.event as string,
        data: JSON.parse(fields.data) as SseEvent['data'],
      });
    this.#notify();
  }

  #notify(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }

  async opened(): Promise<void> {
    await this.#opened;
    await this.until(() => this.comments.includes('connected') || this.ended);
  }

  async until(done: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (this.ended) throw new Error('the stream ended');
      if (Date.now() > deadline) throw new Error('timed out waiting on the stream');
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async untilEvent(match: (event: SseEvent) => boolean): Promise<SseEvent> {
    await this.until(() => this.events.some(match));
    return this.events.find(match) as SseEvent;
  }

  close(): void {
    this.#controller.abort();
  }
}

const subscribers = async (hub: Hub): Promise<number> => {
  const metrics = await call<string>(hub, 'GET', '/metrics');
  const count = /^hub_event_subscribers (\d+)$/m.exec(metrics.body)?.[1];
  if (count === undefined) throw new Error('no hub_event_subscribers in /metrics');
  return Number(count);
};

/** The demo enterprise (acme-trading)'s credit code. */
const ENTERPRISE = '91330100MA2ACME01X';

const registerOrg = (hub: Hub, id: string) =>
  call<{ txId: string; blockNumber: number }>(hub, 'POST', '/v1/orgs', {
    org: 'city-data-bureau',
    body: { id, name: `Org ${id}`, roles: ['REQUESTER'] },
  });

describe.each(BACKENDS)('GET /v1/events on the %s ledger', (backend) => {
  let hub: HubApp;
  /** Streams need a socket: the app listens on a free port; the other calls use `inject`. */
  let listening: Listening;
  const clients: SseClient[] = [];
  const open = (
    org: string,
    options?: { lastEventId?: string; query?: string; key?: string },
  ): SseClient => {
    const client = new SseClient(listening, org, options);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    hub = await startHubApp({ backend });
    listening = { url: await hub.listen(), keys: hub.keys };
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await hub.dispose();
  });

  it('streams a ledger event to a key that is listening when it is committed', async () => {
    const bank = open('city-bank');
    await bank.opened();
    expect(bank.status).toBe(200);
    const written = await registerOrg(hub, 'sse-first');
    expect(written.status).toBe(201);
    const seen = await bank.untilEvent((e) => e.data.payload.orgId === 'sse-first');
    expect(seen.event).toBe('OrganizationRegistered');
    expect(seen.data).toMatchObject({
      event: 'OrganizationRegistered',
      txId: written.body.txId,
      blockNumber: written.body.blockNumber,
      payload: { orgId: 'sse-first', roles: ['REQUESTER'] },
    });
    expect(seen.id).toBe(`${seen.data.blockNumber}:${seen.data.txIndex}:${seen.data.eventIndex}`);
    expect(seen.data.eventIndex).toBe(0);
    bank.close();
  });

  it('resumes after Last-Event-ID with only the later events, in order', async () => {
    const first = await registerOrg(hub, 'sse-resume-a');
    const second = await registerOrg(hub, 'sse-resume-b');
    const third = await registerOrg(hub, 'sse-resume-c');
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    const replay = open('city-bank', { query: '?from=0' });
    const a = await replay.untilEvent((e) => e.data.payload.orgId === 'sse-resume-a');
    replay.close();

    const resumed = open('market-regulation', { lastEventId: a.id });
    await resumed.untilEvent((e) => e.data.payload.orgId === 'sse-resume-c');
    const live = await registerOrg(hub, 'sse-resume-d');
    expect(live.status).toBe(201);
    await resumed.untilEvent((e) => e.data.payload.orgId === 'sse-resume-d');
    const orgIds = resumed.events.map((e) => e.data.payload.orgId);
    expect(orgIds).toEqual(['sse-resume-b', 'sse-resume-c', 'sse-resume-d']);
    const ids = resumed.events.map(
      (e) => [e.data.blockNumber, e.data.txIndex, e.data.eventIndex] as const,
    );
    expect([...ids].sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2])).toEqual(ids);
    resumed.close();
  });

  it('takes a two-part Last-Event-ID of older streams as the first event of that transaction', async () => {
    const first = await registerOrg(hub, 'sse-legacy-a');
    const second = await registerOrg(hub, 'sse-legacy-b');
    expect([first.status, second.status]).toEqual([201, 201]);
    const replay = open('city-bank', { query: `?from=${first.body.blockNumber}` });
    const a = await replay.untilEvent((e) => e.data.payload.orgId === 'sse-legacy-a');
    replay.close();
    const legacyId = `${a.data.blockNumber}:${a.data.txIndex}`;
    const resumed = open('city-bank', { lastEventId: legacyId });
    await resumed.untilEvent((e) => e.data.payload.orgId === 'sse-legacy-b');
    expect(resumed.events[0]?.data.payload.orgId).toBe('sse-legacy-b');
    resumed.close();
  });

  it('streams every event of a transaction that logs several, and resumes between them', async () => {
    // A bank's credit-report read records the access and anchors the report in one
    // transaction: the EVM contracts log both, the chaincode sets one event that carries both.
    const expected =
      backend === 'evm' ? ['AccessAllowed', 'CreditReportAnchored'] : ['CreditReportAnchored'];
    const auditor = open('audit-office');
    await auditor.opened();
    const now = Date.now();
    const granted = await call<{ id: string }>(hub, 'POST', '/v1/authorizations', {
      org: 'acme-trading',
      body: {
        subject: { type: 'ENTERPRISE', creditCode: ENTERPRISE },
        grantee: 'city-bank',
        categories: ['credit-report'],
        purpose: 'loan-assessment',
        legalBasis: 'CONSENT',
        operations: ['READ'],
        validFrom: new Date(now - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        validUntil: new Date(now + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        consentEvidenceHash: '1a'.repeat(32),
      },
    });
    expect(granted.status).toBe(201);
    const read = await call<{ reportHash: string }>(
      hub,
      'GET',
      `/v1/enterprises/${ENTERPRISE}/credit-report?authorizationId=${granted.body.id}&purpose=loan-assessment`,
      { org: 'city-bank' },
    );
    expect(read.status).toBe(200);
    const anchored = await auditor.untilEvent(
      (e) =>
        e.event === 'CreditReportAnchored' && e.data.payload.reportHash === read.body.reportHash,
    );
    const ofRead = auditor.events.filter((e) => e.data.txId === anchored.data.txId);
    expect(ofRead.map((e) => e.event)).toEqual(expected);
    expect(ofRead.map((e) => e.data.eventIndex)).toEqual(expected.map((_, index) => index));
    expect(new Set(ofRead.map((e) => e.id)).size).toBe(ofRead.length);
    for (const event of ofRead)
      expect(event.id).toBe(
        `${event.data.blockNumber}:${event.data.txIndex}:${event.data.eventIndex}`,
      );
    auditor.close();

    // Resuming after the transaction's first event yields the rest of it, then what follows.
    const resumed = open('audit-office', { lastEventId: ofRead[0]?.id });
    const marker = await registerOrg(hub, 'marker-after-report');
    expect(marker.status).toBe(201);
    await resumed.untilEvent((e) => e.data.payload.orgId === 'marker-after-report');
    expect(
      resumed.events.filter((e) => e.data.txId === anchored.data.txId).map((e) => e.event),
    ).toEqual(expected.slice(1));
    expect(resumed.events.at(-1)?.data.payload.orgId).toBe('marker-after-report');
    resumed.close();
  });

  it('starts at a block with ?from=, from the first event of the ledger at 0', async () => {
    const fromStart = open('audit-office', { query: '?from=0' });
    await fromStart.untilEvent((e) => e.data.payload.orgId === 'sse-resume-d');
    expect(fromStart.events[0]?.event).toBe('RegistryInitialized');
    const block = fromStart.events.find((e) => e.data.payload.orgId === 'sse-resume-c')?.data
      .blockNumber as number;
    fromStart.close();
    const fromBlock = open('audit-office', { query: `?from=${block}` });
    await fromBlock.untilEvent((e) => e.data.payload.orgId === 'sse-resume-d');
    expect(fromBlock.events[0]?.data.payload.orgId).toBe('sse-resume-c');
    expect(fromBlock.events.every((e) => e.data.blockNumber >= block)).toBe(true);
    fromBlock.close();
  });

  it('shares one ledger stream: each client adds one reader, and a client that leaves is dropped', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = await subscribers(hub);
    // The webhook dispatcher reads the shared stream too.
    expect(before).toBeGreaterThanOrEqual(1);
    const a = open('city-bank');
    const b = open('acme-trading');
    await a.opened();
    await b.opened();
    expect(await subscribers(hub)).toBe(before + 2);
    a.close();
    b.close();
    const deadline = Date.now() + 10_000;
    while ((await subscribers(hub)) !== before && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await subscribers(hub)).toBe(before);
  });

  it('shows access events to the grantee and AUDITOR, not to another requester', async () => {
    const other = await call<{ apiKey: string }>(hub, 'POST', '/v1/orgs', {
      org: 'city-data-bureau',
      body: { id: 'other-bank', name: 'Other Bank', roles: ['REQUESTER'] },
    });
    expect(other.status).toBe(201);
    const auditor = open('audit-office');
    const grantee = open('city-bank');
    const stranger = open('other-bank', { key: other.body.apiKey });
    await Promise.all([auditor.opened(), grantee.opened(), stranger.opened()]);
    const now = Date.now();
    const authorization = await call<{ id: string }>(hub, 'POST', '/v1/authorizations', {
      org: 'citizen-services',
      body: {
        subject: { type: 'CITIZEN', ref: 'ab'.repeat(32) },
        grantee: 'city-bank',
        categories: ['tax-records'],
        purpose: 'loan-review',
        legalBasis: 'CONSENT',
        operations: ['READ'],
        validFrom: new Date(now - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        validUntil: new Date(now + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        consentEvidenceHash: 'cd'.repeat(32),
      },
    });
    expect(authorization.status).toBe(201);
    const access = await call(hub, 'POST', '/v1/access-events', {
      org: 'city-bank',
      body: {
        authorizationId: authorization.body.id,
        category: 'tax-records',
        purpose: 'loan-review',
        operation: 'READ',
        recordCount: 1,
        requestHash: 'ef'.repeat(32),
      },
    });
    expect(access.status).toBe(201);
    const allowed = (event: SseEvent) =>
      event.event === 'AccessAllowed' &&
      event.data.payload.authorizationId === authorization.body.id;
    await auditor.untilEvent(allowed);
    await grantee.untilEvent(allowed);
    // An event everyone sees, committed after the access: once the stranger has it, it has
    // had every earlier event it was going to get.
    const marker = await registerOrg(hub, 'marker-after-access');
    await stranger.untilEvent((event) => event.data.blockNumber >= marker.body.blockNumber);
    expect(stranger.events.filter(allowed)).toEqual([]);
    expect(stranger.events.filter((event) => event.event === 'AuthorizationCreated')).toEqual([]);
  });

  it('refuses a request without a key, and a Last-Event-ID that is not an event id', async () => {
    const anonymous = await fetch(`${listening.url}/v1/events`);
    expect(anonymous.status).toBe(401);
    const bad = await call(hub, 'GET', '/v1/events', {
      org: 'city-bank',
      headers: { 'last-event-id': 'yesterday' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe('/errors/validation');
    const badFrom = await call(hub, 'GET', '/v1/events?from=-1', { org: 'city-bank' });
    expect(badFrom.status).toBe(400);
  });
});

/** Stopping with SIGTERM while streams are open: the process's own stop and exit code. */
describe.each(BACKENDS)('GET /v1/events on the %s ledger, from a process', (backend) => {
  let hub: HubProcess;
  const clients: SseClient[] = [];
  const open = (org: string, options?: { query?: string }): SseClient => {
    const client = new SseClient(hub, org, options);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    hub = await startHub({ backend });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await hub.dispose();
  });

  it('lets the hub stop at once while streams are open: they end and the process exits 0', async () => {
    const streams = [open('city-bank'), open('audit-office', { query: '?from=0' })];
    for (const stream of streams) await stream.opened();
    const started = Date.now();
    expect(await hub.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_000);
    for (const stream of streams) await stream.until(() => stream.ended);
  });
});
