import {
  auditTrail as auditSharedTrail,
  canonicalHash,
  GENESIS_HASH,
  type AccessEvent,
  type Authorization,
  type TrailAudit,
} from '@citytrust/domain';
import { accessTerms, epochMillis } from './access-decision';

export type { TrailAudit, TrailAuditViolation as TrailViolation } from '@citytrust/domain';

export function eventHash(event: Omit<AccessEvent, 'eventHash'>): string {
  return canonicalHash(event);
}

/**
 * Recomputes an authorization's hash chain and re-checks every allowed event against the
 * terms in force when it happened (the sdk's audit, on the chaincode's canonical-JSON link
 * hash and ISO instants): the counts are rebuilt from the trail itself, revocation from
 * `revokedAt`, and the negative list as it stood at the event's time.
 */
export function auditTrail(
  authorization: Authorization,
  events: readonly AccessEvent[],
  negativeListedAt: (category: string, at: string) => boolean,
): TrailAudit {
  return auditSharedTrail<AccessEvent>(
    {
      ...accessTerms(authorization),
      id: authorization.id,
      eventCount: authorization.eventCount,
      headHash: authorization.headHash,
    },
    events,
    {
      genesisHash: GENESIS_HASH,
      linkHash: ({ eventHash: _recorded, ...content }) => eventHash(content),
      sameHash: (a, b) => a === b,
      accessOf: (event) => ({ ...event, at: epochMillis(event.at) }),
      negativeListedAt: (event) => negativeListedAt(event.category, event.at),
    },
  );
}
