import type { DenialReason } from '../vocabulary/authorizations';

/**
 * The access rules of a data-access authorization, shared by the chaincode (which decides
 * live with them) and by every trail audit. Ledgers differ in how they write instants, so the
 * rules read them as epoch milliseconds and each ledger converts; the rules never read a
 * clock, which keeps the chaincode deterministic.
 */
export interface AccessTerms {
  readonly grantee: string;
  /** The subject, where the ledger records it; a request naming a subject must name this one. */
  readonly subject?: string | undefined;
  readonly categories: readonly string[];
  readonly purpose: string;
  readonly operations: readonly string[];
  /** Allowed accesses in all; null: no limit. */
  readonly maxAccesses: number | null;
  /** Allowed accesses per UTC day; null: no limit. */
  readonly maxPerDay: number | null;
  /** Epoch milliseconds, inclusive. */
  readonly validFrom: number;
  /** Epoch milliseconds, exclusive. */
  readonly validUntil: number;
  /** Epoch milliseconds from which nothing is allowed; null: not revoked. */
  readonly revokedAt: number | null;
}

/** One access to decide: who, when, to what and how. */
export interface AccessAttempt {
  readonly actor: string;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly category: string;
  readonly purpose: string;
  readonly operation: string;
  /** Set when the access is about a known subject, checked against the terms. */
  readonly subject?: string | undefined;
}

/** What the ledger knows around one access, beside the terms. */
export interface AccessCounts {
  /** Allowed accesses before this one. */
  readonly used: number;
  /** Allowed accesses before this one, in the same UTC day. */
  readonly usedToday: number;
  /** Whether the category is on the negative list at the access's time. */
  readonly negativeListed: boolean;
}

const MILLISECONDS_PER_DAY = 86_400_000;

/** The UTC day of epoch milliseconds `at`, as days since 1970-01-01: daily limits count by it. */
export function utcDayOf(at: number): number {
  return Math.floor(at / MILLISECONDS_PER_DAY);
}

/** The first rule of `terms` that `request` breaks, in a fixed order, or null when allowed. */
export function decideAccess(
  terms: AccessTerms,
  request: AccessAttempt,
  counts: AccessCounts,
): DenialReason | null {
  if (request.actor !== terms.grantee) return 'NOT_GRANTEE';
  const denial =
    standingDenial(terms, request.at, counts.used) ??
    scopeDenial(terms, request, counts.negativeListed);
  if (denial !== null) return denial;
  if (terms.maxPerDay !== null && counts.usedToday >= terms.maxPerDay) return 'DAILY_LIMIT_REACHED';
  return null;
}

/** Whether the authorization stands at all at `at`: not revoked, not used up, in its window. */
function standingDenial(terms: AccessTerms, at: number, used: number): DenialReason | null {
  if (terms.revokedAt !== null && at >= terms.revokedAt) return 'REVOKED';
  if (terms.maxAccesses !== null && used >= terms.maxAccesses) return 'EXHAUSTED';
  if (at < terms.validFrom) return 'NOT_YET_VALID';
  if (at >= terms.validUntil) return 'EXPIRED';
  return null;
}

/** Whether the access is within what the authorization covers: subject, data, purpose, use. */
function scopeDenial(
  terms: AccessTerms,
  request: AccessAttempt,
  negativeListed: boolean,
): DenialReason | null {
  if (request.subject !== undefined && request.subject !== terms.subject) return 'SUBJECT_MISMATCH';
  if (!terms.categories.includes(request.category)) return 'CATEGORY_NOT_AUTHORIZED';
  if (negativeListed) return 'NEGATIVE_LIST';
  if (request.purpose !== terms.purpose) return 'PURPOSE_MISMATCH';
  if (!terms.operations.includes(request.operation)) return 'OPERATION_NOT_AUTHORIZED';
  return null;
}
