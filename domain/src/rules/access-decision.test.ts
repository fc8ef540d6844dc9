import {
  decideAccess,
  utcDayOf,
  type AccessAttempt,
  type AccessCounts,
  type AccessTerms,
} from './access-decision';

const at = (instant: string): number => Date.parse(instant);

const terms: AccessTerms = {
  grantee: 'city-bank',
  subject: '91330100MA2ACME01X',
  categories: ['credit-report', 'tax-records'],
  purpose: 'loan-assessment',
  operations: ['READ', 'VERIFY'],
  maxAccesses: 3,
  maxPerDay: 2,
  validFrom: at('2030-01-01T00:00:00.000Z'),
  validUntil: at('2030-02-01T00:00:00.000Z'),
  revokedAt: null,
};
const request: AccessAttempt = {
  actor: 'city-bank',
  at: at('2030-01-10T09:00:00.000Z'),
  category: 'credit-report',
  purpose: 'loan-assessment',
  operation: 'READ',
};
const fresh: AccessCounts = { used: 0, usedToday: 0, negativeListed: false };

describe('decideAccess', () => {
  it('allows an access inside every term, with or without naming the subject', () => {
    expect(decideAccess(terms, request, fresh)).toBeNull();
    expect(decideAccess(terms, { ...request, subject: terms.subject }, fresh)).toBeNull();
    expect(decideAccess(terms, { ...request, operation: 'VERIFY' }, fresh)).toBeNull();
  });

  it.each<[string, AccessTerms, AccessAttempt, AccessCounts]>([
    ['NOT_GRANTEE', terms, { ...request, actor: 'other-bank' }, fresh],
    ['REVOKED', { ...terms, revokedAt: at('2030-01-05T00:00:00.000Z') }, request, fresh],
    ['EXHAUSTED', terms, request, { ...fresh, used: 3 }],
    ['NOT_YET_VALID', terms, { ...request, at: at('2029-12-31T23:59:59.999Z') }, fresh],
    ['EXPIRED', terms, { ...request, at: at('2030-02-01T00:00:00.000Z') }, fresh],
    ['SUBJECT_MISMATCH', terms, { ...request, subject: '91350100M000100Y43' }, fresh],
    ['CATEGORY_NOT_AUTHORIZED', terms, { ...request, category: 'social-security' }, fresh],
    ['NEGATIVE_LIST', terms, request, { ...fresh, negativeListed: true }],
    ['PURPOSE_MISMATCH', terms, { ...request, purpose: 'marketing' }, fresh],
    ['OPERATION_NOT_AUTHORIZED', terms, { ...request, operation: 'COPY' }, fresh],
    ['DAILY_LIMIT_REACHED', terms, request, { ...fresh, usedToday: 2 }],
  ])('denies %s', (reason, decided, attempt, counts) => {
    expect(decideAccess(decided, attempt, counts)).toBe(reason);
  });

  it('gives the first broken rule when several are broken, in the fixed order', () => {
    // Everything broken at once, then mended one rule at a time: each answer is the next rule.
    let decided: AccessTerms = { ...terms, revokedAt: at('2029-11-01T00:00:00.000Z') };
    let attempt: AccessAttempt = {
      actor: 'other-bank',
      at: at('2029-12-01T00:00:00.000Z'),
      category: 'social-security',
      purpose: 'marketing',
      operation: 'COPY',
      subject: 'someone-else',
    };
    let counts: AccessCounts = { used: 3, usedToday: 2, negativeListed: true };
    const mends: [string, () => void][] = [
      ['NOT_GRANTEE', () => (attempt = { ...attempt, actor: 'city-bank' })],
      ['REVOKED', () => (decided = { ...decided, revokedAt: null })],
      ['EXHAUSTED', () => (counts = { ...counts, used: 0 })],
      ['NOT_YET_VALID', () => (attempt = { ...attempt, at: request.at })],
      ['SUBJECT_MISMATCH', () => (attempt = { ...attempt, subject: terms.subject })],
      ['CATEGORY_NOT_AUTHORIZED', () => (attempt = { ...attempt, category: 'tax-records' })],
      ['NEGATIVE_LIST', () => (counts = { ...counts, negativeListed: false })],
      ['PURPOSE_MISMATCH', () => (attempt = { ...attempt, purpose: 'loan-assessment' })],
      ['OPERATION_NOT_AUTHORIZED', () => (attempt = { ...attempt, operation: 'VERIFY' })],
      ['DAILY_LIMIT_REACHED', () => (counts = { ...counts, usedToday: 1 })],
    ];
    for (const [reason, mend] of mends) {
      expect(decideAccess(decided, attempt, counts)).toBe(reason);
      mend();
    }
    expect(decideAccess(decided, attempt, counts)).toBeNull();
  });

  it('reads validFrom as inclusive, validUntil and revokedAt as exclusive ends', () => {
    expect(decideAccess(terms, { ...request, at: terms.validFrom }, fresh)).toBeNull();
    expect(decideAccess(terms, { ...request, at: terms.validUntil - 1 }, fresh)).toBeNull();
    const revoked = { ...terms, revokedAt: request.at + 1 };
    expect(decideAccess(revoked, request, fresh)).toBeNull();
    expect(decideAccess(revoked, { ...request, at: request.at + 1 }, fresh)).toBe('REVOKED');
  });

  it('has no count limits when maxAccesses and maxPerDay are null', () => {
    const unlimited = { ...terms, maxAccesses: null, maxPerDay: null };
    const busy = { used: 10_000, usedToday: 10_000, negativeListed: false };
    expect(decideAccess(unlimited, request, busy)).toBeNull();
    expect(decideAccess(terms, request, { ...fresh, used: 2, usedToday: 1 })).toBeNull();
  });

  it('refuses a request naming a subject when the terms record none', () => {
    const { subject: _omitted, ...withoutSubject } = terms;
    expect(decideAccess(withoutSubject, request, fresh)).toBeNull();
    expect(decideAccess(withoutSubject, { ...request, subject: 'x' }, fresh)).toBe(
      'SUBJECT_MISMATCH',
    );
  });
});

describe('utcDayOf', () => {
  it('counts whole UTC days since 1970-01-01, before it too', () => {
    expect(utcDayOf(0)).toBe(0);
    expect(utcDayOf(at('1970-01-01T23:59:59.999Z'))).toBe(0);
    expect(utcDayOf(at('1970-01-02T00:00:00.000Z'))).toBe(1);
    expect(utcDayOf(at('1969-12-31T23:59:59.999Z'))).toBe(-1);
    expect(utcDayOf(at('2030-01-10T23:59:59.999Z'))).toBe(utcDayOf(at('2030-01-10T00:00:00Z')));
    expect(utcDayOf(at('2030-01-11T00:00:00.000Z'))).toBe(utcDayOf(at('2030-01-10T00:00:00Z')) + 1);
  });
});
