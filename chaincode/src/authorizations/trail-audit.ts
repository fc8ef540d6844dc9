import { canonicalHash } from '../ledger/canonical';
import { utcDay } from '../ledger/clock';
import { decideAccess } from './access-decision';
import type { AccessEvent, DenialReason } from './access-event';
import { GENESIS_HASH, type Authorization } from './authorization';

export interface TrailViolation {
  readonly seq: number;
  readonly eventId: string;
  /** `BROKEN_CHAIN`, `BAD_HASH`, `BAD_SEQUENCE`, `MISSING_EVENTS`, or the rule an allowed event broke. */
  readonly problem: DenialReason | 'BROKEN_CHAIN' | 'BAD_HASH' | 'BAD_SEQUENCE' | 'MISSING_EVENTS';
}

export interface TrailAudit {
  readonly authorizationId: string;
  readonly intact: boolean;
  readonly events: number;
  readonly allowed: number;
  readonly denied: number;
  readonly violations: TrailViolation[];
  readonly headHash: string;
}

export function eventHash(event: Omit<AccessEvent, 'eventHash'>): string {
  return canonicalHash(event);
}

/**
 * Recomputes an authorization's hash chain and re-checks every allowed event against the
 * terms in force when it happened: the counts are rebuilt from the trail itself, revocation
 * from `revokedAt`, and the negative list as it stood at the event's time.
 */
export function auditTrail(
  authorization: Authorization,
  events: readonly AccessEvent[],
  negativeListedAt: (category: string, at: string) => boolean,
): TrailAudit {
  const violations: TrailViolation[] = [];
  let prevHash = GENESIS_HASH;
  let chainIntact = true;
  let used = 0;
  const usedPerDay = new Map<string, number>();
  for (const [position, event] of events.entries()) {
    const { eventHash: recorded, ...content } = event;
    const at = { seq: event.seq, eventId: event.eventId };
    if (event.seq !== position) {
      chainIntact = false;
      violations.push({ ...at, problem: 'BAD_SEQUENCE' });
    }
    if (event.prevHash !== prevHash) {
      chainIntact = false;
      violations.push({ ...at, problem: 'BROKEN_CHAIN' });
    }
    if (eventHash(content) !== recorded) {
      chainIntact = false;
      violations.push({ ...at, problem: 'BAD_HASH' });
    }
    prevHash = recorded;
    if (!event.allowed) continue;
    const day = utcDay(event.at);
    const usedToday = usedPerDay.get(day) ?? 0;
    const broken = decideAccess({ ...authorization, used }, event, {
      usedToday,
      negativeListed: negativeListedAt(event.category, event.at),
    });
    if (broken !== null) violations.push({ ...at, problem: broken });
    used += 1;
    usedPerDay.set(day, usedToday + 1);
  }
  if (events.length !== authorization.eventCount || prevHash !== authorization.headHash) {
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
