import { decideAccess, utcDayOf, type AccessAttempt, type AccessTerms } from './access-decision';
import type { DenialReason } from '../vocabulary/authorizations';

/** What can be wrong with a trail: a broken link, or the rule an allowed event broke. */
export type TrailProblem =
  DenialReason | 'BROKEN_CHAIN' | 'BAD_HASH' | 'BAD_SEQUENCE' | 'MISSING_EVENTS';

export interface TrailAuditViolation {
  readonly seq: number;
  readonly eventId: string;
  /** `BROKEN_CHAIN`, `BAD_HASH`, `BAD_SEQUENCE`, `MISSING_EVENTS`, or the rule an allowed event broke. */
  readonly problem: TrailProblem;
}

export interface TrailAudit {
  readonly authorizationId: string;
  /** Whether the hash chain runs unbroken from the genesis hash to the stored head. */
  readonly intact: boolean;
  readonly events: number;
  readonly allowed: number;
  readonly denied: number;
  readonly violations: TrailAuditViolation[];
  /** `eventHash` of the last event read, or the genesis hash. */
  readonly headHash: string;
}

/** What the audit reads of every recorded event, whatever the ledger. */
export interface TrailLink {
  readonly seq: number;
  readonly eventId: string;
  readonly allowed: boolean;
  readonly prevHash: string;
  readonly eventHash: string;
}

/** An authorization's terms, with the length and head of its trail as the ledger stores them. */
export interface AuditedAuthorization extends AccessTerms {
  readonly id: string;
  readonly eventCount: number;
  readonly headHash: string;
}

/** How one ledger writes a trail: what the audit cannot know on its own. */
export interface TrailLedger<Event extends TrailLink> {
  /** The `prevHash` of every trail's first event. */
  readonly genesisHash: string;
  /**
   * The hash the ledger computes for `event` as a link of the audited trail, from every field
   * but `eventHash`; null when the event cannot be a link of that trail at all.
   */
  linkHash(event: Event): string | null;
  /** Whether two hashes are the same as the ledger writes them (exactly, or in any hex case). */
  sameHash(a: string, b: string): boolean;
  /** The access an event records, its instant in epoch milliseconds. */
  accessOf(event: Event): AccessAttempt;
  /** Whether the event's category was on the negative list at the event's time. */
  negativeListedAt(event: Event): boolean;
}

/**
 * Recomputes an authorization's hash chain and re-checks every allowed event against the
 * terms in force when it happened: the counts are rebuilt from the trail itself, revocation
 * from `revokedAt`, the negative list as it stood at the event's time. Pure: `events` may come
 * from anywhere, in the order they were recorded.
 */
export function auditTrail<Event extends TrailLink>(
  authorization: AuditedAuthorization,
  events: readonly Event[],
  ledger: TrailLedger<Event>,
): TrailAudit {
  const violations: TrailAuditViolation[] = [];
  let prevHash = ledger.genesisHash;
  let chainIntact = true;
  let used = 0;
  const usedPerDay = new Map<number, number>();
  for (const [position, event] of events.entries()) {
    const at = { seq: event.seq, eventId: event.eventId };
    if (event.seq !== position) {
      chainIntact = false;
      violations.push({ ...at, problem: 'BAD_SEQUENCE' });
    }
    if (!ledger.sameHash(event.prevHash, prevHash)) {
      chainIntact = false;
      violations.push({ ...at, problem: 'BROKEN_CHAIN' });
    }
    const recomputed = ledger.linkHash(event);
    if (recomputed === null || !ledger.sameHash(recomputed, event.eventHash)) {
      chainIntact = false;
      violations.push({ ...at, problem: 'BAD_HASH' });
    }
    prevHash = event.eventHash;
    if (!event.allowed) continue;
    const access = ledger.accessOf(event);
    const day = utcDayOf(access.at);
    const usedToday = usedPerDay.get(day) ?? 0;
    const broken = decideAccess(authorization, access, {
      used,
      usedToday,
      negativeListed: ledger.negativeListedAt(event),
    });
    if (broken !== null) violations.push({ ...at, problem: broken });
    used += 1;
    usedPerDay.set(day, usedToday + 1);
  }
  if (
    events.length !== authorization.eventCount ||
    !ledger.sameHash(prevHash, authorization.headHash)
  ) {
    chainIntact = false;
    violations.push({ seq: events.length, eventId: '', problem: 'MISSING_EVENTS' });
  }
  const allowed = events.filter((event) => event.allowed).length;
  return {
    authorizationId: authorization.id,
    intact: chainIntact,
    events: events.length,
    allowed,
    denied: events.length - allowed,
    violations,
    headHash: prevHash,
  };
}
