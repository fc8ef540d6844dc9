import type { RoutesPlugin } from '../schemas/type-provider';
import { ClaimsValidator } from '../certificates/claims-validator';
import { HolderSalts } from '../certificates/holder-salts';
import { IssuerKeys } from '../certificates/issuer-keys';
import type { CertificateServices } from '../certificates/certificate-services';
import { certificateTypeRoutes } from './certificate-types';
import { certificateRoutes as singleCertificateRoutes } from './certificates';
import { certificateBatchRoutes } from './certificate-batches';
import { verifyCertificateRoutes } from './verify-certificate';
import { issuerRoutes } from './issuers';

/** Every certificate route, with the services they share (closed with the app). */
export const certificateRoutes: RoutesPlugin = async (app) => {
  const holderSalts = await HolderSalts.open(app.config.dataDir);
  app.addHook('onClose', async () => holderSalts.close());
  const services: CertificateServices = {
    claims: new ClaimsValidator(),
    issuerKeys: new IssuerKeys(app.keychain),
    holderSalts,
    batchDocuments: app.batchDocuments,
  };
  await app.register(certificateTypeRoutes, { claims: services.claims });
  await app.register(singleCertificateRoutes, { services });
  await app.register(certificateBatchRoutes, { services });
  await app.register(verifyCertificateRoutes, { issuerKeys: services.issuerKeys });
  await app.register(issuerRoutes, { issuerKeys: services.issuerKeys });
};
