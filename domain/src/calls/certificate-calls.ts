import { z } from 'zod';
import { Certificate, CertificateBatch, CertificateView } from '../records/certificates';
import { CERTIFICATE_STATUSES, MAX_BATCH, MAX_PROOF } from '../vocabulary/certificates';
import { evaluate, submit } from './call';
import { certificateId, hex64, id, instant, text, token } from './inputs';

const window = { validFrom: instant.optional(), validUntil: instant.optional() };
const changeRequest = z.object({ id: certificateId, reason: text(500) }).strict();

/** One recorded state of a certificate, with the transaction that wrote it where it is known. */
export const CertificateChange = z.object({
  txId: z.string(),
  timestamp: z.string(),
  record: Certificate.partial().extend({ id: z.string(), status: z.enum(CERTIFICATE_STATUSES) }),
});
export type CertificateChange = z.infer<typeof CertificateChange>;

/** `certificates`: e-certificates, alone or anchored in batches by their Merkle root. */
export const certificateCalls = {
  'certificates:issue': submit(
    z.object({ id, type: token, holderRef: hex64, documentHash: hex64, ...window }).strict(),
    CertificateView,
  ),
  'certificates:anchorBatch': submit(
    z
      .object({
        id,
        type: token,
        merkleRoot: hex64,
        count: z.number().int().min(1).max(MAX_BATCH),
        ...window,
      })
      .strict(),
    CertificateBatch,
  ),
  'certificates:suspend': submit(changeRequest, CertificateView),
  'certificates:reinstate': submit(changeRequest, CertificateView),
  'certificates:revoke': submit(changeRequest, CertificateView),
  'certificates:renew': submit(
    z
      .object({
        id: certificateId,
        newId: id,
        documentHash: hex64,
        holderRef: hex64.optional(),
        ...window,
      })
      .strict(),
    CertificateView,
  ),
  'certificates:get': evaluate(
    z.object({ id: certificateId, at: instant.optional() }).strict(),
    CertificateView,
  ),
  'certificates:history': evaluate(
    z.object({ id: certificateId }).strict(),
    z.array(CertificateChange),
  ),
  'certificates:findByHolder': evaluate(
    z.object({ holderRef: hex64 }).strict(),
    z.array(CertificateView),
  ),
  'certificates:findByDocumentHash': evaluate(
    z.object({ documentHash: hex64 }).strict(),
    CertificateView,
  ),
  'certificates:getBatch': evaluate(z.object({ id }).strict(), CertificateBatch),
  'certificates:verifyBatchMember': evaluate(
    z
      .object({ id: certificateId, documentHash: hex64, proof: z.array(hex64).max(MAX_PROOF) })
      .strict(),
    z.object({ included: z.boolean(), certificate: CertificateView }),
  ),
} as const;
