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
