import type { AccessEvent, DenialReason } from './access-event';
import type { Authorization } from './authorization';

export type AccessRequest = Pick<
  AccessEvent,
  'actor' | 'at' | 'category' | 'purpose' | 'operation'
> & { readonly subject?: string | undefined };

export interface AccessContext {
  /** Allowed accesses before this one, in the same UTC day. */
  readonly usedToday: number;
  readonly negativeListed: boolean;
}

/**
 * The terms of an authorization applied to one access: the first rule it breaks, or null.
 * `recordAccess` decides with it and `verifyTrail` re-checks every allowed event with it.
 */
export function decideAccess(
  authorization: Pick<
    Authorization,
    | 'grantee'
    | 'subject'
    | 'categories'
    | 'purpose'
    | 'operations'
    | 'maxAccesses'
    | 'maxPerDay'
    | 'validFrom'
    | 'validUntil'
    | 'revokedAt'
    | 'used'
  >,
  request: AccessRequest,
  context: AccessContext,
): DenialReason | null {
  if (request.actor !== authorization.grantee) return 'NOT_GRANTEE';
  if (authorization.revokedAt !== null && request.at >= authorization.revokedAt) return 'REVOKED';
  if (authorization.maxAccesses !== null && authorization.used >= authorization.maxAccesses)
    return 'EXHAUSTED';
  if (request.at < authorization.validFrom) return 'NOT_YET_VALID';
  if (request.at >= authorization.validUntil) return 'EXPIRED';
  if (request.subject !== undefined && request.subject !== authorization.subject)
    return 'SUBJECT_MISMATCH';
  if (!authorization.categories.includes(request.category)) return 'CATEGORY_NOT_AUTHORIZED';
  if (context.negativeListed) return 'NEGATIVE_LIST';
  if (request.purpose !== authorization.purpose) return 'PURPOSE_MISMATCH';
  if (!authorization.operations.includes(request.operation)) return 'OPERATION_NOT_AUTHORIZED';
  if (authorization.maxPerDay !== null && context.usedToday >= authorization.maxPerDay)
    return 'DAILY_LIMIT_REACHED';
  return null;
}
