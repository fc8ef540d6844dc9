import type { RoutesPlugin } from '../../shared/type-provider';
import { HolderSalts } from './holder-salts';
import { IssuerKeys } from './issuer-keys';
import type { CertificateServices } from './certificate-services';
import { singleCertificateRoutes } from './certificate-routes';
import { certificateBatchRoutes } from './batch-routes';
import { verifyCertificateRoutes } from './verify-routes';
import { issuerRoutes } from './issuer-routes';

/**
 * E-certificates: issue alone or in batches, change, renew, read, verify; and the issuers'
 * trust list. The routes share these services (closed with the app).
 */
export const certificatesModule: RoutesPlugin = async (app) => {
  const holderSalts = await HolderSalts.open(app.config.dataDir);
  app.addHook('onClose', async () => holderSalts.close());
  const services: CertificateServices = {
    ledger: app.ledger,
    certificateType: (org, typeId) => app.certificateTypes.withSchema(org, typeId),
    hubBaseUrl: app.config.publicUrl,
    claims: app.claims,
    issuerKeys: new IssuerKeys(app.keychain),
    holderSalts,
    batchDocuments: app.batchDocuments,
  };
  await app.register(singleCertificateRoutes, { services });
  await app.register(certificateBatchRoutes, { services });
  await app.register(verifyCertificateRoutes, { issuerKeys: services.issuerKeys });
  await app.register(issuerRoutes, { issuerKeys: services.issuerKeys });
};
