import { z } from 'zod';
import { CERTIFICATE_STATUSES, RECORDED_CERTIFICATE_STATUSES } from '../vocabulary/certificates';
import { hashField, instantField, nullableInstant, record } from './fields';

const certificateFields = {
  id: z.string(),
  type: z.string(),
  issuer: z.string(),
  /** Salted SHA-256 of the holder's identifier; null for a batch member (it is in the leaf). */
  holderRef: hashField.nullable(),
  /** SHA-256 of the canonical credential; null for a batch member (proved against the root). */
  documentHash: hashField.nullable(),
  batchId: z.string().nullable(),
  merkleRoot: hashField.nullable(),
  validFrom: instantField,
  validUntil: nullableInstant,
  /** Why it was last suspended, reinstated or revoked. */
  reason: z.string().nullable(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
  issuedAt: instantField,
  updatedAt: instantField,
};

/**
 * An e-certificate's ledger record. The document stays with its holder; the ledger keeps its
 * hash and a salted holder reference, never the holder's identity.
 */
export const Certificate = record({
  ...certificateFields,
  status: z.enum(RECORDED_CERTIFICATE_STATUSES),
});
export type Certificate = z.infer<typeof Certificate>;

/** A certificate as a reader is told it: its status at `at`. */
export const CertificateView = record({
  ...certificateFields,
  status: z.enum(CERTIFICATE_STATUSES),
  at: instantField,
});
export type CertificateView = z.infer<typeof CertificateView>;

/** A batch anchored by its Merkle root: members are `<batchId>~<index>`, index < count. */
export const CertificateBatch = record({
  id: z.string(),
  type: z.string(),
  issuer: z.string(),
  merkleRoot: hashField,
  count: z.number().int(),
  validFrom: instantField,
  validUntil: nullableInstant,
  anchoredAt: instantField,
});
export type CertificateBatch = z.infer<typeof CertificateBatch>;
