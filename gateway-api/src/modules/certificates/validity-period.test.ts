import { BACKENDS, call, startHubApp, type Answer, type HubApp } from '../../../test/hub-app';

const GOVERNANCE = 'city-data-bureau';
const ISSUER = 'transport-bureau';

const DAY_MS = 86_400_000;
const inDays = (days: number): string =>
  new Date(Math.floor(Date.now() / 1000) * 1000 + days * DAY_MS).toISOString();

const permit = {
  id: 'taxi-permit',
  name: 'Taxi permit',
  schema: {
    type: 'object',
    required: ['plate'],
    additionalProperties: false,
    properties: { plate: { type: 'string', minLength: 1 } },
  },
  issuers: [ISSUER],
};

const item = (n: number, validUntil?: string) => ({
  holder: { id: `driver-${n}` },
  claims: { plate: `A-${n}` },
  validFrom: inDays(0),
  ...(validUntil === undefined ? {} : { validUntil }),
});
const request = (n: number, validUntil?: string) => ({ type: permit.id, ...item(n, validUntil) });

describe.each(BACKENDS)("a certificate type's longest validity on %s", (backend) => {
  let hub: HubApp;
  const height = async (): Promise<number> =>
    (await call<{ height: number }>(hub, 'GET', '/v1/ledger', { org: GOVERNANCE })).body.height;
  /** A refused call answers this problem and leaves the ledger as it was. */
  const refused = async (
    send: () => Promise<Answer>,
    status: number,
    kind: string,
    why?: RegExp,
  ) => {
    const before = await height();
    const answer = await send();
    expect({ status: answer.status, type: answer.body.type }).toEqual({
      status,
      type: `/errors/${kind}`,
    });
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    if (why !== undefined) expect(String(answer.body.detail)).toMatch(why);
    expect(await height()).toBe(before);
  };
  const setMax = (org: string, maxValidityDays: unknown, id = permit.id) =>
    call(hub, 'PUT', `/v1/certificate-types/${id}/max-validity`, {
      org,
      body: { maxValidityDays },
    });

  beforeAll(async () => {
    hub = await startHubApp({ backend, env: { HUB_RATE_LIMIT: '1000000' } });
    const defined = await call(hub, 'POST', '/v1/certificate-types', {
      org: GOVERNANCE,
      body: permit,
    });
    expect(defined.status).toBe(201);
    expect(defined.body.maxValidityDays).toBeNull();
  });
  afterAll(() => hub.dispose());

  it('only GOVERNANCE sets it, to 1 to 36,500 days of a known type', async () => {
    await refused(() => setMax(ISSUER, 30), 403, 'forbidden');
    await refused(() => setMax(GOVERNANCE, 30, 'no-such-type'), 404, 'not-found');
    for (const bad of [0, 36_501, 1.5, '30'])
      await refused(() => setMax(GOVERNANCE, bad), 400, 'validation');
    const set = await setMax(GOVERNANCE, 30);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ id: permit.id, maxValidityDays: 30, issuers: [ISSUER] });
    const listed = await call<{ items: Array<{ id: string; maxValidityDays: number | null }> }>(
      hub,
      'GET',
      '/v1/certificate-types',
      { org: ISSUER },
    );
    expect(listed.body.items.find((type) => type.id === permit.id)?.maxValidityDays).toBe(30);
  });

  it('refuses issuing, batches and renewals that would be valid longer, writing nothing', async () => {
    const post = (path: string, body: unknown) => () =>
      call(hub, 'POST', path, { org: ISSUER, body });
    await refused(
      post('/v1/certificates', request(1)),
      400,
      'validation',
      /30 days at most|InvalidValidityPeriod/,
    );
    await refused(
      post('/v1/certificates', request(1, inDays(31))),
      400,
      'validation',
      /30 days at most|InvalidValidityPeriod/,
    );
    await refused(
      post('/v1/certificates/batch', { type: permit.id, items: [item(2, inDays(45))] }),
      400,
      'validation',
      /30 days at most|InvalidValidityPeriod/,
    );
    const issued = await call<{ id: string }>(hub, 'POST', '/v1/certificates', {
      org: ISSUER,
      body: request(3, inDays(30)),
    });
    expect(issued.status).toBe(201);
    const batch = await call(hub, 'POST', '/v1/certificates/batch', {
      org: ISSUER,
      body: { type: permit.id, items: [item(4, inDays(20)), item(5, inDays(20))] },
    });
    expect(batch.status).toBe(201);
    const renew = (validUntil?: string) => () =>
      call(hub, 'POST', `/v1/certificates/${issued.body.id}/renew`, {
        org: ISSUER,
        body: {
          holder: { id: 'driver-3' },
          claims: { plate: 'A-3' },
          ...(validUntil === undefined ? {} : { validUntil }),
        },
      });
    await refused(renew(), 400, 'validation', /30 days at most|InvalidValidityPeriod/);
    await refused(renew(inDays(60)), 400, 'validation', /30 days at most|InvalidValidityPeriod/);
    const renewed = await renew(inDays(29))();
    expect(renewed.status).toBe(201);
  });

  it('lifted with null, open-ended certificates are issued again', async () => {
    const lifted = await setMax(GOVERNANCE, null);
    expect(lifted.status).toBe(200);
    expect(lifted.body.maxValidityDays).toBeNull();
    const issued = await call(hub, 'POST', '/v1/certificates', {
      org: ISSUER,
      body: request(6),
    });
    expect(issued.status).toBe(201);
  });
});
