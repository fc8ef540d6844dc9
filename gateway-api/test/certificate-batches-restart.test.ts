import { startHardhatNode, type HardhatNode } from './hardhat-node';
import { BACKENDS, call, startHub, type Backend, type HubProcess } from './hub-process';

const ISSUER = 'market-regulation';
const READER = 'city-bank';

/**
 * Batch members changed after a restart, on ledgers that outlive the hub: the embedded one in
 * the data dir, and an EVM chain in its own process (`hardhat node` over JSON-RPC). The EVM
 * contracts take a member's document hash and Merkle proof at its first change: the gateway
 * keeps each batch's document hashes in its data dir to give them.
 */
const DURABLE_LEDGERS = [
  ['embedded', 'embedded'],
  ['evm over JSON-RPC', 'evm'],
].filter(([, backend]) => BACKENDS.includes(backend as Backend)) as Array<[string, Backend]>;

const licence = (n: number) => ({
  holder: { id: `91330100MA2RST${String(n).padStart(3, '0')}X`, name: `Company ${n}` },
  claims: {
    companyName: `Company ${n}`,
    creditCode: '91330100MA2ACME01X',
    businessScope: 'wholesale of general merchandise',
  },
});

describe.each(DURABLE_LEDGERS)('batch members across a restart on %s', (_label, backend) => {
  let chain: HardhatNode | undefined;
  let env: Record<string, string> = {};
  const hubs: HubProcess[] = [];
  beforeAll(async () => {
    if (backend === 'evm') {
      chain = await startHardhatNode();
      env = { HUB_EVM_RPC: chain.url };
    }
  });
  afterAll(async () => {
    for (const hub of hubs.reverse()) await hub.dispose();
    await chain?.stop();
  });

  it('revokes, suspends and renews members of a batch issued before the restart', async () => {
    const hub = await startHub({ backend, env });
    hubs.push(hub);
    const batch = await call<{ batchId: string; certificates: { id: string }[] }>(
      hub,
      'POST',
      '/v1/certificates/batch',
      {
        org: ISSUER,
        body: { type: 'business-license', items: [0, 1, 2, 3, 4].map(licence) },
      },
    );
    expect(batch.status).toBe(201);
    const [first = '', second = '', , fourth = ''] = batch.body.certificates.map((each) => each.id);
    expect(await hub.stop()).toBe(0);

    const again = await startHub({ backend, env, dataDir: hub.dataDir });
    hubs.push(again);
    const path = (id: string) => `/v1/certificates/${encodeURIComponent(id)}`;
    const revoked = await call<{ status: string; txId: string }>(
      again,
      'POST',
      `${path(second)}/revoke`,
      { org: ISSUER, body: { reason: 'licence withdrawn' } },
    );
    expect({ status: revoked.status, body: revoked.body }).toMatchObject({
      status: 200,
      body: { status: 'REVOKED', reason: 'licence withdrawn' },
    });
    const read = await call<{ status: string; batchId: string }>(again, 'GET', path(second), {
      org: READER,
    });
    expect(read.body).toMatchObject({ status: 'REVOKED', batchId: batch.body.batchId });
    const history = await call<{ items: { txId: string; record: { status: string } }[] }>(
      again,
      'GET',
      `${path(second)}/history`,
      { org: READER },
    );
    expect(history.body.items.map((entry) => entry.record.status)).toEqual(['ACTIVE', 'REVOKED']);
    expect(history.body.items[1]?.txId).toBe(revoked.body.txId);

    const suspended = await call(again, 'POST', `${path(first)}/suspend`, {
      org: ISSUER,
      body: { reason: 'inspection pending' },
    });
    expect({ status: suspended.status, body: suspended.body }).toMatchObject({
      status: 200,
      body: { status: 'SUSPENDED' },
    });
    const { holder, claims } = licence(3);
    const renewed = await call<{ id: string }>(again, 'POST', `${path(fourth)}/renew`, {
      org: ISSUER,
      body: { holder, claims },
    });
    expect(renewed.status).toBe(201);
    expect((await call(again, 'GET', path(fourth), { org: READER })).body).toMatchObject({
      status: 'SUPERSEDED',
      supersededBy: renewed.body.id,
    });
    // The members left alone are as they were.
    expect(
      (await call(again, 'GET', path(batch.body.certificates[2]?.id as string), { org: READER }))
        .body,
    ).toMatchObject({ status: 'ACTIVE' });
  });
});
