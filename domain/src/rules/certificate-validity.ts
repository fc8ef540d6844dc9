import type { CertificateStatus, RecordedCertificateStatus } from '../vocabulary/certificates';

/** When a certificate is valid: from `validFrom` (inclusive) until `validUntil` (exclusive). */
export interface ValidityWindow {
  readonly validFrom: string;
  readonly validUntil: string | null;
}

/** Why a window cannot be recorded; null when it can. Instants are normalized (comparable). */
export function validityWindowProblem(window: ValidityWindow): string | null {
  if (window.validUntil !== null && window.validUntil <= window.validFrom)
    return 'validUntil must be after validFrom';
  return null;
}

/** Longest validity a certificate type may set: a century. */
export const MAX_VALIDITY_DAYS = 36_500;

const DAY_MS = 86_400_000;

/**
 * Why a window is too long for a type whose certificates may be valid `maxValidityDays` at
 * most (null: no limit); null when it is not. Such a type's certificates must end.
 */
export function validityPeriodProblem(
  window: ValidityWindow,
  maxValidityDays: number | null | undefined,
): string | null {
  if (maxValidityDays === null || maxValidityDays === undefined) return null;
  if (window.validUntil === null)
    return `validUntil is required: certificates of this type are valid ${maxValidityDays} days at most`;
  if (Date.parse(window.validUntil) - Date.parse(window.validFrom) > maxValidityDays * DAY_MS)
    return `validUntil: certificates of this type are valid ${maxValidityDays} days at most`;
  return null;
}

/** The status a certificate with this record has at `at` (normalized, comparable as text). */
export function certificateStatusAt(
  record: ValidityWindow & { readonly status: RecordedCertificateStatus },
  at: string,
): CertificateStatus {
  if (record.status === 'REVOKED' || record.status === 'SUPERSEDED') return record.status;
  if (record.validUntil !== null && at >= record.validUntil) return 'EXPIRED';
  if (at < record.validFrom) return 'NOT_YET_VALID';
  return record.status;
}
