import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { canonicalHash } from '@citytrust/sdk';
import { BACKENDS, call, startHubApp, type Answer, type HubApp } from '../../../test/hub-app';

const ACME = '91330100MA2ACME01X';
const GENESIS = '0'.repeat(64);
const hex = (text: string): string => createHash('sha256').update(text).digest('hex');
const minutesFromNow = (minutes: number): string =>
  new Date(Date.now() + minutes * 60_000).toISOString();

type Body = Record<string, unknown>;

/** A citizen as a data holder knows them: the ledger sees only `ref`. */
function citizen(name: string) {
  const personal = {
    pseudonym: `${name}-${randomUUID()}`,
    salt: randomBytes(16).toString('hex'),
    attributes: { name, nationalId: '110101199003074512' },
  };
  return { personal, ref: canonicalHash({ pseudonym: personal.pseudonym, salt: personal.salt }) };
}

describe.each(BACKENDS)(
  'authorizations, access events, trails, audit, forgetting (%s)',
  (backend) => {
    let hub: HubApp;
    const extra: Record<string, string> = {};

    const as = (org: string) => ({ key: hub.keys[org] ?? extra[org] });
    const height = async (): Promise<number> =>
      (await call<{ height: number }>(hub, 'GET', '/v1/ledger', { org: 'audit-office' })).body
        .height;

    async function refused(
      method: string,
      path: string,
      options: Parameters<typeof call>[3],
    ): Promise<Answer<Body>> {
      const before = await height();
      const answer = await call<Body>(hub, method, path, options);
      expect(await height()).toBe(before);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      return answer;
    }

    const terms = (ref: string, overrides: Body = {}): Body => ({
      subject: { type: 'CITIZEN', ref },
      grantee: 'city-bank',
      categories: ['social-security', 'tax-records'],
      purpose: 'loan-assessment',
      legalBasis: 'CONSENT',
      operations: ['READ', 'VERIFY'],
      validFrom: minutesFromNow(-5),
      validUntil: minutesFromNow(60 * 24 * 30),
      consentEvidenceHash: hex(`consent ${ref}`),
      ...overrides,
    });

    async function authorize(body: Body, org = 'citizen-services'): Promise<Body> {
      const answer = await call<Body>(hub, 'POST', '/v1/authorizations', { ...as(org), body });
      expect(answer.status).toBe(201);
      return answer.body;
    }

    const access = (authorizationId: string, overrides: Body = {}): Body => ({
      authorizationId,
      category: 'social-security',
      purpose: 'loan-assessment',
      operation: 'READ',
      recordCount: 1,
      requestHash: hex(`request ${randomUUID()}`),
      ...overrides,
    });

    beforeAll(async () => {
      hub = await startHubApp({ backend });
      for (const [id, roles] of [
        ['river-bank', ['REQUESTER']],
        ['health-archive', ['DATA_HOLDER']],
      ] as const) {
        const answer = await call<Body>(hub, 'POST', '/v1/orgs', {
          org: 'city-data-bureau',
          body: { id, name: id, roles },
        });
        expect(answer.status).toBe(201);
        extra[id] = answer.body.apiKey as string;
      }
    });

    afterAll(async () => {
      await hub.dispose();
    });

    test('a data holder authorizes on consent; personal data never comes back', async () => {
      const { personal, ref } = citizen('Li Lei');
      const answer = await call<Body>(hub, 'POST', '/v1/authorizations', {
        ...as('citizen-services'),
        body: { ...terms(ref, { maxAccesses: 10, maxPerDay: 5 }), personal },
      });
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        subjectType: 'CITIZEN',
        subject: ref,
        createdBy: 'citizen-services',
        grantee: 'city-bank',
        status: 'ACTIVE',
        used: 0,
        eventCount: 0,
        headHash: GENESIS,
        maxAccesses: 10,
        maxPerDay: 5,
      });
      expect(answer.body.txId).toEqual(expect.any(String));
      const served = JSON.stringify(answer.body);
      expect(served).not.toContain(personal.pseudonym);
      expect(served).not.toContain(personal.attributes.nationalId);

      // Its parties read it with its status and use; others do not.
      for (const org of ['citizen-services', 'city-bank', 'audit-office']) {
        const read = await call<Body>(
          hub,
          'GET',
          `/v1/authorizations/${String(answer.body.id)}`,
          as(org),
        );
        expect(read.status).toBe(200);
        expect(read.body).toMatchObject({ status: 'ACTIVE', used: 0 });
        expect(JSON.stringify(read.body)).not.toContain(personal.pseudonym);
      }
      for (const org of ['river-bank', 'health-archive', 'acme-trading']) {
        const read = await call<Body>(
          hub,
          'GET',
          `/v1/authorizations/${String(answer.body.id)}`,
          as(org),
        );
        expect(read.status).toBe(403);
        expect(read.body.type).toBe('/errors/forbidden');
      }
      expect(
        (await call(hub, 'GET', '/v1/authorizations/no-such-one', as('audit-office'))).status,
      ).toBe(404);
    });

    test('who may authorize, and what: refusals write nothing', async () => {
      const { personal, ref } = citizen('Han Meimei');
      // Not a data holder, not the subject enterprise.
      for (const org of ['city-bank', 'audit-office', 'market-regulation'])
        expect(
          (await refused('POST', '/v1/authorizations', { ...as(org), body: terms(ref) })).status,
        ).toBe(403);
      expect((await refused('POST', '/v1/authorizations', { body: terms(ref) })).status).toBe(401);
      expect(
        (await refused('POST', '/v1/authorizations', { key: 'forged', body: terms(ref) })).status,
      ).toBe(401);
      // An enterprise authorizes for itself only.
      const forOther = await refused('POST', '/v1/authorizations', {
        ...as('acme-trading'),
        body: terms(ref, { subject: { type: 'ENTERPRISE', creditCode: '91330100MA2BETA02X' } }),
      });
      expect(forOther.status).toBe(403);
      // Credit disclosure is the enterprise's own decision, not a holder's.
      expect(
        (
          await refused('POST', '/v1/authorizations', {
            ...as('citizen-services'),
            body: terms(ref, {
              subject: { type: 'ENTERPRISE', creditCode: ACME },
              categories: ['credit-report'],
            }),
          })
        ).status,
      ).toBe(403);
      // The grantee must be a REQUESTER.
      expect(
        (
          await refused('POST', '/v1/authorizations', {
            ...as('citizen-services'),
            body: terms(ref, { grantee: 'audit-office' }),
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await refused('POST', '/v1/authorizations', {
            ...as('citizen-services'),
            body: terms(ref, { grantee: 'nobody-registered' }),
          })
        ).status,
      ).toBe(404);
      const negative = await refused('POST', '/v1/authorizations', {
        ...as('citizen-services'),
        body: terms(ref, { categories: ['classified-records'] }),
      });
      expect(negative.status).toBe(422);
      expect(negative.body.type).toBe('/errors/negative-list');

      const malformed: Body[] = [
        terms(ref, { colour: 'red' }),
        terms(ref, { subject: { type: 'CITIZEN', ref: '110101199003074512' } }),
        terms(ref, { subject: { type: 'CITIZEN', ref, name: 'Han Meimei' } }),
        terms(ref, { subject: ref }),
        terms(ref, { categories: [] }),
        terms(ref, { categories: ['tax-records', 'tax-records'] }),
        terms(ref, { categories: ['not-in-catalog'] }),
        terms(ref, { operations: ['DELETE'] }),
        terms(ref, { legalBasis: 'WHIM' }),
        terms(ref, { maxAccesses: 0 }),
        terms(ref, { maxAccesses: null }),
        terms(ref, { maxPerDay: 0 }),
        terms(ref, { validUntil: minutesFromNow(-1) }),
        terms(ref, { validFrom: minutesFromNow(10), validUntil: minutesFromNow(5) }),
        terms(ref, { consentEvidenceHash: 'signed' }),
        // Personal data must be the data the ref was made from, and only for a citizen.
        { ...terms(ref), personal: { ...personal, salt: randomBytes(16).toString('hex') } },
        { ...terms(ref), personal: { ...personal, extra: 'x' } },
      ];
      for (const body of malformed) {
        const before = await height();
        const answer = await call<Body>(hub, 'POST', '/v1/authorizations', {
          ...as('citizen-services'),
          body,
        });
        expect([await height(), malformed.indexOf(body), answer.status]).toEqual([
          before,
          malformed.indexOf(body),
          400,
        ]);
        expect([answer.status, body]).toEqual([400, body]);
      }
      const enterpriseWithPersonal = await refused('POST', '/v1/authorizations', {
        ...as('acme-trading'),
        body: { ...terms(ref, { subject: { type: 'ENTERPRISE', creditCode: ACME } }), personal },
      });
      expect(enterpriseWithPersonal.status).toBe(400);
    });

    test('lists show only what the caller may read', async () => {
      const { ref } = citizen('Wang Fang');
      const toCity = await authorize(terms(ref));
      const toRiver = await authorize(terms(ref, { grantee: 'river-bank' }), 'health-archive');

      const list = async (org: string, query = '') =>
        call<{ items: Body[]; nextCursor: string | null }>(
          hub,
          'GET',
          `/v1/authorizations${query}`,
          as(org),
        );
      const ids = (answer: Answer<{ items: Body[] }>) => answer.body.items.map((a) => a.id);

      expect(ids(await list('city-bank', `?subject=${ref}`))).toEqual([toCity.id]);
      expect(ids(await list('river-bank', `?subject=${ref}`))).toEqual([toRiver.id]);
      expect(ids(await list('health-archive', `?subject=${ref}`))).toEqual([toRiver.id]);
      expect(ids(await list('audit-office', `?subject=${ref}`)).sort()).toEqual(
        [toCity.id, toRiver.id].sort(),
      );
      expect(ids(await list('acme-trading', `?subject=${ref}`))).toEqual([]);
      const riverAll = await list('river-bank');
      expect(
        riverAll.body.items.every(
          (a) => a.grantee === 'river-bank' || a.createdBy === 'river-bank',
        ),
      ).toBe(true);
      const byGrantee = await list('audit-office', '?grantee=river-bank&status=ACTIVE');
      expect(ids(byGrantee)).toContain(toRiver.id);
      expect(byGrantee.body.items.every((a) => a.grantee === 'river-bank')).toBe(true);
      expect(ids(await list('audit-office', `?subject=${ref}&status=REVOKED`))).toEqual([]);
      const paged = await list('audit-office', `?subject=${ref}&limit=1`);
      expect(paged.body.items).toHaveLength(1);
      expect(paged.body.nextCursor).toEqual(expect.any(String));
      for (const query of ['?status=SLEEPING', '?subject=someone', '?limit=501', '?colour=red'])
        expect((await list('audit-office', query)).status).toBe(400);
      expect((await call(hub, 'GET', '/v1/authorizations')).status).toBe(401);
    });

    test('access events: allowed, denied and recorded, limits, idempotent replay', async () => {
      const { ref } = citizen('Zhang Wei');
      const granted = await authorize(terms(ref, { maxAccesses: 2 }));
      const id = String(granted.id);

      const first = await call<Body>(hub, 'POST', '/v1/access-events', {
        ...as('city-bank'),
        body: access(id),
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ allowed: true, eventId: expect.any(String), seq: 0 });
      expect(first.body.eventHash).toMatch(/^[0-9a-f]{64}$/);

      // Outside the terms: 403 authorization-denied, written to the trail all the same.
      for (const [body, reason] of [
        [access(id, { purpose: 'marketing' }), 'PURPOSE_MISMATCH'],
        [access(id, { category: 'household-registration' }), 'CATEGORY_NOT_AUTHORIZED'],
        [access(id, { operation: 'COPY' }), 'OPERATION_NOT_AUTHORIZED'],
      ] as const) {
        const before = await height();
        const denied = await call<Body>(hub, 'POST', '/v1/access-events', {
          ...as('city-bank'),
          body,
        });
        expect(denied.status).toBe(403);
        expect(denied.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(denied.body).toMatchObject({
          type: '/errors/authorization-denied',
          reason,
          eventId: expect.any(String),
        });
        expect(await height()).toBe(before + 1);
      }
      // Another requester is not the grantee: denied on the record too.
      const stranger = await call<Body>(hub, 'POST', '/v1/access-events', {
        ...as('river-bank'),
        body: access(id),
      });
      expect(stranger.status).toBe(403);
      expect(stranger.body).toMatchObject({
        type: '/errors/authorization-denied',
        reason: 'NOT_GRANTEE',
      });

      // Not a requester, no key, bad key, malformed, unknown: refused before the ledger records.
      for (const org of ['audit-office', 'citizen-services'])
        expect(
          (await refused('POST', '/v1/access-events', { ...as(org), body: access(id) })).status,
        ).toBe(403);
      expect((await refused('POST', '/v1/access-events', { body: access(id) })).status).toBe(401);
      expect(
        (await refused('POST', '/v1/access-events', { key: 'bad', body: access(id) })).status,
      ).toBe(401);
      for (const body of [
        access(id, { recordCount: -1 }),
        access(id, { operation: 'DELETE' }),
        access(id, { requestHash: 'x' }),
        access(id, { note: 'extra' }),
        { authorizationId: id },
      ])
        expect(
          (await refused('POST', '/v1/access-events', { ...as('city-bank'), body })).status,
        ).toBe(400);
      expect(
        (
          await refused('POST', '/v1/access-events', {
            ...as('city-bank'),
            body: access('no-such-one'),
          })
        ).status,
      ).toBe(404);

      // The same report, sent twice with its key, is one event.
      const once = access(id, { recordCount: 3 });
      const key = { 'idempotency-key': `access-${randomUUID()}` };
      const second = await call<Body>(hub, 'POST', '/v1/access-events', {
        ...as('city-bank'),
        body: once,
        headers: key,
      });
      expect(second.status).toBe(201);
      const before = await height();
      const replayed = await call<Body>(hub, 'POST', '/v1/access-events', {
        ...as('city-bank'),
        body: once,
        headers: key,
      });
      expect(replayed.body).toEqual(second.body);
      expect(await height()).toBe(before);

      // Two allowed accesses exhaust it.
      const exhausted = await call<Body>(hub, 'POST', '/v1/access-events', {
        ...as('city-bank'),
        body: access(id),
      });
      expect(exhausted.status).toBe(403);
      expect(exhausted.body.reason).toBe('EXHAUSTED');
      const read = await call<Body>(hub, 'GET', `/v1/authorizations/${id}`, as('city-bank'));
      expect(read.body).toMatchObject({ status: 'EXHAUSTED', used: 2, eventCount: 7 });
    });

    test('the trail is a hash chain its parties read, and an auditor verifies it intact', async () => {
      const { ref } = citizen('Chen Jie');
      const granted = await authorize(terms(ref));
      const id = String(granted.id);
      const outcomes: boolean[] = [];
      for (const body of [access(id), access(id, { purpose: 'marketing' }), access(id)]) {
        const answer = await call<Body>(hub, 'POST', '/v1/access-events', {
          ...as('city-bank'),
          body,
        });
        outcomes.push(answer.status === 201);
      }
      expect(outcomes).toEqual([true, false, true]);

      const trail = await call<{ events: Body[]; headHash: string }>(
        hub,
        'GET',
        `/v1/authorizations/${id}/trail`,
        as('citizen-services'),
      );
      expect(trail.status).toBe(200);
      const events = trail.body.events;
      expect(events.map((event) => event.seq)).toEqual([0, 1, 2]);
      expect(events.map((event) => [event.allowed, event.reason])).toEqual([
        [true, null],
        [false, 'PURPOSE_MISMATCH'],
        [true, null],
      ]);
      events.forEach((event, index) => {
        expect(event.prevHash).toBe(index === 0 ? GENESIS : events[index - 1]?.eventHash);
        expect(event.eventHash).toMatch(/^[0-9a-f]{64}$/);
        // The chaincode links with SHA-256 over the canonical JSON; AuthorizationRegistry with
        // SHA-256 over the ABI encoding (contracts/lib/access-trail.ts): the audit checks either.
        const { eventHash, ...content } = event;
        if (backend === 'embedded') expect(canonicalHash(content)).toBe(eventHash);
      });
      expect(trail.body.headHash).toBe(events[2]?.eventHash);
      for (const org of ['city-bank', 'audit-office'])
        expect((await call(hub, 'GET', `/v1/authorizations/${id}/trail`, as(org))).status).toBe(
          200,
        );
      for (const org of ['river-bank', 'health-archive'])
        expect((await call(hub, 'GET', `/v1/authorizations/${id}/trail`, as(org))).status).toBe(
          403,
        );

      const audited = await call<Body>(hub, 'POST', '/v1/audit/verify-trail', {
        ...as('audit-office'),
        body: { authorizationId: id },
      });
      expect(audited.status).toBe(200);
      expect(audited.body).toMatchObject({
        intact: true,
        events: 3,
        allowed: 2,
        denied: 1,
        violations: [],
        headHash: trail.body.headHash,
      });

      const period = await call<Body>(hub, 'POST', '/v1/audit/verify-trail', {
        ...as('audit-office'),
        body: { grantee: 'city-bank', from: minutesFromNow(-60), to: minutesFromNow(60) },
      });
      expect(period.status).toBe(200);
      expect(period.body).toMatchObject({ intact: true, violations: [], headHash: null });
      expect(period.body.events as number).toBeGreaterThanOrEqual(3);
      expect((period.body.allowed as number) + (period.body.denied as number)).toBe(
        period.body.events,
      );

      // AUDITOR only, whatever the backend lets anyone recompute.
      for (const org of ['city-bank', 'citizen-services'])
        expect(
          (
            await call(hub, 'POST', '/v1/audit/verify-trail', {
              ...as(org),
              body: { authorizationId: id },
            })
          ).status,
        ).toBe(403);
      for (const body of [
        {},
        { authorizationId: id, grantee: 'city-bank' },
        { grantee: 'city-bank', from: 'then', to: minutesFromNow(1) },
      ])
        expect(
          (await call(hub, 'POST', '/v1/audit/verify-trail', { ...as('audit-office'), body }))
            .status,
        ).toBe(400);
      expect(
        (
          await call(hub, 'POST', '/v1/audit/verify-trail', {
            ...as('audit-office'),
            body: { authorizationId: 'no-such-one' },
          })
        ).status,
      ).toBe(404);
    });

    test('revocation: only the creator, once; later accesses are denied', async () => {
      const { ref } = citizen('Liu Yang');
      const granted = await authorize(terms(ref));
      const id = String(granted.id);
      const path = `/v1/authorizations/${id}/revoke`;
      for (const org of ['city-bank', 'health-archive', 'audit-office'])
        expect((await refused('POST', path, { ...as(org), body: { reason: 'no' } })).status).toBe(
          403,
        );
      expect((await refused('POST', path, { ...as('citizen-services'), body: {} })).status).toBe(
        400,
      );
      const revoked = await call<Body>(hub, 'POST', path, {
        ...as('citizen-services'),
        body: { reason: 'consent withdrawn' },
      });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({
        status: 'REVOKED',
        revocationReason: 'consent withdrawn',
        txId: expect.any(String),
      });
      const again = await refused('POST', path, {
        ...as('citizen-services'),
        body: { reason: 'again' },
      });
      expect(again.status).toBe(409);
      const denied = await call<Body>(hub, 'POST', '/v1/access-events', {
        ...as('city-bank'),
        body: access(id),
      });
      expect(denied.status).toBe(403);
      expect(denied.body.reason).toBe('REVOKED');
    });

    test("forgetting: the data holder purges a citizen's personal data; only hashes are answered", async () => {
      const { personal, ref } = citizen('Zhao Min');
      await call(hub, 'POST', '/v1/authorizations', {
        ...as('citizen-services'),
        body: { ...terms(ref), personal },
      });
      const path = `/v1/subjects/${ref}/forget`;
      for (const org of ['city-bank', 'audit-office', 'acme-trading'])
        expect((await refused('POST', path, as(org))).status).toBe(403);
      expect((await refused('POST', path, {})).status).toBe(401);
      expect(
        (await refused('POST', '/v1/subjects/110101199003074512/forget', as('citizen-services')))
          .status,
      ).toBe(400);

      const forgotten = await call<Body>(hub, 'POST', path, as('citizen-services'));
      expect(forgotten.status).toBe(200);
      expect(forgotten.body).toMatchObject({
        subject: ref,
        forgottenBy: 'citizen-services',
        txId: expect.any(String),
        blockNumber: expect.any(Number),
      });
      expect(JSON.stringify(forgotten.body)).not.toContain(personal.pseudonym);
      const purged = forgotten.body.purged as Body[];
      if (backend === 'embedded') {
        // Fabric private data: one purged entry, as hashes of its key and value.
        expect(purged).toHaveLength(1);
        expect(purged[0]).toEqual({
          keyHash: expect.stringMatching(/^[0-9a-f]{64}$/),
          valueHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        });
        // Nothing is left to forget, and another holder never held any.
        expect((await refused('POST', path, as('citizen-services'))).status).toBe(404);
        expect((await refused('POST', path, as('health-archive'))).status).toBe(404);
      } else {
        // Known difference: no private data on the EVM, so the purge is recorded with nothing in it.
        expect(purged).toEqual([]);
      }
    });
  },
);
