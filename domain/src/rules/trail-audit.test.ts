import type { AccessTerms } from './access-decision';
import { canonicalHash } from '../hashing/canonical';
import {
  auditTrail,
  type AuditedAuthorization,
  type TrailLedger,
  type TrailLink,
} from './trail-audit';

/** A ledger of the test's own: instants in epoch milliseconds, a canonical-JSON link hash. */
interface Link extends TrailLink {
  readonly authorizationId: string;
  readonly at: number;
  readonly actor: string;
  readonly category: string;
  readonly purpose: string;
  readonly operation: string;
  readonly recordCount: number;
}
type Draft = Partial<Omit<Link, 'seq' | 'prevHash' | 'eventHash'>>;

const GENESIS = 'ab'.repeat(32);
const DAY = 86_400_000;
const JAN_2 = Date.parse('2030-01-02T10:00:00.000Z');

const hashOf = ({ eventHash: _recorded, ...content }: Link): string => canonicalHash(content);

function ledger(
  overrides: Partial<TrailLedger<Link>> = {},
  listed: (event: Link) => boolean = () => false,
): TrailLedger<Link> & { readonly askedNegativeList: Link[] } {
  const askedNegativeList: Link[] = [];
  return {
    genesisHash: GENESIS,
    linkHash: hashOf,
    sameHash: (a, b) => a === b,
    accessOf: (event) => event,
    negativeListedAt: (event) => {
      askedNegativeList.push(event);
      return listed(event);
    },
    ...overrides,
    askedNegativeList,
  };
}

const terms: AccessTerms = {
  grantee: 'city-bank',
  categories: ['social-security'],
  purpose: 'loan-assessment',
  operations: ['READ'],
  maxAccesses: 3,
  maxPerDay: 2,
  validFrom: Date.parse('2030-01-01T00:00:00.000Z'),
  validUntil: Date.parse('2030-02-01T00:00:00.000Z'),
  revokedAt: null,
};

/** Chains drafts as a ledger records them, one a day from 2 January, and a head to match. */
function chain(drafts: Draft[]): { authorization: AuditedAuthorization; events: Link[] } {
  const events: Link[] = [];
  let prevHash = GENESIS;
  for (const [seq, draft] of drafts.entries()) {
    const content = {
      authorizationId: 'a1',
      seq,
      eventId: `tx${seq}`,
      at: JAN_2 + seq * DAY,
      actor: 'city-bank',
      category: 'social-security',
      purpose: 'loan-assessment',
      operation: 'READ',
      recordCount: 1,
      allowed: true,
      ...draft,
      prevHash,
      eventHash: '',
    };
    const event = { ...content, eventHash: hashOf(content) };
    events.push(event);
    prevHash = event.eventHash;
  }
  return {
    authorization: { ...terms, id: 'a1', eventCount: events.length, headHash: prevHash },
    events,
  };
}

/** The events with the one at `index` replaced by `change(event)`. */
const editing = (events: Link[], index: number, change: (event: Link) => Link): Link[] =>
  events.map((event, i) => (i === index ? change(event) : event));

const rehashed = (event: Link): Link => ({ ...event, eventHash: hashOf(event) });

describe('auditTrail', () => {
  it('finds an untouched trail intact, with its counts and head', () => {
    const { authorization, events } = chain([{}, { allowed: false, purpose: 'x' }, {}]);
    expect(auditTrail(authorization, events, ledger())).toEqual({
      authorizationId: 'a1',
      intact: true,
      events: 3,
      allowed: 2,
      denied: 1,
      violations: [],
      headHash: authorization.headHash,
    });
  });

  it('finds an empty trail intact at the genesis hash', () => {
    const { authorization } = chain([]);
    expect(auditTrail(authorization, [], ledger())).toEqual({
      authorizationId: 'a1',
      intact: true,
      events: 0,
      allowed: 0,
      denied: 0,
      violations: [],
      headHash: GENESIS,
    });
  });

  it('finds an edited event by its own hash (BAD_HASH)', () => {
    const { authorization, events } = chain([{}, {}, {}]);
    const edited = editing(events, 1, (event) => ({ ...event, recordCount: 500 }));
    const audit = auditTrail(authorization, edited, ledger());
    expect(audit.intact).toBe(false);
    expect(audit.violations).toEqual([{ seq: 1, eventId: 'tx1', problem: 'BAD_HASH' }]);
  });

  it('finds an event the ledger says cannot be a link of this trail (BAD_HASH)', () => {
    const { authorization, events } = chain([{}, {}]);
    const ownTrailOnly = ledger({
      linkHash: (event) => (event.authorizationId === 'a1' ? hashOf(event) : null),
    });
    const foreign = editing(events, 1, (event) => rehashed({ ...event, authorizationId: 'a2' }));
    const audit = auditTrail(
      { ...authorization, headHash: foreign[1]?.eventHash ?? '' },
      foreign,
      ownTrailOnly,
    );
    expect(audit.violations).toEqual([{ seq: 1, eventId: 'tx1', problem: 'BAD_HASH' }]);
    expect(audit.intact).toBe(false);
  });

  it('finds an edited event with its hash recomputed by the next link (BROKEN_CHAIN)', () => {
    const { authorization, events } = chain([{}, {}, {}]);
    const forged = editing(events, 1, (event) => rehashed({ ...event, purpose: 'loan-review' }));
    const audit = auditTrail(authorization, forged, ledger());
    // The edit also breaks a rule, which the re-check reports where it happened.
    expect(audit.violations).toEqual([
      { seq: 1, eventId: 'tx1', problem: 'PURPOSE_MISMATCH' },
      { seq: 2, eventId: 'tx2', problem: 'BROKEN_CHAIN' },
    ]);
    expect(audit.intact).toBe(false);
  });

  it('finds a first event that does not start from the genesis hash', () => {
    const { authorization, events } = chain([{}]);
    const audit = auditTrail(authorization, events, ledger({ genesisHash: '00'.repeat(32) }));
    expect(audit.violations).toEqual([{ seq: 0, eventId: 'tx0', problem: 'BROKEN_CHAIN' }]);
  });

  it('finds a removed event in the middle (BAD_SEQUENCE, BROKEN_CHAIN, MISSING_EVENTS in order)', () => {
    const { authorization, events } = chain([{}, {}, {}]);
    const audit = auditTrail(authorization, [events[0], events[2]] as Link[], ledger());
    expect(audit.intact).toBe(false);
    expect(audit.violations).toEqual([
      { seq: 2, eventId: 'tx2', problem: 'BAD_SEQUENCE' },
      { seq: 2, eventId: 'tx2', problem: 'BROKEN_CHAIN' },
      { seq: 2, eventId: '', problem: 'MISSING_EVENTS' },
    ]);
  });

  it('finds a trail that stops short of the stored count or head (MISSING_EVENTS)', () => {
    const { authorization, events } = chain([{}, {}, {}]);
    const cut = auditTrail(authorization, events.slice(0, 2), ledger());
    expect(cut.violations).toEqual([{ seq: 2, eventId: '', problem: 'MISSING_EVENTS' }]);
    expect(cut.headHash).toBe(events[1]?.eventHash);
    const longer = auditTrail({ ...authorization, eventCount: 4 }, events, ledger());
    expect(longer.violations).toEqual([{ seq: 3, eventId: '', problem: 'MISSING_EVENTS' }]);
    const otherHead = auditTrail({ ...authorization, headHash: GENESIS }, events, ledger());
    expect(otherHead.violations).toEqual([{ seq: 3, eventId: '', problem: 'MISSING_EVENTS' }]);
    expect(otherHead.intact).toBe(false);
  });

  it('compares hashes as the ledger does', () => {
    const { authorization, events } = chain([{}, {}]);
    const shouted = events.map((event) => ({ ...event, eventHash: event.eventHash.toUpperCase() }));
    expect(auditTrail(authorization, shouted, ledger()).intact).toBe(false);
    const anyCase = ledger({ sameHash: (a, b) => a.toLowerCase() === b.toLowerCase() });
    const audit = auditTrail(authorization, shouted, anyCase);
    expect(audit.violations).toEqual([]);
    expect(audit.intact).toBe(true);
    expect(audit.headHash).toBe(shouted[1]?.eventHash);
  });

  it('flags allowed events that broke the terms, yet keeps an unbroken chain intact', () => {
    const { authorization, events } = chain([
      {},
      { actor: 'other-bank' },
      { allowed: false, actor: 'other-bank' },
      {},
      {},
    ]);
    const audit = auditTrail(authorization, events, ledger());
    expect(audit.intact).toBe(true);
    // Counts are rebuilt from allowed events only: the denied one is not counted.
    expect(audit.violations).toEqual([
      { seq: 1, eventId: 'tx1', problem: 'NOT_GRANTEE' },
      { seq: 4, eventId: 'tx4', problem: 'EXHAUSTED' },
    ]);
    expect([audit.allowed, audit.denied]).toEqual([4, 1]);
  });

  it('counts daily limits by UTC day and asks the negative list for allowed events only', () => {
    const { authorization, events } = chain([
      { at: JAN_2 },
      { at: JAN_2 + 1 },
      { at: JAN_2 + 2, allowed: false },
      { at: JAN_2 + 3 },
      { at: JAN_2 + DAY },
      { at: JAN_2 + 2 * DAY },
    ]);
    const listedFromJan4 = (event: Link): boolean => event.at >= JAN_2 + 2 * DAY;
    const checking = ledger({}, listedFromJan4);
    const audit = auditTrail({ ...authorization, maxAccesses: 10 }, events, checking);
    expect(audit.violations).toEqual([
      { seq: 3, eventId: 'tx3', problem: 'DAILY_LIMIT_REACHED' },
      { seq: 5, eventId: 'tx5', problem: 'NEGATIVE_LIST' },
    ]);
    expect(checking.askedNegativeList.map((event) => event.seq)).toEqual([0, 1, 3, 4, 5]);
  });

  it('re-checks against revocation at each event time', () => {
    const { authorization, events } = chain([{}, {}]);
    const revoked = { ...authorization, revokedAt: JAN_2 + DAY };
    expect(auditTrail(revoked, events, ledger()).violations).toEqual([
      { seq: 1, eventId: 'tx1', problem: 'REVOKED' },
    ]);
  });

  it('reports chain problems before the rule an event broke', () => {
    const { authorization, events } = chain([{}, {}]);
    const tampered = editing(events, 1, (event) => ({
      ...event,
      seq: 5,
      prevHash: GENESIS,
      category: 'medical-record',
    }));
    const audit = auditTrail(authorization, tampered, ledger());
    expect(audit.violations.map((v) => v.problem)).toEqual([
      'BAD_SEQUENCE',
      'BROKEN_CHAIN',
      'BAD_HASH',
      'CATEGORY_NOT_AUTHORIZED',
    ]);
    expect(audit.violations[0]).toEqual({ seq: 5, eventId: 'tx1', problem: 'BAD_SEQUENCE' });
  });
});
