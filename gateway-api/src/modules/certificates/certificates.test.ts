import {
  attachProofs,
  buildCredential,
  documentHashOf,
  generateIssuerKey,
  newHolderSalt,
  signCredential,
  type CertificateCredential,
} from '@citytrust/sdk';
import { BACKENDS, call, startHubApp, type Answer, type HubApp } from '../../../test/hub-app';

const GOVERNANCE = 'city-data-bureau';
const ISSUER = 'market-regulation';
const OTHER_ISSUER = 'transport-bureau';
const NOT_ISSUER = 'city-bank';

interface Issued {
  id: string;
  status: string;
  documentHash: string;
  txId: string;
  blockNumber: number;
  credential: CertificateCredential;
  certificate: {
    status: string;
    issuer: string;
    holderRef: string;
    documentHash: string;
    issuedAt: string;
  };
}

interface Verification {
  valid: boolean;
  status: string | null;
  checks: Record<
    'integrity' | 'anchored' | 'issuerAuthorized' | 'notExpired' | 'notRevoked',
    boolean
  >;
  certificate: { id: string; status: string } | null;
}

const licence = (n: number) => ({
  type: 'business-license',
  holder: { id: `91330100MA2ACM${String(n).padStart(3, '0')}X`, name: `Company ${n}` },
  claims: {
    companyName: `Company ${n}`,
    creditCode: '91330100MA2ACME01X',
    businessScope: 'wholesale of general merchandise',
  },
});

function expectProblem(answer: Answer<unknown>, status: number, kind: string): void {
  expect({ status: answer.status, body: answer.body }).toMatchObject({
    status,
    body: { type: `/errors/${kind}`, status },
  });
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

describe.each(BACKENDS)('certificates on %s', (backend) => {
  let hub: HubApp;
  const height = async (): Promise<number> =>
    (await call<{ height: number }>(hub, 'GET', '/v1/ledger', { org: GOVERNANCE })).body.height;
  const issue = async (n: number): Promise<Issued> => {
    const answer = await call<Issued>(hub, 'POST', '/v1/certificates', {
      org: ISSUER,
      body: licence(n),
    });
    expect(answer.status).toBe(201);
    return answer.body;
  };
  const verify = (credential: unknown) =>
    call<Verification>(hub, 'POST', '/v1/verify/certificate', { body: { credential } });
  /** A refused call leaves the ledger as it was. */
  const refused = async (
    send: () => Promise<Answer<unknown>>,
    status: number,
    kind: string,
  ): Promise<void> => {
    const before = await height();
    expectProblem(await send(), status, kind);
    expect(await height()).toBe(before);
  };

  beforeAll(async () => {
    hub = await startHubApp({ backend, env: { HUB_RATE_LIMIT: '1000000' } });
  });
  afterAll(() => hub.dispose());

  describe('certificate types', () => {
    const permit = {
      id: 'food-safety-permit',
      name: 'Food safety permit',
      schema: {
        type: 'object',
        required: ['premises'],
        additionalProperties: false,
        properties: { premises: { type: 'string', minLength: 1 } },
      },
      issuers: [OTHER_ISSUER],
    };

    it('lists the demo types with their schemas to any key', async () => {
      const answer = await call<{ items: { id: string; schema: unknown; issuers: string[] }[] }>(
        hub,
        'GET',
        '/v1/certificate-types',
        { org: NOT_ISSUER },
      );
      expect(answer.status).toBe(200);
      const licenceType = answer.body.items.find((type) => type.id === 'business-license');
      expect(licenceType).toMatchObject({
        issuers: [ISSUER],
        schema: { required: ['companyName', 'creditCode', 'businessScope'] },
      });
    });

    it('lets GOVERNANCE define a type: schema kept by hash, listed with its schema', async () => {
      const answer = await call<{ schemaHash: string; txId: string }>(
        hub,
        'POST',
        '/v1/certificate-types',
        { org: GOVERNANCE, body: permit },
      );
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        ...permit,
        schemaHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const page = await call<{ items: { id: string; schema: unknown; schemaHash: string }[] }>(
        hub,
        'GET',
        '/v1/certificate-types?limit=500',
        { org: ISSUER },
      );
      expect(page.body.items.find((type) => type.id === permit.id)).toMatchObject({
        schema: permit.schema,
        schemaHash: answer.body.schemaHash,
      });
      await refused(
        () => call(hub, 'POST', '/v1/certificate-types', { org: GOVERNANCE, body: permit }),
        409,
        'conflict',
      );
    });

    it('refuses other roles, no key, bad keys, bad schemas and unknown fields, writing nothing', async () => {
      const other = { ...permit, id: 'other-permit' };
      await refused(
        () => call(hub, 'POST', '/v1/certificate-types', { org: ISSUER, body: other }),
        403,
        'forbidden',
      );
      await refused(
        () => call(hub, 'POST', '/v1/certificate-types', { body: other }),
        401,
        'unauthorized',
      );
      await refused(
        () => call(hub, 'POST', '/v1/certificate-types', { key: 'not-a-key', body: other }),
        401,
        'unauthorized',
      );
      await refused(
        () =>
          call(hub, 'POST', '/v1/certificate-types', {
            org: GOVERNANCE,
            body: { ...other, schema: { type: 'no-such-type' } },
          }),
        400,
        'validation',
      );
      await refused(
        () =>
          call(hub, 'POST', '/v1/certificate-types', {
            org: GOVERNANCE,
            body: { ...other, extra: 1 },
          }),
        400,
        'validation',
      );
      await refused(
        () =>
          call(hub, 'POST', '/v1/certificate-types', {
            org: GOVERNANCE,
            body: { ...other, issuers: ['nobody-registered'] },
          }),
        404,
        'not-found',
      );
    });
  });

  describe('issuing one certificate', () => {
    it('anchors the document hash and hands back a signed credential that verifies', async () => {
      const issued = await issue(1);
      expect(issued).toMatchObject({ status: 'ACTIVE', certificate: { issuer: ISSUER } });
      expect(issued.certificate.documentHash).toBe(issued.documentHash);
      // The holder never reaches the ledger: only a salted reference does.
      expect(JSON.stringify(issued.certificate)).not.toContain(licence(1).holder.id);
      expect(issued.credential.credentialSubject.holderRef).toBe(issued.certificate.holderRef);
      expect(issued.credential.proof[1]).toMatchObject({
        type: 'CityTrustLedgerAnchor',
        ledger: expect.stringMatching(new RegExp(`^${backend}:`)),
        txId: issued.txId,
        blockNumber: issued.blockNumber,
        documentHash: issued.documentHash,
        certificateId: issued.id,
      });
      const read = await call<{ status: string; id: string }>(
        hub,
        'GET',
        `/v1/certificates/${issued.id}`,
        {
          org: NOT_ISSUER,
        },
      );
      expect(read.body).toMatchObject({ id: issued.id, status: 'ACTIVE' });
      const verified = await verify(issued.credential);
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({
        valid: true,
        status: 'ACTIVE',
        checks: {
          integrity: true,
          anchored: true,
          issuerAuthorized: true,
          notExpired: true,
          notRevoked: true,
        },
        certificate: { id: issued.id },
      });
    });

    it("refuses another type's issuer, other roles, no key and bad keys, writing nothing", async () => {
      await refused(
        () => call(hub, 'POST', '/v1/certificates', { org: OTHER_ISSUER, body: licence(2) }),
        403,
        'forbidden',
      );
      await refused(
        () => call(hub, 'POST', '/v1/certificates', { org: NOT_ISSUER, body: licence(2) }),
        403,
        'forbidden',
      );
      await refused(
        () => call(hub, 'POST', '/v1/certificates', { body: licence(2) }),
        401,
        'unauthorized',
      );
      await refused(
        () => call(hub, 'POST', '/v1/certificates', { key: 'bad-key', body: licence(2) }),
        401,
        'unauthorized',
      );
    });

    it("publishes each issuer's did:key, without a key, so issuers can be checked offline", async () => {
      const issued = await issue(2);
      const issuers = await call<{ items: Array<{ id: string; did: string }> }>(
        hub,
        'GET',
        '/v1/issuers',
      );
      expect(issuers.status).toBe(200);
      expect(issuers.body.items).toContainEqual(
        expect.objectContaining({ id: ISSUER, did: issued.credential.issuer.id }),
      );
      // An organization that is no ISSUER, or never signed, is not on the list.
      expect(issuers.body.items.map((issuer) => issuer.id)).not.toContain('city-bank');
    });

    it('refuses claims outside the schema, unknown fields, bad windows, unknown types and broken JSON', async () => {
      const body = licence(3);
      const badClaims = await call<{ errors: { path: string }[] }>(
        hub,
        'POST',
        '/v1/certificates',
        {
          org: ISSUER,
          body: { ...body, claims: { companyName: 'Acme' } },
        },
      );
      expectProblem(badClaims, 400, 'validation');
      expect(badClaims.body.errors.map((error) => error.path)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^\/claims/)]),
      );
      await refused(
        () =>
          call(hub, 'POST', '/v1/certificates', {
            org: ISSUER,
            body: { ...body, claims: { ...body.claims, unknownClaim: 'x' } },
          }),
        400,
        'validation',
      );
      await refused(
        () =>
          call(hub, 'POST', '/v1/certificates', { org: ISSUER, body: { ...body, extra: true } }),
        400,
        'validation',
      );
      await refused(
        () =>
          call(hub, 'POST', '/v1/certificates', {
            org: ISSUER,
            body: { ...body, holder: { id: 'x', ssn: '1' } },
          }),
        400,
        'validation',
      );
      await refused(
        () =>
          call(hub, 'POST', '/v1/certificates', {
            org: ISSUER,
            body: {
              ...body,
              validFrom: '2030-01-01T00:00:00Z',
              validUntil: '2029-01-01T00:00:00Z',
            },
          }),
        400,
        'validation',
      );
      await refused(
        () =>
          call(hub, 'POST', '/v1/certificates', {
            org: ISSUER,
            body: { ...body, validFrom: 'yesterday' },
          }),
        400,
        'validation',
      );
      await refused(
        () =>
          call(hub, 'POST', '/v1/certificates', {
            org: ISSUER,
            body: { ...body, type: 'no-such-type' },
          }),
        404,
        'not-found',
      );
      await refused(
        () => call(hub, 'POST', '/v1/certificates', { org: ISSUER, rawBody: '{"type": ' }),
        400,
        'validation',
      );
    });

    it('answers a repeated Idempotency-Key with the first answer, and another body with 409', async () => {
      const headers = { 'idempotency-key': `issue-${backend}-licence-4` };
      const first = await call<Issued>(hub, 'POST', '/v1/certificates', {
        org: ISSUER,
        body: licence(4),
        headers,
      });
      expect(first.status).toBe(201);
      const after = await height();
      const again = await call<Issued>(hub, 'POST', '/v1/certificates', {
        org: ISSUER,
        body: licence(4),
        headers,
      });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      await refused(
        () => call(hub, 'POST', '/v1/certificates', { org: ISSUER, body: licence(5), headers }),
        409,
        'idempotency-conflict',
      );
      expect(await height()).toBe(after);
    });

    it('answers 404 for an unknown certificate and 400 for an id that cannot be one', async () => {
      expectProblem(
        await call(hub, 'GET', '/v1/certificates/no-such-certificate', { org: ISSUER }),
        404,
        'not-found',
      );
      expectProblem(
        await call(hub, 'GET', '/v1/certificates/no-such-certificate/history', { org: ISSUER }),
        404,
        'not-found',
      );
      expectProblem(
        await call(hub, 'GET', '/v1/certificates/bad%20id', { org: ISSUER }),
        400,
        'validation',
      );
      expectProblem(await call(hub, 'GET', '/v1/certificates/x', {}), 401, 'unauthorized');
    });
  });

  describe('status changes', () => {
    it('suspends, reinstates and revokes; keeps the history; tells the status at a past time', async () => {
      const issued = await issue(10);
      const path = `/v1/certificates/${issued.id}`;
      // Times from the ledger's own clock (an EVM chain's block time is not the wall clock),
      // in whole seconds (the EVM connector refuses finer instants).
      const issuedAt = Date.parse(issued.certificate.issuedAt);
      const whileActive = new Date(Math.ceil(issuedAt / 1000) * 1000).toISOString();
      const beforeIssue = new Date(Math.floor(issuedAt / 1000) * 1000 - 1000).toISOString();
      await new Promise((resolve) => setTimeout(resolve, 1100));

      const suspended = await call<{ status: string; txId: string }>(
        hub,
        'POST',
        `${path}/suspend`,
        {
          org: ISSUER,
          body: { reason: 'inspection pending' },
        },
      );
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({ status: 'SUSPENDED', reason: 'inspection pending' });
      await refused(
        () => call(hub, 'POST', `${path}/suspend`, { org: ISSUER, body: { reason: 'again' } }),
        409,
        'invalid-state',
      );
      expect((await verify(issued.credential)).body).toMatchObject({
        valid: false,
        status: 'SUSPENDED',
      });

      const at = await call<{ status: string }>(
        hub,
        'GET',
        `${path}?at=${encodeURIComponent(whileActive)}`,
        { org: NOT_ISSUER },
      );
      expect(at.body).toMatchObject({ status: 'ACTIVE' });
      const before = await call<{ status: string }>(
        hub,
        'GET',
        `${path}?at=${encodeURIComponent(beforeIssue)}`,
        { org: NOT_ISSUER },
      );
      expect(before.body.status).toBe('NOT_ISSUED');

      const reinstated = await call<{ status: string; txId: string }>(
        hub,
        'POST',
        `${path}/reinstate`,
        { org: ISSUER, body: { reason: 'inspection passed' } },
      );
      expect(reinstated.body).toMatchObject({ status: 'ACTIVE' });
      const revoked = await call<{ status: string; txId: string }>(hub, 'POST', `${path}/revoke`, {
        org: ISSUER,
        body: { reason: 'company dissolved' },
      });
      expect(revoked.body).toMatchObject({ status: 'REVOKED', reason: 'company dissolved' });
      await refused(
        () => call(hub, 'POST', `${path}/reinstate`, { org: ISSUER, body: { reason: 'undo' } }),
        409,
        'invalid-state',
      );
      expect((await verify(issued.credential)).body).toMatchObject({
        valid: false,
        status: 'REVOKED',
        checks: { integrity: true, anchored: true, notRevoked: false },
      });

      const history = await call<{
        items: { txId: string; timestamp: string; record: { status: string } }[];
      }>(hub, 'GET', `${path}/history`, { org: NOT_ISSUER });
      expect(history.body.items.map((entry) => entry.record.status)).toEqual([
        'ACTIVE',
        'SUSPENDED',
        'ACTIVE',
        'REVOKED',
      ]);
      // Each change with the transaction that made it, the issuance's first.
      expect(history.body.items.map((entry) => entry.txId)).toEqual([
        issued.txId,
        suspended.body.txId,
        reinstated.body.txId,
        revoked.body.txId,
      ]);
      const firstPage = await call<{ items: unknown[]; nextCursor: string }>(
        hub,
        'GET',
        `${path}/history?limit=3`,
        { org: ISSUER },
      );
      const secondPage = await call<{ items: { record: { status: string } }[]; nextCursor: null }>(
        hub,
        'GET',
        `${path}/history?limit=3&cursor=${firstPage.body.nextCursor}`,
        { org: ISSUER },
      );
      expect(firstPage.body.items).toHaveLength(3);
      expect(secondPage.body).toMatchObject({
        items: [{ record: { status: 'REVOKED' } }],
        nextCursor: null,
      });
    });

    it('refuses changes by another issuer, other roles, no key, bad keys and bad bodies, writing nothing', async () => {
      const issued = await issue(11);
      const path = `/v1/certificates/${issued.id}/suspend`;
      const body = { reason: 'no' };
      await refused(() => call(hub, 'POST', path, { org: OTHER_ISSUER, body }), 403, 'forbidden');
      await refused(() => call(hub, 'POST', path, { org: NOT_ISSUER, body }), 403, 'forbidden');
      await refused(() => call(hub, 'POST', path, { body }), 401, 'unauthorized');
      await refused(() => call(hub, 'POST', path, { key: 'bad-key', body }), 401, 'unauthorized');
      await refused(
        () => call(hub, 'POST', path, { org: ISSUER, body: { reason: 'x', extra: 1 } }),
        400,
        'validation',
      );
      await refused(() => call(hub, 'POST', path, { org: ISSUER, body: {} }), 400, 'validation');
      await refused(
        () => call(hub, 'POST', '/v1/certificates/unknown-id/revoke', { org: ISSUER, body }),
        404,
        'not-found',
      );
      expect(
        (
          await call<{ status: string }>(hub, 'GET', `/v1/certificates/${issued.id}`, {
            org: ISSUER,
          })
        ).body.status,
      ).toBe('ACTIVE');
    });
  });

  describe('renewal', () => {
    it('issues a new certificate for the same holder that supersedes the old one', async () => {
      const old = await issue(20);
      const { type: _type, ...renewal } = licence(20);
      const renewed = await call<Issued & { supersedes: string }>(
        hub,
        'POST',
        `/v1/certificates/${old.id}/renew`,
        {
          org: ISSUER,
          body: {
            ...renewal,
            claims: { ...renewal.claims, businessScope: 'retail and wholesale' },
          },
        },
      );
      expect(renewed.status).toBe(201);
      expect(renewed.body).toMatchObject({ status: 'ACTIVE', supersedes: old.id });
      expect(renewed.body.id).not.toBe(old.id);
      expect(renewed.body.certificate.holderRef).toBe(old.certificate.holderRef);
      expect(
        (
          await call<{ status: string; supersededBy: string }>(
            hub,
            'GET',
            `/v1/certificates/${old.id}`,
            { org: ISSUER },
          )
        ).body,
      ).toMatchObject({ status: 'SUPERSEDED', supersededBy: renewed.body.id });
      expect((await verify(renewed.body.credential)).body).toMatchObject({ valid: true });
      expect((await verify(old.credential)).body).toMatchObject({
        valid: false,
        status: 'SUPERSEDED',
      });
      await refused(
        () => call(hub, 'POST', `/v1/certificates/${old.id}/renew`, { org: ISSUER, body: renewal }),
        409,
        'invalid-state',
      );
    });

    it('refuses another holder, another issuer, other roles and bad keys, writing nothing', async () => {
      const old = await issue(21);
      const { type: _type, ...renewal } = licence(21);
      const path = `/v1/certificates/${old.id}/renew`;
      await refused(
        () =>
          call(hub, 'POST', path, {
            org: ISSUER,
            body: { ...renewal, holder: { id: 'someone-else' } },
          }),
        400,
        'validation',
      );
      await refused(
        () =>
          call(hub, 'POST', path, { org: ISSUER, body: { ...renewal, type: 'business-license' } }),
        400,
        'validation',
      );
      await refused(
        () => call(hub, 'POST', path, { org: OTHER_ISSUER, body: renewal }),
        403,
        'forbidden',
      );
      await refused(
        () => call(hub, 'POST', path, { org: NOT_ISSUER, body: renewal }),
        403,
        'forbidden',
      );
      await refused(
        () => call(hub, 'POST', path, { key: 'bad-key', body: renewal }),
        401,
        'unauthorized',
      );
    });
  });

  describe('public verification', () => {
    let issued: Issued;
    beforeAll(async () => {
      issued = await issue(30);
    });

    it('finds a tampered claim', async () => {
      const tampered = {
        ...issued.credential,
        credentialSubject: {
          ...issued.credential.credentialSubject,
          claims: { ...issued.credential.credentialSubject.claims, companyName: 'Forged Ltd' },
        },
      };
      const answer = await verify(tampered);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        valid: false,
        checks: { integrity: false, anchored: false },
      });
    });

    it('finds a credential the ledger does not know, even when well formed and signed', async () => {
      const key = generateIssuerKey();
      const unsigned = buildCredential({
        certificateId: 'never-issued',
        certificateType: 'business-license',
        issuerDid: key.did,
        issuerName: ISSUER,
        holder: { id: 'someone' },
        holderSalt: newHolderSalt(),
        claims: licence(31).claims,
        validFrom: '2026-01-01T00:00:00Z',
        hubBaseUrl: hub.url,
      });
      const signature = signCredential(unsigned, key.privateKey, '2026-01-01T00:00:00Z');
      const credential = attachProofs(unsigned, signature, {
        type: 'CityTrustLedgerAnchor',
        ledger: `${backend}:x`,
        txId: 'made-up',
        blockNumber: 1,
        documentHash: documentHashOf(unsigned),
        certificateId: 'never-issued',
      });
      const answer = await verify(credential);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        valid: false,
        status: null,
        certificate: null,
        checks: { integrity: true, anchored: false, issuerAuthorized: false },
      });
    });

    it('answers 400 to what is not a {credential} JSON body, with no key needed', async () => {
      expectProblem(
        await call(hub, 'POST', '/v1/verify/certificate', { rawBody: '{"credential": {' }),
        400,
        'validation',
      );
      expectProblem(
        await call(hub, 'POST', '/v1/verify/certificate', { body: { credential: 'text' } }),
        400,
        'validation',
      );
      expectProblem(
        await call(hub, 'POST', '/v1/verify/certificate', { body: {} }),
        400,
        'validation',
      );
      expectProblem(
        await call(hub, 'POST', '/v1/verify/certificate', {
          body: { credential: issued.credential, more: 1 },
        }),
        400,
        'validation',
      );
      const garbage = await verify({ anything: true });
      expect(garbage.status).toBe(200);
      expect(garbage.body).toMatchObject({ valid: false, status: null });
    });
  });

  describe('batches', () => {
    const items = (count: number, from = 0) =>
      Array.from({ length: count }, (_, index) => {
        const { holder, claims } = licence(from + index);
        return { holder, claims };
      });

    it('issues 1,000 under one Merkle root; a member verifies, is read and changed on its own', async () => {
      const before = await height();
      const answer = await call<{
        batchId: string;
        merkleRoot: string;
        count: number;
        txId: string;
        certificates: { id: string; documentHash: string; credential: CertificateCredential }[];
      }>(hub, 'POST', '/v1/certificates/batch', {
        org: ISSUER,
        body: { type: 'business-license', items: items(1000), validUntil: '2031-01-01T00:00:00Z' },
      });
      expect(answer.status).toBe(201);
      expect(answer.body.count).toBe(1000);
      expect(answer.body.certificates).toHaveLength(1000);
      expect(await height()).toBe(before + 1);
      const member = answer.body.certificates[537] as (typeof answer.body.certificates)[number];
      expect(member.id).toBe(`${answer.body.batchId}~537`);
      expect(member.credential.validUntil).toBe('2031-01-01T00:00:00.000Z');
      expect(member.credential.proof[1]).toMatchObject({
        txId: answer.body.txId,
        batch: {
          batchId: answer.body.batchId,
          memberId: member.id,
          merkleRoot: answer.body.merkleRoot,
        },
      });
      expect((await verify(member.credential)).body).toMatchObject({
        valid: true,
        status: 'ACTIVE',
        checks: { integrity: true, anchored: true, issuerAuthorized: true },
      });
      // Another member's proof does not carry this document to the root.
      const other = answer.body.certificates[538] as typeof member;
      const swapped = {
        ...member.credential,
        proof: [
          member.credential.proof[0],
          {
            ...member.credential.proof[1],
            batch: {
              ...(member.credential.proof[1].batch as object),
              proof: (other.credential.proof[1].batch as { proof: readonly string[] }).proof,
            },
          },
        ],
      };
      expect((await verify(swapped)).body).toMatchObject({
        valid: false,
        checks: { anchored: false },
      });

      const path = `/v1/certificates/${encodeURIComponent(member.id)}`;
      expect((await call(hub, 'GET', path, { org: NOT_ISSUER })).body).toMatchObject({
        status: 'ACTIVE',
        batchId: answer.body.batchId,
      });
      await refused(
        () => call(hub, 'POST', `${path}/suspend`, { org: OTHER_ISSUER, body: { reason: 'no' } }),
        403,
        'forbidden',
      );
      expect(
        (await call(hub, 'POST', `${path}/suspend`, { org: ISSUER, body: { reason: 'audit' } }))
          .body,
      ).toMatchObject({
        status: 'SUSPENDED',
      });
      expect((await verify(member.credential)).body).toMatchObject({
        valid: false,
        status: 'SUSPENDED',
      });
      expect((await verify(other.credential)).body).toMatchObject({ valid: true });
    });

    it('renews a batch member for the same holder only', async () => {
      const answer = await call<{ certificates: { id: string }[] }>(
        hub,
        'POST',
        '/v1/certificates/batch',
        {
          org: ISSUER,
          body: { type: 'business-license', items: items(3, 100) },
        },
      );
      const member = answer.body.certificates[1] as {
        id: string;
        credential: CertificateCredential;
      };
      // On the EVM a member's first change needs its document and Merkle proof: the gateway
      // keeps its batches' documents (test/certificate-batches-restart.test.ts changes members
      // never verified).
      expect((await verify(member.credential)).body).toMatchObject({ valid: true });
      const { type: _type, ...renewal } = licence(101);
      const path = `/v1/certificates/${encodeURIComponent(member.id)}/renew`;
      await refused(
        () =>
          call(hub, 'POST', path, {
            org: ISSUER,
            body: { ...renewal, holder: { id: 'another-holder' } },
          }),
        400,
        'validation',
      );
      const renewed = await call<Issued>(hub, 'POST', path, { org: ISSUER, body: renewal });
      expect({ status: renewed.status, body: renewed.body }).toMatchObject({ status: 201 });
      expect((await verify(renewed.body.credential)).body).toMatchObject({ valid: true });
    });

    it('refuses differing windows, bad claims, unknown fields, other issuers and roles, writing nothing', async () => {
      const body = { type: 'business-license', items: items(5, 200) };
      const differing = body.items.map((item, index) =>
        index === 2 ? { ...item, validUntil: '2030-01-01T00:00:00Z' } : item,
      );
      await refused(
        () =>
          call(hub, 'POST', '/v1/certificates/batch', {
            org: ISSUER,
            body: { ...body, items: differing },
          }),
        400,
        'validation',
      );
      const sameWindow = body.items.map((item) => ({
        ...item,
        validUntil: '2030-01-01T00:00:00Z',
      }));
      const shared = await call<{ certificates: { credential: CertificateCredential }[] }>(
        hub,
        'POST',
        '/v1/certificates/batch',
        {
          org: ISSUER,
          body: { ...body, items: sameWindow },
        },
      );
      expect(shared.status).toBe(201);
      expect(shared.body.certificates[4]?.credential.validUntil).toBe('2030-01-01T00:00:00.000Z');

      const badClaims = body.items.map((item, index) =>
        index === 3 ? { ...item, claims: { companyName: 'x' } } : item,
      );
      const answer = await call<{ errors: { path: string }[] }>(
        hub,
        'POST',
        '/v1/certificates/batch',
        {
          org: ISSUER,
          body: { ...body, items: badClaims },
        },
      );
      expectProblem(answer, 400, 'validation');
      expect(answer.body.errors[0]?.path).toMatch(/^\/items\/3\/claims/);
      await refused(
        () =>
          call(hub, 'POST', '/v1/certificates/batch', { org: ISSUER, body: { ...body, extra: 1 } }),
        400,
        'validation',
      );
      await refused(
        () =>
          call(hub, 'POST', '/v1/certificates/batch', {
            org: ISSUER,
            body: { ...body, items: [] },
          }),
        400,
        'validation',
      );
      await refused(
        () => call(hub, 'POST', '/v1/certificates/batch', { org: OTHER_ISSUER, body }),
        403,
        'forbidden',
      );
      await refused(
        () => call(hub, 'POST', '/v1/certificates/batch', { org: NOT_ISSUER, body }),
        403,
        'forbidden',
      );
      await refused(
        () => call(hub, 'POST', '/v1/certificates/batch', { body }),
        401,
        'unauthorized',
      );
      await refused(
        () => call(hub, 'POST', '/v1/certificates/batch', { key: 'bad-key', body }),
        401,
        'unauthorized',
      );
    });
  });
});
