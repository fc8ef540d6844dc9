import { EventVisibility, type AuthorizationParties } from './event-visibility';
import type { LedgerEvent } from '../../ledgers/hub-ledger';

/**
 * The visibility rule on its own, over a small registry and two authorizations given as data
 * (the authorization routes that would create them over HTTP are not in this branch).
 */
const AUDITORS = new Set(['audit-office']);
const AUTHORIZATIONS: Record<string, AuthorizationParties & { subject: string }> = {
  'authz-bank': { createdBy: 'citizen-services', grantee: 'city-bank', subject: 'a'.repeat(64) },
  'authz-other': { createdBy: 'citizen-services', grantee: 'other-bank', subject: 'b'.repeat(64) },
};
const lookups: string[] = [];
const directory = {
  isAuditor: async (orgId: string) => AUDITORS.has(orgId),
  authorizationParties: async (id: string) => {
    lookups.push(id);
    return AUTHORIZATIONS[id];
  },
  subjectParties: async (subject: string) =>
    Object.values(AUTHORIZATIONS).filter((each) => each.subject === subject),
};
const visibility = new EventVisibility(directory);

let txIndex = 0;
const event = (name: string, payload: Record<string, unknown>): LedgerEvent => ({
  name,
  payload,
  txId: `tx-${txIndex}`,
  blockNumber: 7,
  txIndex: txIndex++,
  eventIndex: 0,
});

const seenBy = async (e: LedgerEvent): Promise<string[]> => {
  const orgs = ['city-bank', 'other-bank', 'citizen-services', 'audit-office', 'market-regulation'];
  const seen: string[] = [];
  for (const org of orgs) if (await visibility.mayView(org, e)) seen.push(org);
  return seen;
};

const EVERYONE = [
  'city-bank',
  'other-bank',
  'citizen-services',
  'audit-office',
  'market-regulation',
];

describe('who sees which ledger event', () => {
  it.each([
    ['OrganizationRegistered', { orgId: 'x', roles: ['REQUESTER'] }],
    ['CertificateIssued', { certificateId: 'c1', type: 't', issuer: 'i', documentHash: 'h' }],
    ['CreditRecordCreated', { recordId: 'r1', subject: 's', category: 'PENALTY' }],
    ['CreditReportAnchored', { reportHash: 'h', subject: 's', requestedBy: 'acme-trading' }],
  ])('%s is public record: every key sees it', async (name, payload) => {
    expect(await seenBy(event(name, payload))).toEqual(EVERYONE);
  });

  it("a bank does not see another grantee's access events; that grantee, the creator and the auditor do", async () => {
    for (const name of ['AccessAllowed', 'AccessDenied', 'AuthorizationRevoked']) {
      const e = event(name, { authorizationId: 'authz-other', grantee: 'other-bank', seq: 1 });
      expect(await seenBy(e)).toEqual(['other-bank', 'citizen-services', 'audit-office']);
    }
    const own = event('AccessAllowed', { authorizationId: 'authz-bank', grantee: 'city-bank' });
    expect(await seenBy(own)).toEqual(['city-bank', 'citizen-services', 'audit-office']);
  });

  it('an authorization’s creation goes to the parties its payload names, without a lookup', async () => {
    lookups.length = 0;
    const e = event('AuthorizationCreated', {
      authorizationId: 'authz-new',
      grantee: 'city-bank',
      createdBy: 'citizen-services',
      categories: ['tax-records'],
    });
    expect(await seenBy(e)).toEqual(['city-bank', 'citizen-services', 'audit-office']);
    expect(lookups).toEqual([]);
  });

  it('a credit report read through an authorization is shown only to its parties', async () => {
    const e = event('CreditReportAnchored', {
      reportHash: 'h',
      subject: '91330100MA2ACME01X',
      requestedBy: 'other-bank',
      authorizationId: 'authz-other',
      accessEventHash: 'e',
    });
    expect(await seenBy(e)).toEqual(['other-bank', 'citizen-services', 'audit-office']);
  });

  it('a forgotten subject is shown to the parties of its authorizations and auditors', async () => {
    expect(await seenBy(event('SubjectForgotten', { subject: 'a'.repeat(64), purged: 1 }))).toEqual(
      ['city-bank', 'citizen-services', 'audit-office'],
    );
    expect(await seenBy(event('SubjectForgotten', { subject: 'c'.repeat(64), purged: 1 }))).toEqual(
      ['audit-office'],
    );
  });

  it('an access event of an authorization that cannot be found, or an unknown event, goes to auditors only', async () => {
    expect(await seenBy(event('AccessAllowed', { authorizationId: 'gone' }))).toEqual([
      'audit-office',
    ]);
    expect(await seenBy(event('AccessAllowed', {}))).toEqual(['audit-office']);
    expect(await seenBy(event('SomethingNew', { any: 1 }))).toEqual(['audit-office']);
  });
});
