import { GENESIS_HASH, type AccessEvent, type Authorization } from '@citytrust/domain';
import { testTerms } from './test-terms';
import { auditTrail, eventHash } from './trail-audit';

const terms = testTerms({
  subjectType: 'CITIZEN',
  subject: 'c'.repeat(64),
  createdBy: 'citizen-services',
  categories: ['social-security'],
});

type Draft = Partial<Omit<AccessEvent, 'eventHash' | 'prevHash' | 'seq'>>;

/** Chains drafts the way the chaincode does, and the authorization's head to match. */
function chain(drafts: Draft[]): { authorization: Authorization; events: AccessEvent[] } {
  const events: AccessEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (const [seq, draft] of drafts.entries()) {
    const content = {
      authorizationId: 'a1',
      seq,
      eventId: `tx${seq}`,
      at: `2030-01-0${seq + 2}T10:00:00.000Z`,
      actor: 'city-bank',
      category: 'social-security',
      purpose: 'loan-assessment',
      operation: 'READ' as const,
      recordCount: 1,
      requestHash: 'f'.repeat(64),
      allowed: true,
      reason: null,
      ...draft,
      prevHash,
    };
    const event = { ...content, eventHash: eventHash(content) };
    events.push(event);
    prevHash = event.eventHash;
  }
  return {
    authorization: { ...terms, eventCount: events.length, headHash: prevHash },
    events,
  };
}

const never = (): boolean => false;

test('an untouched trail is intact, with its counts and head', () => {
  const { authorization, events } = chain([
    {},
    { allowed: false, reason: 'PURPOSE_MISMATCH', purpose: 'x' },
    {},
  ]);
  expect(auditTrail(authorization, events, never)).toEqual({
    authorizationId: 'a1',
    intact: true,
    events: 3,
    allowed: 2,
    denied: 1,
    violations: [],
    headHash: authorization.headHash,
  });
});

test('an edited event breaks its own hash and the next link', () => {
  const { authorization, events } = chain([{}, {}, {}]);
  const edited = events.map((event, i) => (i === 1 ? { ...event, recordCount: 500 } : event));
  const audit = auditTrail(authorization, edited, never);
  expect(audit.intact).toBe(false);
  expect(audit.violations).toEqual([{ seq: 1, eventId: 'tx1', problem: 'BAD_HASH' }]);
});

test('an edited event with its hash recomputed breaks the chain after it', () => {
  const { authorization, events } = chain([{}, {}, {}]);
  const { eventHash: _replaced, ...content } = { ...(events[1] as AccessEvent), recordCount: 500 };
  const forged = events.map((event, i) =>
    i === 1 ? { ...content, eventHash: eventHash(content) } : event,
  );
  const audit = auditTrail(authorization, forged, never);
  // The head still matches the last event, so only the link after the forgery gives it away.
  expect(audit.violations).toEqual([{ seq: 2, eventId: 'tx2', problem: 'BROKEN_CHAIN' }]);
});

test('a removed event is found, in the middle and at the end', () => {
  const { authorization, events } = chain([{}, {}, {}]);
  const middle = auditTrail(authorization, [events[0], events[2]] as AccessEvent[], never);
  expect(middle.intact).toBe(false);
  expect(middle.violations.map((v) => v.problem)).toEqual([
    'BAD_SEQUENCE',
    'BROKEN_CHAIN',
    'MISSING_EVENTS',
  ]);
  const tail = auditTrail(authorization, events.slice(0, 2), never);
  expect(tail.violations.map((v) => v.problem)).toEqual(['MISSING_EVENTS']);
});

test('an allowed event past the maximum count is found', () => {
  const { authorization, events } = chain([{}, {}, {}, {}]);
  expect(auditTrail(authorization, events, never).violations).toEqual([
    { seq: 3, eventId: 'tx3', problem: 'EXHAUSTED' },
  ]);
});

test('allowed events are re-checked against the terms in force at their time', () => {
  const { authorization, events } = chain([
    {},
    { at: '2030-01-03T11:00:00.000Z' },
    { at: '2030-01-03T12:00:00.000Z' },
    { at: '2030-01-03T13:00:00.000Z' },
    { at: '2030-01-05T10:00:00.000Z' },
    { at: '2030-01-06T10:00:00.000Z' },
  ]);
  const revokedLater = { ...authorization, maxAccesses: 10, revokedAt: '2030-01-06T00:00:00.000Z' };
  const listedOnFifth = (category: string, at: string): boolean =>
    category === 'social-security' && at >= '2030-01-05T00:00:00.000Z';
  const audit = auditTrail(revokedLater, events, listedOnFifth);
  expect(audit.intact).toBe(true);
  expect(audit.violations).toEqual([
    { seq: 3, eventId: 'tx3', problem: 'DAILY_LIMIT_REACHED' },
    { seq: 4, eventId: 'tx4', problem: 'NEGATIVE_LIST' },
    { seq: 5, eventId: 'tx5', problem: 'REVOKED' },
  ]);
});
