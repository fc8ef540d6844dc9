import { decideAccess, type AccessRequest } from './access-decision';
import { testTerms } from './test-terms';

const terms = testTerms();
const request: AccessRequest = {
  actor: 'city-bank',
  at: '2030-01-10T09:00:00.000Z',
  category: 'credit-report',
  purpose: 'loan-assessment',
  operation: 'READ',
};
const fresh = { usedToday: 0, negativeListed: false };

test('an access inside every term is allowed', () => {
  expect(decideAccess(terms, request, fresh)).toBeNull();
  expect(decideAccess(terms, { ...request, subject: terms.subject }, fresh)).toBeNull();
});

test.each([
  ['NOT_GRANTEE', terms, { ...request, actor: 'other-bank' }, fresh],
  ['REVOKED', { ...terms, revokedAt: '2030-01-05T00:00:00.000Z' }, request, fresh],
  ['EXHAUSTED', { ...terms, used: 3 }, request, fresh],
  ['NOT_YET_VALID', terms, { ...request, at: '2029-12-31T23:59:59.999Z' }, fresh],
  ['EXPIRED', terms, { ...request, at: '2030-02-01T00:00:00.000Z' }, fresh],
  ['SUBJECT_MISMATCH', terms, { ...request, subject: '91350100M000100Y43' }, fresh],
  ['CATEGORY_NOT_AUTHORIZED', terms, { ...request, category: 'social-security' }, fresh],
  ['NEGATIVE_LIST', terms, request, { usedToday: 0, negativeListed: true }],
  ['PURPOSE_MISMATCH', terms, { ...request, purpose: 'marketing' }, fresh],
  ['OPERATION_NOT_AUTHORIZED', terms, { ...request, operation: 'COPY' as const }, fresh],
  ['DAILY_LIMIT_REACHED', terms, request, { usedToday: 2, negativeListed: false }],
])('%s', (reason, authorization, attempt, context) => {
  expect(decideAccess(authorization, attempt, context)).toBe(reason);
});

test('no limits when maxAccesses and maxPerDay are null', () => {
  const unlimited = { ...terms, maxAccesses: null, maxPerDay: null, used: 10_000 };
  expect(decideAccess(unlimited, request, { usedToday: 10_000, negativeListed: false })).toBeNull();
});

test('an access just before revocation was still allowed', () => {
  const revoked = { ...terms, revokedAt: '2030-01-10T09:00:00.001Z' };
  expect(decideAccess(revoked, request, fresh)).toBeNull();
});
