import 'reflect-metadata';
import { createPrivateKey, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

const P256: webcrypto.EcKeyGenParams & webcrypto.EcdsaParams = {
  name: 'ECDSA',
  namedCurve: 'P-256',
  hash: 'SHA-256',
};

/** Fabric CA's OID for identity attributes, read by the shim's ClientIdentity. */
export const FABRIC_ATTRIBUTES_OID = '1.2.3.4.5.6.7.8.1';

const CA_VALIDITY_YEARS = 15;
const IDENTITY_VALIDITY_YEARS = 5;

/** A certificate and its private key, both PEM; the key is PKCS#8. */
export interface CertifiedKeyPem {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

export interface IdentityRequest {
  /** Common name of the identity, unique within its organization. */
  readonly name: string;
  /** Fabric attributes (`hf.`-style key/value pairs) embedded in the certificate. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Fabric node OU: `client` for applications, `admin` for organization administrators. */
  readonly role?: 'client' | 'admin' | 'peer';
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes.writeUInt8(bytes.readUInt8(0) & 0x7f, 0); // keep the DER integer positive
  return bytes.toString('hex');
}

function validity(years: number): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + years);
  return { notBefore, notAfter };
}

async function exportPrivateKey(key: webcrypto.CryptoKey): Promise<string> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
}

async function importPrivateKey(pem: string): Promise<webcrypto.CryptoKey> {
  const [der] = x509.PemConverter.decode(pem);
  if (der === undefined) throw new TypeError('the private key PEM holds no key');
  return webcrypto.subtle.importKey('pkcs8', der, P256, false, ['sign']);
}

/** Creates a self-signed ECDSA P-256 root CA for one organization (MSP). */
export async function createCertificateAuthority(mspId: string): Promise<CertifiedKeyPem> {
  const keys = await webcrypto.subtle.generateKey(P256, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `O=${mspId}, CN=ca.${mspId}`,
    ...validity(CA_VALIDITY_YEARS),
    signingAlgorithm: P256,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    certificatePem: certificate.toString('pem'),
    privateKeyPem: await exportPrivateKey(keys.privateKey),
  };
}

/** Issues an ECDSA P-256 client identity signed by the organization's CA. */
export async function issueIdentity(
  mspId: string,
  ca: CertifiedKeyPem,
  request: IdentityRequest,
): Promise<CertifiedKeyPem> {
  const caCertificate = new x509.X509Certificate(ca.certificatePem);
  const caKey = await importPrivateKey(ca.privateKeyPem);
  const keys = await webcrypto.subtle.generateKey(P256, true, ['sign', 'verify']);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(caCertificate),
  ];
  if (request.attributes && Object.keys(request.attributes).length > 0) {
    const value = Buffer.from(JSON.stringify({ attrs: request.attributes }));
    extensions.push(new x509.Extension(FABRIC_ATTRIBUTES_OID, false, value));
  }
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `O=${mspId}, OU=${request.role ?? 'client'}, CN=${request.name}`,
    issuer: caCertificate.subject,
    ...validity(IDENTITY_VALIDITY_YEARS),
    signingAlgorithm: P256,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions,
  });
  return {
    certificatePem: certificate.toString('pem'),
    privateKeyPem: await exportPrivateKey(keys.privateKey),
  };
}

export function toPrivateKeyObject(privateKeyPem: string): KeyObject {
  return createPrivateKey(privateKeyPem);
}
