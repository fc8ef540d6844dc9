import { base58 } from '@scure/base';
import {
  attachProofs,
  buildCredential,
  documentHashOf,
  generateIssuerKey,
  signCredential,
  verifyCredentialOffline,
  type CertificateCredential,
} from '@citytrust/sdk';
import { nativeVerifyP256 } from './native-p256';

const ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

function credential(): CertificateCredential {
  const key = generateIssuerKey();
  const unsigned = buildCredential({
    certificateId: 'cert-1',
    certificateType: 'business-license',
    issuerDid: key.did,
    issuerName: 'market-regulation',
    holder: { id: 'holder-1' },
    holderSalt: 'ab'.repeat(16),
    claims: { companyName: 'Acme' },
    validFrom: '2026-01-01T00:00:00Z',
    hubBaseUrl: 'http://hub.test',
  });
  const proof = signCredential(unsigned, key.privateKey, '2026-01-01T00:00:00Z');
  return attachProofs(unsigned, proof, {
    type: 'CityTrustLedgerAnchor',
    ledger: 'embedded:citytrust',
    txId: 'tx',
    blockNumber: 1,
    documentHash: documentHashOf(unsigned),
    certificateId: 'cert-1',
  });
}

const both = (subject: unknown) => [
  verifyCredentialOffline(subject).signature,
  verifyCredentialOffline(subject, { verifyP256: nativeVerifyP256 }).signature,
];

describe('nativeVerifyP256', () => {
  it('accepts what the sdk accepts', () => {
    expect(both(credential())).toEqual([true, true]);
  });

  it('refuses a changed document, as the sdk does', () => {
    const tampered = structuredClone(credential());
    (tampered.credentialSubject.claims as Record<string, unknown>).companyName = 'Other';
    expect(both(tampered)).toEqual([false, false]);
  });

  it('refuses the high-S twin of a valid signature, as the sdk does', () => {
    const original = credential();
    const proof = original.proof[0];
    const signature = base58.decode(proof.proofValue.slice(1));
    const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`);
    const highS = Buffer.from((ORDER - s).toString(16).padStart(64, '0'), 'hex');
    const twin = {
      ...original,
      proof: [
        {
          ...proof,
          proofValue: `z${base58.encode(Buffer.concat([signature.subarray(0, 32), highS]))}`,
        },
        original.proof[1],
      ],
    };
    expect(both(twin)).toEqual([false, false]);
  });

  it('refuses keys and signatures of the wrong size instead of throwing', () => {
    expect(nativeVerifyP256(new Uint8Array(32), new Uint8Array(1), new Uint8Array(64))).toBe(false);
    expect(nativeVerifyP256(new Uint8Array(33), new Uint8Array(1), new Uint8Array(63))).toBe(false);
    expect(
      nativeVerifyP256(new Uint8Array(33).fill(2), new Uint8Array(1), new Uint8Array(64)),
    ).toBe(false);
  });
});
