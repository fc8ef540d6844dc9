/** What is written: `SUPERSEDED` and `REVOKED` are final. */
export type RecordedStatus = 'ACTIVE' | 'SUSPENDED' | 'REVOKED' | 'SUPERSEDED';

/** What a reader is told: time adds `EXPIRED`, `NOT_YET_VALID` and `NOT_ISSUED`. */
export type CertificateStatus = RecordedStatus | 'EXPIRED' | 'NOT_YET_VALID' | 'NOT_ISSUED';

export interface ValidityWindow {
  readonly status: RecordedStatus;
  readonly validFrom: string;
  readonly validUntil: string | null;
}

/** The status a certificate with this record has at `at` (RFC 3339 UTC, comparable as text). */
export function statusAt(record: ValidityWindow, at: string): CertificateStatus {
  if (record.status === 'REVOKED' || record.status === 'SUPERSEDED') return record.status;
  if (record.validUntil !== null && at >= record.validUntil) return 'EXPIRED';
  if (at < record.validFrom) return 'NOT_YET_VALID';
  return record.status;
}
