import { createHash } from 'node:crypto';
import { createHubClient, HubApiError } from '@citytrust/sdk';
import { BACKENDS, startHubApp, type HubApp } from './hub-app';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The sdk's typed client against the real hub: the requests it makes are the ones the hub takes. */
describe.each(BACKENDS)('the sdk client against the hub on %s', (backend) => {
  let hub: HubApp;
  beforeAll(async () => {
    hub = await startHubApp({ backend });
  });
  afterAll(() => hub.dispose());

  const as = (org: string) =>
    createHubClient({ baseUrl: hub.url, apiKey: hub.keys[org], fetch: hub.fetch });

  it('reads the ledger and the registry', async () => {
    const client = as('city-bank');
    expect((await client.ledger()).backend).toBe(backend);
    const orgs = await client.listOrganizations({ limit: 500 });
    expect(orgs.items.map((org) => org.id)).toContain('acme-trading');
    const anonymous = createHubClient({ baseUrl: hub.url, fetch: hub.fetch });
    expect(await anonymous.health()).toEqual({ status: 'ok' });
    expect((await anonymous.listIssuers()).items).toEqual(expect.any(Array));
  });

  it('writes, with an Idempotency-Key that replays the first answer', async () => {
    const client = as('market-regulation');
    const body = {
      subject: '91330100MA2ACME01X',
      category: 'PENALTY' as const,
      severity: 'LOW' as const,
      title: 'Late annual report',
      decisionHash: sha('decision 1'),
      effectiveAt: '2026-01-05T00:00:00Z',
    };
    const created = await client.createCreditRecord(body, { idempotencyKey: 'penalty-1' });
    const replayed = await client.createCreditRecord(body, { idempotencyKey: 'penalty-1' });
    expect(replayed).toEqual(created);
    const read = await as('city-bank').getCreditRecord(created.id);
    expect(read).toMatchObject({ id: created.id, subject: body.subject, status: 'ACTIVE' });
  });

  it('throws a typed error carrying the problem', async () => {
    const refusal = await as('city-bank')
      .registerOrganization({ id: 'rogue', name: 'Rogue', roles: ['GOVERNANCE'] })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(HubApiError);
    expect(refusal).toMatchObject({ status: 403, type: '/errors/forbidden' });
    const unknown = await as('city-bank')
      .getCreditRecord('no-such-record')
      .catch((error: unknown) => error);
    expect(unknown).toMatchObject({ status: 404, type: '/errors/not-found' });
  });
});
