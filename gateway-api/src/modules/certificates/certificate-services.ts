import type { HubLedger } from '../../ledgers/hub-ledger';
import type { ClaimsValidator } from '../registry/claims-validator';
import type { TypeWithSchema } from '../registry/certificate-types';
import type { BatchDocuments } from './batch-documents';
import type { HolderSalts } from './holder-salts';
import type { IssuerKeys } from './issuer-keys';

/**
 * What issuing, renewing and changing certificates work with: the ledger, the registry's
 * certificate types, claims checks, signing keys, holder salts, batches.
 */
export interface CertificateServices {
  readonly ledger: HubLedger;
  /** The type from the registry (404 when it does not exist) with its claims schema. */
  readonly certificateType: (org: string, typeId: string) => Promise<TypeWithSchema>;
  /** The hub's public URL: credentials' status entries point under it. */
  readonly hubBaseUrl: string;
  readonly claims: ClaimsValidator;
  readonly issuerKeys: IssuerKeys;
  readonly holderSalts: HolderSalts;
  readonly batchDocuments: BatchDocuments;
}
