import {
  decideAccess as decideSharedAccess,
  type AccessEvent,
  type AccessTerms,
  type Authorization,
  type DenialReason,
} from '@citytrust/domain';

export type AccessRequest = Pick<
  AccessEvent,
  'actor' | 'at' | 'category' | 'purpose' | 'operation'
> & { readonly subject?: string | undefined };

export interface AccessContext {
  /** Allowed accesses before this one, in the same UTC day. */
  readonly usedToday: number;
  readonly negativeListed: boolean;
}

export type DecidedTerms = Pick<
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
>;

/**
 * Epoch milliseconds of a stored instant. The chaincode stores every instant normalized to
 * `Date#toISOString` (UTC milliseconds), so these order and fall into UTC days exactly as the
 * strings do.
 */
export function epochMillis(instant: string): number {
  return Date.parse(instant);
}

/** An authorization's terms as the shared access rules read them. */
export function accessTerms(authorization: DecidedTerms): AccessTerms {
  return {
    grantee: authorization.grantee,
    subject: authorization.subject,
    categories: authorization.categories,
    purpose: authorization.purpose,
    operations: authorization.operations,
    maxAccesses: authorization.maxAccesses,
    maxPerDay: authorization.maxPerDay,
    validFrom: epochMillis(authorization.validFrom),
    validUntil: epochMillis(authorization.validUntil),
    revokedAt: authorization.revokedAt === null ? null : epochMillis(authorization.revokedAt),
  };
}

/**
 * The terms of an authorization applied to one access: the first rule it breaks, or null.
 * `recordAccess` decides with it; the rules themselves are the sdk's, shared with the audit.
 */
export function decideAccess(
  authorization: DecidedTerms & Pick<Authorization, 'used'>,
  request: AccessRequest,
  context: AccessContext,
): DenialReason | null {
  return decideSharedAccess(
    accessTerms(authorization),
    { ...request, at: epochMillis(request.at) },
    { used: authorization.used, ...context },
  );
}
