import { createHash, randomUUID } from 'node:crypto';
import { canonicalHash } from '@citytrust/sdk';
import { BACKENDS, call, startHubApp, type Answer, type HubApp } from '../../../test/hub-app';

const ACME = '91330100MA2ACME01X';
const BETA = '91330100MA2BETA02X';
const hex = (text: string): string => createHash('sha256').update(text).digest('hex');
const minutesFromNow = (minutes: number): string =>
  new Date(Date.now() + minutes * 60_000).toISOString();

type Body = Record<string, unknown>;

describe.each(BACKENDS)('credit records, workflows and reports (%s)', (backend) => {
  let hub: HubApp;
  /** Keys of the organizations this suite registers beside the demo ones. */
  const extra: Record<string, string> = {};

  const as = (org: string) => ({ key: hub.keys[org] ?? extra[org] });
  const height = async (): Promise<number> =>
    (await call<{ height: number }>(hub, 'GET', '/v1/ledger', { org: 'audit-office' })).body.height;

  /** The answer, and that nothing was written while it was given. */
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

  const recordBody = (overrides: Body = {}): Body => ({
    subject: ACME,
    category: 'PENALTY',
    severity: 'MEDIUM',
    title: 'Late annual report',
    decisionHash: hex(`decision ${randomUUID()}`),
    effectiveAt: minutesFromNow(-60),
    ...overrides,
  });

  async function createRecord(overrides: Body = {}): Promise<Body> {
    const answer = await call<Body>(hub, 'POST', '/v1/credit-records', {
      org: 'market-regulation',
      body: recordBody(overrides),
    });
    expect(answer.status).toBe(201);
    return answer.body;
  }

  beforeAll(async () => {
    hub = await startHubApp({ backend });
    for (const [id, roles, creditCode] of [
      ['tax-bureau', ['CREDIT_AUTHORITY'], undefined],
      ['beta-trading', ['ENTERPRISE'], BETA],
    ] as const) {
      const answer = await call<Body>(hub, 'POST', '/v1/orgs', {
        org: 'city-data-bureau',
        body: { id, name: id, roles, ...(creditCode ? { creditCode } : {}) },
      });
      expect(answer.status).toBe(201);
      extra[id] = answer.body.apiKey as string;
    }
  });

  afterAll(async () => {
    await hub.dispose();
  });

  test('a CREDIT_AUTHORITY records a fact; anyone with a key reads it', async () => {
    const body = recordBody({ publicUntil: minutesFromNow(60 * 24 * 365) });
    const created = await call<Body>(hub, 'POST', '/v1/credit-records', {
      org: 'market-regulation',
      body,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      subject: ACME,
      category: 'PENALTY',
      severity: 'MEDIUM',
      authority: 'market-regulation',
      decisionHash: body.decisionHash,
      status: 'ACTIVE',
      pendingWorkflow: null,
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof created.body.txId).toBe('string');
    expect(created.body.blockNumber).toEqual(expect.any(Number));

    const read = await call<Body>(hub, 'GET', `/v1/credit-records/${String(created.body.id)}`, {
      org: 'city-bank',
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created.body.id, status: 'ACTIVE' });
    expect(read.body.txId).toBeUndefined();

    const missing = await call<Body>(hub, 'GET', '/v1/credit-records/no-such-record', {
      org: 'city-bank',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe('/errors/not-found');
  });

  test("an enterprise's records are listed by status, a page at a time", async () => {
    const active = [await createRecord({ subject: BETA }), await createRecord({ subject: BETA })];
    const withdrawn = await createRecord({ subject: BETA });
    expect(
      (
        await call(hub, 'POST', `/v1/credit-records/${String(withdrawn.id)}/withdraw`, {
          org: 'market-regulation',
          body: { reason: 'issued in error' },
        })
      ).status,
    ).toBe(200);

    const all = await call<{ items: Body[]; nextCursor: string | null }>(
      hub,
      'GET',
      `/v1/enterprises/${BETA}/credit-records`,
      { org: 'city-bank' },
    );
    expect(all.status).toBe(200);
    expect(all.body.items.map((record) => record.id).sort()).toEqual(
      [...active, withdrawn].map((record) => record.id).sort(),
    );
    expect(all.body.nextCursor).toBeNull();

    const onlyWithdrawn = await call<{ items: Body[] }>(
      hub,
      'GET',
      `/v1/enterprises/${BETA}/credit-records?status=WITHDRAWN`,
      { org: 'acme-trading' },
    );
    expect(onlyWithdrawn.body.items.map((record) => record.id)).toEqual([withdrawn.id]);
    expect(onlyWithdrawn.body.items[0]?.statusNote).toBe('issued in error');

    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer<{ items: Body[]; nextCursor: string | null }> = await call(
        hub,
        'GET',
        `/v1/enterprises/${BETA}/credit-records?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { org: 'city-bank' },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((record) => record.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen.sort()).toEqual(all.body.items.map((record) => record.id).sort());

    for (const query of ['?status=GONE', '?limit=0', '?cursor=garbage', '?colour=red'])
      expect(
        (await call(hub, 'GET', `/v1/enterprises/${BETA}/credit-records${query}`, as('city-bank')))
          .status,
      ).toBe(400);
    expect(
      (await call(hub, 'GET', '/v1/enterprises/not-a-code/credit-records', as('city-bank'))).status,
    ).toBe(400);
  });

  test('only a CREDIT_AUTHORITY records, with a valid key; refusals write nothing', async () => {
    for (const org of ['city-bank', 'acme-trading', 'citizen-services']) {
      const answer = await refused('POST', '/v1/credit-records', {
        ...as(org),
        body: recordBody(),
      });
      expect(answer.status).toBe(403);
      expect(answer.body.type).toBe('/errors/forbidden');
    }
    const noKey = await refused('POST', '/v1/credit-records', { body: recordBody() });
    expect(noKey.status).toBe(401);
    const badKey = await refused('POST', '/v1/credit-records', {
      key: 'not-a-key-the-hub-gave',
      body: recordBody(),
    });
    expect(badKey.status).toBe(401);
    expect(badKey.body.type).toBe('/errors/unauthorized');
    const noRecordRead = await refused('GET', '/v1/credit-records/anything', {});
    expect(noRecordRead.status).toBe(401);
  });

  test('malformed records and unknown fields are refused with 400, nothing written', async () => {
    const bad: Body[] = [
      recordBody({ category: 'GOSSIP' }),
      recordBody({ severity: 'EXTREME' }),
      recordBody({ decisionHash: 'ABC' }),
      recordBody({ subject: 'ACME' }),
      recordBody({ effectiveAt: 'yesterday' }),
      recordBody({ title: '' }),
      recordBody({ colour: 'red' }),
      recordBody({ publicUntil: '' }),
      recordBody({ publicUntil: null }),
      // The ledger's own rules: not in the future, publicity ends after it starts.
      recordBody({ effectiveAt: minutesFromNow(60 * 24) }),
      recordBody({ publicUntil: minutesFromNow(-120) }),
    ];
    for (const body of bad) {
      const answer = await refused('POST', '/v1/credit-records', {
        ...as('market-regulation'),
        body,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.type).toBe('/errors/validation');
    }
    const notJson = await refused('POST', '/v1/credit-records', {
      ...as('market-regulation'),
      rawBody: '{"subject":',
    });
    expect(notJson.status).toBe(400);
  });

  test('a write repeated with its Idempotency-Key is answered once and written once', async () => {
    const key = `record-${randomUUID()}`;
    const body = recordBody();
    const first = await call<Body>(hub, 'POST', '/v1/credit-records', {
      ...as('market-regulation'),
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    const before = await height();
    const again = await call<Body>(hub, 'POST', '/v1/credit-records', {
      ...as('market-regulation'),
      body,
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await call<Body>(hub, 'POST', '/v1/credit-records', {
      ...as('market-regulation'),
      body: recordBody(),
      headers: { 'idempotency-key': key },
    });
    expect(other.status).toBe(409);
    expect(await height()).toBe(before);
  });

  test('objection: the subject files it, the authority upholds or corrects it', async () => {
    const record = await createRecord();
    const path = `/v1/credit-records/${String(record.id)}/objections`;
    const objection = { reason: 'The report was filed on time', evidenceHash: hex('receipt') };

    // Only the subject enterprise objects.
    for (const org of ['beta-trading', 'city-bank', 'market-regulation'])
      expect((await refused('POST', path, { ...as(org), body: objection })).status).toBe(403);
    expect(
      (await refused('POST', path, { ...as('acme-trading'), body: { ...objection, extra: 1 } }))
        .status,
    ).toBe(400);
    expect(
      (
        await refused('POST', '/v1/credit-records/no-such-record/objections', {
          ...as('acme-trading'),
          body: objection,
        })
      ).status,
    ).toBe(404);

    const filed = await call<Body>(hub, 'POST', path, { ...as('acme-trading'), body: objection });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      recordId: record.id,
      subject: ACME,
      status: 'PENDING',
      filedBy: 'acme-trading',
    });
    const objectionId = String(filed.body.id);
    const pending = await call<Body>(hub, 'GET', `/v1/credit-records/${String(record.id)}`, {
      org: 'city-bank',
    });
    expect(pending.body.pendingWorkflow).toBe(`objection ${objectionId}`);

    // One workflow at a time.
    const second = await refused('POST', path, { ...as('acme-trading'), body: objection });
    expect(second.status).toBe(409);
    const repairMeanwhile = await refused(
      'POST',
      `/v1/credit-records/${String(record.id)}/repair-requests`,
      { ...as('acme-trading'), body: { evidenceHash: hex('x'), note: 'fixed' } },
    );
    expect(repairMeanwhile.status).toBe(409);

    // Its parties and auditors read it; nobody else.
    for (const org of ['acme-trading', 'market-regulation', 'audit-office'])
      expect((await call(hub, 'GET', `/v1/objections/${objectionId}`, as(org))).status).toBe(200);
    for (const org of ['city-bank', 'beta-trading', 'tax-bureau'])
      expect((await call(hub, 'GET', `/v1/objections/${objectionId}`, as(org))).status).toBe(403);

    const resolvePath = `/v1/objections/${objectionId}/resolve`;
    const upheld = { outcome: 'UPHELD', note: 'The record stands' };
    // Only the record's own authority resolves it.
    expect((await refused('POST', resolvePath, { ...as('tax-bureau'), body: upheld })).status).toBe(
      403,
    );
    expect(
      (await refused('POST', resolvePath, { ...as('acme-trading'), body: upheld })).status,
    ).toBe(403);
    expect(
      (
        await refused('POST', resolvePath, {
          ...as('market-regulation'),
          body: { outcome: 'MAYBE', note: 'x' },
        })
      ).status,
    ).toBe(400);

    const resolved = await call<Body>(hub, 'POST', resolvePath, {
      ...as('market-regulation'),
      body: upheld,
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'UPHELD', resolutionNote: 'The record stands' });
    expect(typeof resolved.body.txId).toBe('string');
    const again = await refused('POST', resolvePath, { ...as('market-regulation'), body: upheld });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('/errors/invalid-state');
    const afterUpheld = await call<Body>(hub, 'GET', `/v1/credit-records/${String(record.id)}`, {
      org: 'city-bank',
    });
    expect(afterUpheld.body).toMatchObject({ status: 'ACTIVE', pendingWorkflow: null });

    // A second objection, corrected: the record is withdrawn, and cannot be objected to again.
    const refiled = await call<Body>(hub, 'POST', path, { ...as('acme-trading'), body: objection });
    expect(refiled.status).toBe(201);
    const corrected = await call<Body>(
      hub,
      'POST',
      `/v1/objections/${String(refiled.body.id)}/resolve`,
      {
        ...as('market-regulation'),
        body: { outcome: 'CORRECTED', note: 'Our mistake' },
      },
    );
    expect(corrected.status).toBe(200);
    expect(corrected.body.status).toBe('CORRECTED');
    const afterCorrected = await call<Body>(hub, 'GET', `/v1/credit-records/${String(record.id)}`, {
      org: 'city-bank',
    });
    expect(afterCorrected.body.status).toBe('WITHDRAWN');
    expect((await refused('POST', path, { ...as('acme-trading'), body: objection })).status).toBe(
      409,
    );
  });

  test('credit repair: the subject asks, the authority approves or rejects', async () => {
    const repairable = await createRecord({ category: 'ABNORMAL_OPERATION' });
    const request = { evidenceHash: hex('rectification'), note: 'Address corrected' };
    const path = `/v1/credit-records/${String(repairable.id)}/repair-requests`;
    for (const org of ['beta-trading', 'market-regulation', 'city-bank'])
      expect((await refused('POST', path, { ...as(org), body: request })).status).toBe(403);
    expect(
      (await refused('POST', path, { ...as('acme-trading'), body: { note: 'no evidence' } }))
        .status,
    ).toBe(400);

    const asked = await call<Body>(hub, 'POST', path, { ...as('acme-trading'), body: request });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ recordId: repairable.id, status: 'PENDING' });
    const repairId = String(asked.body.id);
    expect(
      (await call(hub, 'GET', `/v1/repair-requests/${repairId}`, as('audit-office'))).status,
    ).toBe(200);
    expect(
      (await call(hub, 'GET', `/v1/repair-requests/${repairId}`, as('city-bank'))).status,
    ).toBe(403);

    const approvePath = `/v1/repair-requests/${repairId}/approve`;
    expect(
      (await refused('POST', approvePath, { ...as('tax-bureau'), body: { note: 'ok' } })).status,
    ).toBe(403);
    expect(
      (await refused('POST', approvePath, { ...as('acme-trading'), body: { note: 'ok' } })).status,
    ).toBe(403);
    const approved = await call<Body>(hub, 'POST', approvePath, {
      ...as('market-regulation'),
      body: { note: 'Rectified' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', decisionNote: 'Rectified' });
    const repaired = await call<Body>(hub, 'GET', `/v1/credit-records/${String(repairable.id)}`, {
      org: 'city-bank',
    });
    expect(repaired.body.status).toBe('REPAIRED');
    // Decided once: neither decision applies again.
    for (const decision of ['approve', 'reject'])
      expect(
        (
          await refused('POST', `/v1/repair-requests/${repairId}/${decision}`, {
            ...as('market-regulation'),
            body: { note: 'again' },
          })
        ).status,
      ).toBe(409);

    const other = await createRecord({ category: 'BLACK_LIST', severity: 'SEVERE' });
    const rejectedAsk = await call<Body>(
      hub,
      'POST',
      `/v1/credit-records/${String(other.id)}/repair-requests`,
      { ...as('acme-trading'), body: request },
    );
    const rejected = await call<Body>(
      hub,
      'POST',
      `/v1/repair-requests/${String(rejectedAsk.body.id)}/reject`,
      { ...as('market-regulation'), body: { note: 'Not enough evidence' } },
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('REJECTED');
    const stillActive = await call<Body>(hub, 'GET', `/v1/credit-records/${String(other.id)}`, {
      org: 'city-bank',
    });
    expect(stillActive.body).toMatchObject({ status: 'ACTIVE', pendingWorkflow: null });

    // A licence is not an adverse record: nothing to repair.
    const licence = await createRecord({ category: 'LICENSE', severity: 'LOW' });
    const notRepairable = await refused(
      'POST',
      `/v1/credit-records/${String(licence.id)}/repair-requests`,
      { ...as('acme-trading'), body: request },
    );
    expect(notRepairable.status).toBe(409);
    expect(
      (
        await refused('POST', '/v1/repair-requests/no-such-request/approve', {
          ...as('market-regulation'),
          body: { note: 'x' },
        })
      ).status,
    ).toBe(404);
  });

  test('withdrawal: only the record authority, only once', async () => {
    const record = await createRecord();
    const path = `/v1/credit-records/${String(record.id)}/withdraw`;
    expect(
      (await refused('POST', path, { ...as('tax-bureau'), body: { reason: 'x' } })).status,
    ).toBe(403);
    expect(
      (await refused('POST', path, { ...as('acme-trading'), body: { reason: 'x' } })).status,
    ).toBe(403);
    expect((await refused('POST', path, { ...as('market-regulation'), body: {} })).status).toBe(
      400,
    );
    const withdrawn = await call<Body>(hub, 'POST', path, {
      ...as('market-regulation'),
      body: { reason: 'duplicate' },
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', statusNote: 'duplicate' });
    expect(
      (await refused('POST', path, { ...as('market-regulation'), body: { reason: 'again' } }))
        .status,
    ).toBe(409);
  });

  test('the enterprise gets its own credit report, anchored, and anyone verifies it', async () => {
    const adverse = await createRecord({ title: 'In the report' });
    const answer = await call<Body>(hub, 'GET', `/v1/enterprises/${ACME}/credit-report`, {
      org: 'acme-trading',
    });
    expect(answer.status).toBe(200);
    const report = answer.body.report as Body & { records: Body[] };
    expect(report.subject).toBe(ACME);
    expect(report.records.map((record) => record.id)).toContain(adverse.id);
    expect(answer.body.reportHash).toBe(canonicalHash(report));
    expect(answer.body.anchoredAt).toBe(report.generatedAt);
    // The anchoring transaction (on the EVM the report's own txId names the block it was read at).
    expect(answer.body.txId).toEqual(expect.any(String));
    expect(answer.body.access).toBeUndefined();

    const verified = await call<Body>(hub, 'POST', '/v1/verify/credit-report', {
      body: { report },
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      valid: true,
      anchored: true,
      generatedAt: report.generatedAt,
      reportHash: answer.body.reportHash,
      txId: answer.body.txId,
    });

    // A report with one fact hidden is not the one anchored.
    const tampered = { ...report, records: report.records.filter((r) => r.id !== adverse.id) };
    const rejected = await call<Body>(hub, 'POST', '/v1/verify/credit-report', {
      body: { report: tampered },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ valid: false, anchored: false, generatedAt: null });
    const redated = await call<Body>(hub, 'POST', '/v1/verify/credit-report', {
      body: { report: { ...report, generatedAt: minutesFromNow(-600) } },
    });
    expect(redated.body.valid).toBe(false);

    for (const body of [
      {},
      { report: 'a report' },
      { report: { subject: ACME } },
      { report, x: 1 },
    ])
      expect((await call(hub, 'POST', '/v1/verify/credit-report', { body })).status).toBe(400);
    expect(
      (await call(hub, 'POST', '/v1/verify/credit-report', { rawBody: '{"report":' })).status,
    ).toBe(400);

    // Only the enterprise itself, or a requester through an authorization.
    for (const org of ['beta-trading', 'market-regulation', 'audit-office'])
      expect((await refused('GET', `/v1/enterprises/${ACME}/credit-report`, as(org))).status).toBe(
        403,
      );
    expect((await refused('GET', `/v1/enterprises/${ACME}/credit-report`, {})).status).toBe(401);
  });

  test('a bank reads the report through the enterprise authorization; every read is recorded', async () => {
    const granted = await call<Body>(hub, 'POST', '/v1/authorizations', {
      ...as('acme-trading'),
      body: {
        subject: { type: 'ENTERPRISE', creditCode: ACME },
        grantee: 'city-bank',
        categories: ['credit-report'],
        purpose: 'loan-assessment',
        legalBasis: 'CONSENT',
        operations: ['READ'],
        maxAccesses: 5,
        validFrom: minutesFromNow(-5),
        validUntil: minutesFromNow(60 * 24),
        consentEvidenceHash: hex('acme board resolution'),
      },
    });
    expect(granted.status).toBe(201);
    const authorizationId = String(granted.body.id);
    const reportPath = (subject: string, query: string) =>
      `/v1/enterprises/${subject}/credit-report${query}`;

    // No authorization named: refused outright, nothing recorded.
    const bare = await refused('GET', reportPath(ACME, ''), as('city-bank'));
    expect(bare.status).toBe(403);
    expect(bare.body.type).toBe('/errors/forbidden');
    expect(
      (
        await refused(
          'GET',
          reportPath(ACME, `?authorizationId=${authorizationId}`),
          as('city-bank'),
        )
      ).status,
    ).toBe(400);

    const read = await call<Body>(
      hub,
      'GET',
      reportPath(ACME, `?authorizationId=${authorizationId}&purpose=loan-assessment`),
      as('city-bank'),
    );
    expect(read.status).toBe(200);
    const access = read.body.access as Body;
    expect(access).toMatchObject({ authorizationId, eventId: expect.any(String) });
    expect(access.requestHash).toMatch(/^[0-9a-f]{64}$/);
    const report = read.body.report as Body;
    expect(read.body.reportHash).toBe(canonicalHash(report));
    const verified = await call<Body>(hub, 'POST', '/v1/verify/credit-report', {
      body: { report },
    });
    expect(verified.body).toMatchObject({ valid: true, anchored: true });

    // Outside the terms: denied, and the denial is a write in the trail.
    const before = await height();
    const wrongPurpose = await call<Body>(
      hub,
      'GET',
      reportPath(ACME, `?authorizationId=${authorizationId}&purpose=marketing`),
      as('city-bank'),
    );
    expect(wrongPurpose.status).toBe(403);
    expect(wrongPurpose.body).toMatchObject({
      type: '/errors/authorization-denied',
      reason: 'PURPOSE_MISMATCH',
      eventId: expect.any(String),
    });
    expect(await height()).toBe(before + 1);
    const otherSubject = await call<Body>(
      hub,
      'GET',
      reportPath(BETA, `?authorizationId=${authorizationId}&purpose=loan-assessment`),
      as('city-bank'),
    );
    expect(otherSubject.status).toBe(403);
    expect(otherSubject.body).toMatchObject({
      type: '/errors/authorization-denied',
      reason: 'SUBJECT_MISMATCH',
    });

    const trail = await call<{ events: Body[] }>(
      hub,
      'GET',
      `/v1/authorizations/${authorizationId}/trail`,
      as('acme-trading'),
    );
    expect(trail.status).toBe(200);
    expect(trail.body.events.map((event) => [event.allowed, event.reason])).toEqual([
      [true, null],
      [false, 'PURPOSE_MISMATCH'],
      [false, 'SUBJECT_MISMATCH'],
    ]);
    expect(trail.body.events[0]).toMatchObject({
      eventId: access.eventId,
      requestHash: access.requestHash,
      category: 'credit-report',
      operation: 'READ',
    });
    expect(trail.body.events[1]?.eventId).toBe(wrongPurpose.body.eventId);
    const audited = await call<Body>(hub, 'POST', '/v1/audit/verify-trail', {
      ...as('audit-office'),
      body: { authorizationId },
    });
    expect(audited.body).toMatchObject({ intact: true, events: 3, allowed: 1, denied: 2 });
  });
});
