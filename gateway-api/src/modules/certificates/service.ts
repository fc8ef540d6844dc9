import type { BatchDocuments } from './batch-documents';
import type { ClaimsValidator } from '../registry/claims-validator';
import type { HolderSalts } from './holder-salts';
import type { IssuerKeys } from './issuer-keys';

/** What the certificate routes share: claims checks, signing keys, holder salts, batches. */
export interface CertificateServices {
  readonly claims: ClaimsValidator;
  readonly issuerKeys: IssuerKeys;
  readonly holderSalts: HolderSalts;
  readonly batchDocuments: BatchDocuments;
}
