import { X509Certificate, type KeyObject } from 'node:crypto';

/** Why an identity was refused: the stage names what a Fabric MSP would have rejected. */
export class IdentityRejectedError extends Error {
  override readonly name = 'IdentityRejectedError';
}

/** A creator identity that a known organization's CA issued and that is currently valid. */
export interface ValidatedIdentity {
  readonly mspId: string;
  readonly certificatePem: string;
  readonly publicKey: KeyObject;
}

const CACHE_LIMIT = 10_000;

/**
 * The channel's membership as a peer sees it: one trusted root CA per MSP id.
 * Validates serialized creators the way Fabric's X.509 MSP does for a one-level chain.
 */
export class Membership {
  readonly #roots = new Map<string, X509Certificate>();
  readonly #validated = new Map<
    string,
    { identity: ValidatedIdentity; notBefore: Date; notAfter: Date }
  >();

  constructor(roots: ReadonlyMap<string, string>) {
    for (const [mspId, pem] of roots) this.addOrganization(mspId, pem);
  }

  addOrganization(mspId: string, caCertificatePem: string): void {
    const ca = new X509Certificate(caCertificatePem);
    if (!ca.ca) throw new IdentityRejectedError(`root certificate of ${mspId} is not a CA`);
    this.#roots.set(mspId, ca);
  }

  hasOrganization(mspId: string): boolean {
    return this.#roots.has(mspId);
  }

  organizations(): string[] {
    return [...this.#roots.keys()].sort();
  }

  validate(mspId: string, certificatePem: string, at: Date = new Date()): ValidatedIdentity {
    const key = `${mspId}\u0000${certificatePem}`;
    const cached = this.#validated.get(key);
    if (cached && cached.notBefore <= at && at <= cached.notAfter) return cached.identity;

    const certificate = this.#clientCertificate(mspId, certificatePem);
    assertP256Key(certificate);
    const { notBefore, notAfter } = validityAt(certificate, at);
    const identity: ValidatedIdentity = { mspId, certificatePem, publicKey: certificate.publicKey };
    if (this.#validated.size >= CACHE_LIMIT) this.#validated.clear();
    this.#validated.set(key, { identity, notBefore, notAfter });
    return identity;
  }

  /** The certificate, if it is a client (not CA) certificate that the CA of `mspId` issued. */
  #clientCertificate(mspId: string, certificatePem: string): X509Certificate {
    const root = this.#roots.get(mspId);
    if (!root) throw new IdentityRejectedError(`MSP ${mspId} is not a member of this channel`);
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(certificatePem);
    } catch {
      throw new IdentityRejectedError('creator certificate cannot be parsed');
    }
    if (certificate.ca)
      throw new IdentityRejectedError('a CA certificate cannot act as a client identity');
    if (!certificate.checkIssued(root) || !certificate.verify(root.publicKey)) {
      throw new IdentityRejectedError(`certificate was not issued by the CA of ${mspId}`);
    }
    return certificate;
  }
}

function assertP256Key(certificate: X509Certificate): void {
  const { asymmetricKeyType } = certificate.publicKey;
  const curve = certificate.publicKey.asymmetricKeyDetails?.namedCurve;
  if (asymmetricKeyType !== 'ec' || curve !== 'prime256v1') {
    throw new IdentityRejectedError('only ECDSA P-256 identities are accepted');
  }
}

/** The certificate's validity period, if `at` lies within it. */
function validityAt(certificate: X509Certificate, at: Date): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  if (at < notBefore || at > notAfter) {
    throw new IdentityRejectedError('certificate is expired or not yet valid');
  }
  return { notBefore, notAfter };
}
