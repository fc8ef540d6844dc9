/** What is written of a certificate: `SUPERSEDED` and `REVOKED` are final. */
export const RECORDED_CERTIFICATE_STATUSES = [
  'ACTIVE',
  'SUSPENDED',
  'REVOKED',
  'SUPERSEDED',
] as const;
export type RecordedCertificateStatus = (typeof RECORDED_CERTIFICATE_STATUSES)[number];

/**
 * What a reader is told: time adds `EXPIRED` and `NOT_YET_VALID`, an unknown id `NOT_ISSUED`.
 * In `CertificateRegistry.Status` order.
 */
export const CERTIFICATE_STATUSES = [
  'NOT_ISSUED',
  ...RECORDED_CERTIFICATE_STATUSES,
  'EXPIRED',
  'NOT_YET_VALID',
] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** Most certificates one batch anchors. */
export const MAX_BATCH = 100_000;

/** Longest Merkle proof a batch member carries (a tree of 2^64 leaves). */
export const MAX_PROOF = 64;
