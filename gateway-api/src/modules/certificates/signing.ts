import type { CertificateServices } from './certificate-services';
import type { Signing } from './credentials';
import { currentSecond } from './validity-window';

/** How the organization signs for this type now. */
export async function signingFor(
  services: Pick<CertificateServices, 'issuerKeys' | 'hubBaseUrl'>,
  org: string,
  certificateType: string,
): Promise<Signing> {
  return {
    key: await services.issuerKeys.forOrg(org),
    issuerOrg: org,
    certificateType,
    hubBaseUrl: services.hubBaseUrl,
    created: currentSecond(),
  };
}
