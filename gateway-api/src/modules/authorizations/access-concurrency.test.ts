import { createHash } from 'node:crypto';
import { BACKENDS, call, startHubApp, type HubApp } from '../../../test/hub-app';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const second = (offsetMs: number): string =>
  new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A grantee that sends its accesses to one authorization in parallel loses none of them. */
describe.each(BACKENDS)('parallel access events on the %s ledger', (backend) => {
  let hub: HubApp;
  beforeAll(async () => {
    hub = await startHubApp({ backend });
  });
  afterAll(() => hub.dispose());

  it('records every one of 20 parallel accesses, each once, in one unbroken trail', async () => {
    const created = await call<{ id: string }>(hub, 'POST', '/v1/authorizations', {
      org: 'citizen-services',
      body: {
        subject: { type: 'CITIZEN', ref: sha('citizen for parallel accesses') },
        grantee: 'city-bank',
        categories: ['tax-records'],
        purpose: 'loan-review',
        legalBasis: 'CONSENT',
        operations: ['READ'],
        validFrom: second(-60_000),
        validUntil: second(86_400_000),
        consentEvidenceHash: sha('consent'),
      },
    });
    expect(created.status).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call<{ seq: number }>(hub, 'POST', '/v1/access-events', {
          org: 'city-bank',
          body: {
            authorizationId: created.body.id,
            category: 'tax-records',
            purpose: 'loan-review',
            operation: 'READ',
            recordCount: 1,
            requestHash: sha(`request ${i}`),
          },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    expect(answers.map((answer) => answer.body.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
    const audit = await call(hub, 'POST', '/v1/audit/verify-trail', {
      org: 'audit-office',
      body: { authorizationId: created.body.id },
    });
    expect(audit.body).toMatchObject({ intact: true, allowed: 20, denied: 0 });
  });
});
