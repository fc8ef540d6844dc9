import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { p256 } from '@noble/curves/nist';
import { sha256 } from '@noble/hashes/sha2';
import { base58 } from '@scure/base';
import { canonicalJson } from '@citytrust/domain';
import { didKeyFromP256PublicKey, didKeyVerificationMethod } from './did-key';
import {
  createEcdsaJcs2019Proof,
  verifyEcdsaJcs2019Proof,
  type ProofOptions,
} from './ecdsa-jcs-2019';

/**
 * The W3C vc-di-ecdsa test vector "ecdsa-jcs-2019 with curve P-256": its key pair, credential,
 * proof options and the proofValue the specification publishes (deterministic ECDSA).
 */
const SPEC_SECRET_MULTIKEY = 'z42twTcNeSYcnqg1FLuSFs2bsGH3ZqbRHFmvS9XMsYhjxvHN';
const SPEC_PUBLIC_MULTIKEY = 'zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP';
const SPEC_PROOF_VALUE =
  'z5ptCet75SaEgzG4v4zJhbJtfNi74Wv7Fq15hhKouJQQjEPQvPZKaYxcMXAMLPQS2FXrkCWokNJkFVkwxNzZfD5oT';
const SPEC_CREDENTIAL = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://www.w3.org/ns/credentials/examples/v2',
  ],
  id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
  type: ['VerifiableCredential', 'AlumniCredential'],
  name: 'Alumni Credential',
  description: 'A minimum viable example of an Alumni Credential.',
  issuer: 'https://vc.example/issuers/5678',
  validFrom: '2023-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
};
const SPEC_DID = `did:key:${SPEC_PUBLIC_MULTIKEY}`;
const SPEC_OPTIONS: ProofOptions = {
  type: 'DataIntegrityProof',
  cryptosuite: 'ecdsa-jcs-2019',
  created: '2023-02-24T23:36:38Z',
  verificationMethod: `${SPEC_DID}#${SPEC_PUBLIC_MULTIKEY}`,
  proofPurpose: 'assertionMethod',
};

function specSecretKey(): Uint8Array {
  const bytes = base58.decode(SPEC_SECRET_MULTIKEY.slice(1));
  expect([bytes[0], bytes[1]]).toEqual([0x86, 0x26]); // multicodec p256-priv
  return bytes.slice(2);
}

describe('ecdsa-jcs-2019', () => {
  it("reproduces the specification's P-256 test vector byte for byte", () => {
    const secretKey = specSecretKey();
    expect(didKeyFromP256PublicKey(p256.getPublicKey(secretKey, true))).toBe(SPEC_DID);
    expect(didKeyVerificationMethod(SPEC_DID)).toBe(SPEC_OPTIONS.verificationMethod);
    const proof = createEcdsaJcs2019Proof(SPEC_CREDENTIAL, SPEC_OPTIONS, secretKey);
    expect(proof.proofValue).toBe(SPEC_PROOF_VALUE);
    expect(verifyEcdsaJcs2019Proof({ ...SPEC_CREDENTIAL, proof }, proof)).toBe(true);
  });

  it('is a plain ES256 signature over hashData, as node:crypto checks it', () => {
    const proof = createEcdsaJcs2019Proof(SPEC_CREDENTIAL, SPEC_OPTIONS, specSecretKey());
    const proofConfig = { ...SPEC_OPTIONS, '@context': SPEC_CREDENTIAL['@context'] };
    const hashData = Buffer.concat([
      sha256(canonicalJson(proofConfig)),
      sha256(canonicalJson(SPEC_CREDENTIAL)),
    ]);
    const point = p256.Point.fromBytes(p256.getPublicKey(specSecretKey(), false));
    const key = createPublicKey({
      format: 'jwk',
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: Buffer.from(point.x.toString(16).padStart(64, '0'), 'hex').toString('base64url'),
        y: Buffer.from(point.y.toString(16).padStart(64, '0'), 'hex').toString('base64url'),
      },
    });
    const signature = base58.decode(proof.proofValue.slice(1));
    expect(nodeVerify('sha256', hashData, { key, dsaEncoding: 'ieee-p1363' }, signature)).toBe(
      true,
    );
    const s = BigInt(`0x${Buffer.from(signature.slice(32)).toString('hex')}`);
    expect(s <= p256.Point.Fn.ORDER / 2n).toBe(true);
  });

  it('refuses to sign with a key that is not the verification method', () => {
    const otherKey = p256.utils.randomSecretKey();
    expect(() => createEcdsaJcs2019Proof(SPEC_CREDENTIAL, SPEC_OPTIONS, otherKey)).toThrow();
  });

  it('fails on a changed document, changed options or a mangled proofValue', () => {
    const proof = createEcdsaJcs2019Proof(SPEC_CREDENTIAL, SPEC_OPTIONS, specSecretKey());
    expect(verifyEcdsaJcs2019Proof({ ...SPEC_CREDENTIAL, name: 'Other' }, proof)).toBe(false);
    expect(
      verifyEcdsaJcs2019Proof(SPEC_CREDENTIAL, { ...proof, created: '2024-01-01T00:00:00Z' }),
    ).toBe(false);
    expect(verifyEcdsaJcs2019Proof(SPEC_CREDENTIAL, { ...proof, proofValue: 'zabc' })).toBe(false);
    expect(
      verifyEcdsaJcs2019Proof(SPEC_CREDENTIAL, { ...proof, verificationMethod: 'did:key:zx#zx' }),
    ).toBe(false);
  });
});
