import {
  buildCredential,
  generateIssuerKey,
  signCredential,
  verifyEcdsaJcs2019Proof,
} from '@citytrust/sdk';
import { BatchCredentialFactory } from './batch-credentials';
import type { Signing } from './credentials';

const signing: Signing = {
  key: generateIssuerKey(),
  issuerOrg: 'market-regulation',
  certificateType: 'business-license',
  hubBaseUrl: 'https://hub.city.test',
  created: '2026-03-01T08:00:00Z',
};
const window = { validFrom: '2026-03-01T00:00:00.000Z', validUntil: '2031-03-01T00:00:00.000Z' };
const claims = { companyName: 'Acme', creditCode: '91330100MA2ACME01X', businessScope: 'trade' };

describe('BatchCredentialFactory', () => {
  const factory = new BatchCredentialFactory(signing, window);

  it.each([
    ['with a holder name', { id: 'holder-1', name: 'Li Lei' }],
    ['without one', { id: 'holder-2' }],
  ])('builds what the sdk builds, %s', (_, holder) => {
    const made = factory.credential('batch-1~7', holder, claims);
    const bySdk = buildCredential({
      certificateId: 'batch-1~7',
      certificateType: signing.certificateType,
      issuerDid: signing.key.did,
      issuerName: signing.issuerOrg,
      holder,
      holderSalt: made.holderSalt,
      claims,
      validFrom: window.validFrom,
      validUntil: window.validUntil,
      hubBaseUrl: signing.hubBaseUrl,
    });
    expect(made.unsigned).toEqual(bySdk);
    expect(made.holderRef).toBe(bySdk.credentialSubject.holderRef);
  });

  it('signs so that the sdk verifies, with the proof options the sdk would write', () => {
    for (let index = 0; index < 50; index++) {
      const made = factory.credential(`batch-1~${index}`, { id: `holder-${index}` }, claims);
      expect(verifyEcdsaJcs2019Proof(made.unsigned, made.signature)).toBe(true);
      const { proofValue, ...options } = made.signature;
      const { proofValue: sdkValue, ...sdkOptions } = signCredential(
        made.unsigned,
        signing.key.privateKey,
        signing.created,
      );
      expect(options).toEqual(sdkOptions);
      expect(proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/);
      expect(sdkValue).toMatch(/^z/);
    }
  });

  it('makes a signature that no longer verifies once a claim changes', () => {
    const made = factory.credential('batch-1~0', { id: 'holder-0' }, claims);
    const tampered = {
      ...made.unsigned,
      credentialSubject: {
        ...made.unsigned.credentialSubject,
        claims: { ...claims, companyName: 'X' },
      },
    };
    expect(verifyEcdsaJcs2019Proof(tampered, made.signature)).toBe(false);
  });
});
