import { createHash } from 'node:crypto';
import { canonicalJson } from '@citytrust/domain';
import {
  attachProofs,
  buildCredential,
  credentialTypeName,
  documentHashOf,
  generateIssuerKey,
  newHolderRef,
  newHolderSalt,
  signCredential,
  type CertificateCredential,
  type CredentialFields,
  type LedgerAnchorProof,
} from './credential';
import { verifyCredentialOffline } from './credential-verify';
import { batchLeaf, buildMerkleTree, memberId } from '@citytrust/domain';

const issuer = generateIssuerKey();

function fields(overrides: Partial<CredentialFields> = {}): CredentialFields {
  return {
    certificateId: 'bl-2025-0001',
    certificateType: 'business-license',
    issuerDid: issuer.did,
    issuerName: 'market-regulation',
    holder: { id: '91330100MA2ACME01X', name: 'Acme Trading Co.' },
    holderSalt: '00112233445566778899aabbccddeeff',
    claims: { businessScope: 'import and export', registeredCapital: 1000000 },
    validFrom: '2025-01-01T00:00:00Z',
    validUntil: '2030-01-01T00:00:00+08:00',
    hubBaseUrl: 'https://hub.example.gov/',
    ...overrides,
  };
}

function issue(overrides: Partial<CredentialFields> = {}): CertificateCredential {
  const unsigned = buildCredential(fields(overrides));
  const signature = signCredential(unsigned, issuer.privateKey, '2025-01-01T08:00:00Z');
  const anchor: LedgerAnchorProof = {
    type: 'CityTrustLedgerAnchor',
    ledger: 'embedded:citytrust',
    txId: 'a'.repeat(64),
    blockNumber: 12,
    documentHash: documentHashOf(unsigned),
    certificateId: fields(overrides).certificateId,
  };
  return attachProofs(unsigned, signature, anchor);
}

/** A credential as JSON, its proofs and subject open to tampering. */
type TamperableCredential = Record<string, unknown> & {
  proof: Record<string, unknown>[];
  credentialSubject: Record<string, unknown>;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy to tamper with, as an attacker holding the JSON would. */
function copy(credential: CertificateCredential): TamperableCredential {
  const json: unknown = JSON.parse(JSON.stringify(credential));
  if (!isRecord(json) || !isRecord(json.credentialSubject))
    throw new Error('the credential as JSON has no subject object');
  const proof: unknown[] = Array.isArray(json.proof) ? json.proof : [];
  if (!proof.every(isRecord))
    throw new Error('the credential as JSON has a proof that is not an object');
  return { ...json, proof, credentialSubject: json.credentialSubject };
}

describe('certificate credentials', () => {
  it('builds the W3C VC 2.0 shape with a salted holder reference', () => {
    const unsigned = buildCredential(fields());
    expect(unsigned).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:citytrust:certificate:bl-2025-0001',
      type: ['VerifiableCredential', 'BusinessLicense'],
      issuer: { id: issuer.did, name: 'market-regulation' },
      validFrom: '2025-01-01T00:00:00.000Z',
      validUntil: '2029-12-31T16:00:00.000Z',
      credentialSubject: {
        holder: { id: '91330100MA2ACME01X', name: 'Acme Trading Co.' },
        holderRef: newHolderRef('91330100MA2ACME01X', '00112233445566778899aabbccddeeff'),
        holderSalt: '00112233445566778899aabbccddeeff',
        claims: { businessScope: 'import and export', registeredCapital: 1000000 },
      },
      credentialStatus: {
        id: 'https://hub.example.gov/v1/certificates/bl-2025-0001',
        type: 'CityTrustLedgerStatus',
      },
      certificateType: 'business-license',
    });
    expect(unsigned.credentialSubject.holderRef).toBe(
      createHash('sha256')
        .update('{"holderId":"91330100MA2ACME01X","salt":"00112233445566778899aabbccddeeff"}')
        .digest('hex'),
    );
    expect(credentialTypeName('road-transport-permit')).toBe('RoadTransportPermit');
    expect(newHolderSalt()).toMatch(/^[0-9a-f]{32}$/);
    expect(newHolderSalt()).not.toBe(newHolderSalt());
  });

  it('omits validUntil when open-ended and the holder name when not given', () => {
    const unsigned = buildCredential(fields({ validUntil: null, holder: { id: 'p-1' } }));
    expect('validUntil' in unsigned).toBe(false);
    expect(unsigned.credentialSubject.holder).toEqual({ id: 'p-1' });
    expect(verifyCredentialOffline(issue({ validUntil: undefined })).integrity).toBe(true);
  });

  it('refuses fields no valid credential could carry', () => {
    expect(() => buildCredential(fields({ holderSalt: 'short' }))).toThrow();
    expect(() => buildCredential(fields({ issuerDid: 'did:web:example' }))).toThrow();
    expect(() => buildCredential(fields({ validFrom: '2025-02-31T00:00:00Z' }))).toThrow();
    expect(() => buildCredential(fields({ validUntil: '2024-01-01T00:00:00Z' }))).toThrow();
    const unsigned = buildCredential(fields());
    expect(() =>
      signCredential(unsigned, generateIssuerKey().privateKey, '2025-01-01T00:00:00Z'),
    ).toThrow();
  });

  it('hashes the document without its proofs, so the anchor can be added afterwards', () => {
    const credential = issue();
    const { proof: _proof, ...unsecured } = credential;
    const expected = createHash('sha256').update(canonicalJson(unsecured)).digest('hex');
    expect(documentHashOf(credential)).toBe(expected);
    expect(credential.proof[1].documentHash).toBe(expected);
  });

  it('verifies a freshly issued credential, also after a JSON round trip', () => {
    const verification = verifyCredentialOffline(JSON.parse(JSON.stringify(issue())));
    expect(verification).toMatchObject({
      integrity: true,
      signature: true,
      anchorConsistent: true,
      holderRefConsistent: true,
      certificateId: 'bl-2025-0001',
      errors: [],
    });
  });

  it('verifies a batch member whose Merkle proof reaches the root, and not with a wrong proof', () => {
    const batchId = 'batch-42';
    const members = [0, 1, 2].map((index) => {
      const unsigned = buildCredential(
        fields({ certificateId: memberId(batchId, index), holder: { id: `holder-${index}` } }),
      );
      return { unsigned, documentHash: documentHashOf(unsigned) };
    });
    const tree = buildMerkleTree(
      members.map((member, index) => batchLeaf(memberId(batchId, index), member.documentHash)),
    );
    const credentialOf = (index: number, proof: string[]): CertificateCredential => {
      const member = members[index] as (typeof members)[number];
      return attachProofs(
        member.unsigned,
        signCredential(member.unsigned, issuer.privateKey, '2025-01-01T08:00:00Z'),
        {
          type: 'CityTrustLedgerAnchor',
          ledger: 'evm:31337',
          txId: '0x' + 'b'.repeat(64),
          blockNumber: 3,
          documentHash: member.documentHash,
          certificateId: memberId(batchId, index),
          batch: { batchId, memberId: memberId(batchId, index), merkleRoot: tree.root, proof },
        },
      );
    };
    expect(verifyCredentialOffline(credentialOf(2, tree.proof(2)))).toMatchObject({
      integrity: true,
      signature: true,
      anchorConsistent: true,
    });
    const wrong = verifyCredentialOffline(credentialOf(2, tree.proof(1)));
    expect(wrong).toMatchObject({ integrity: true, signature: true, anchorConsistent: false });
    expect(wrong.errors.join()).toContain('Merkle proof');
  });

  it('a tampered claim breaks the signature and the anchored hash', () => {
    const tampered = copy(issue());
    (tampered.credentialSubject.claims as Record<string, unknown>).registeredCapital = 9000000;
    expect(verifyCredentialOffline(tampered)).toMatchObject({
      integrity: true,
      signature: false,
      anchorConsistent: false,
      holderRefConsistent: true,
    });
  });

  it('a tampered validUntil breaks the signature and the anchored hash', () => {
    const tampered = copy(issue());
    tampered.validUntil = '2099-01-01T00:00:00.000Z';
    expect(verifyCredentialOffline(tampered)).toMatchObject({
      integrity: true,
      signature: false,
      anchorConsistent: false,
    });
  });

  it("another key under the issuer's name fails the signature; re-signing fails the anchor", () => {
    const original = issue();
    const impostor = generateIssuerKey();
    const swapped = copy(original);
    swapped.issuer = { id: impostor.did, name: 'market-regulation' };
    (swapped.proof[0] as Record<string, unknown>).verificationMethod =
      `${impostor.did}#${impostor.did.slice('did:key:'.length)}`;
    expect(verifyCredentialOffline(swapped)).toMatchObject({
      integrity: true,
      signature: false,
      anchorConsistent: false,
    });

    const keyOnly = copy(original);
    (keyOnly.proof[0] as Record<string, unknown>).verificationMethod =
      `${impostor.did}#${impostor.did.slice('did:key:'.length)}`;
    const keyOnlyResult = verifyCredentialOffline(keyOnly);
    expect(keyOnlyResult.signature).toBe(false);
    expect(keyOnlyResult.errors.join()).toContain("not the issuer's key");

    const resigned = buildCredential(fields({ issuerDid: impostor.did }));
    const forged = attachProofs(
      resigned,
      signCredential(resigned, impostor.privateKey, '2025-01-01T08:00:00Z'),
      original.proof[1],
    );
    expect(verifyCredentialOffline(forged)).toMatchObject({
      integrity: true,
      signature: true,
      anchorConsistent: false,
    });
  });

  it('a wrong documentHash or certificate in the anchor fails only the anchor check', () => {
    const credential = copy(issue());
    (credential.proof[1] as Record<string, unknown>).documentHash = 'c'.repeat(64);
    expect(verifyCredentialOffline(credential)).toMatchObject({
      integrity: true,
      signature: true,
      anchorConsistent: false,
      holderRefConsistent: true,
    });
    const otherCertificate = copy(issue());
    (otherCertificate.proof[1] as Record<string, unknown>).certificateId = 'bl-2025-0002';
    expect(verifyCredentialOffline(otherCertificate).anchorConsistent).toBe(false);
  });

  it('a holderRef that does not open to the holder fails the holder check', () => {
    const credential = copy(issue());
    credential.credentialSubject.holder = { id: 'someone-else' };
    const result = verifyCredentialOffline(credential);
    expect(result.holderRefConsistent).toBe(false);
    expect(result.signature).toBe(false);
  });

  it('answers garbage with failed checks and reasons, never an exception', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const missingAnchor = copy(issue());
    missingAnchor.proof = [missingAnchor.proof[0] as Record<string, unknown>];
    const badBlock = copy(issue());
    (badBlock.proof[1] as Record<string, unknown>).blockNumber = -1;
    for (const garbage of [
      null,
      undefined,
      42,
      'credential',
      [],
      {},
      { proof: 'x' },
      { '@context': 5, proof: [null, 7] },
      { ...copy(issue()), validFrom: 'yesterday' },
      { ...copy(issue()), big: 10n },
      cyclic,
      missingAnchor,
    ]) {
      let result: ReturnType<typeof verifyCredentialOffline> | undefined;
      expect(() => {
        result = verifyCredentialOffline(garbage);
      }).not.toThrow();
      expect(result?.integrity).toBe(false);
      expect(result?.errors.length).toBeGreaterThan(0);
    }
    expect(verifyCredentialOffline(null)).toMatchObject({
      signature: false,
      anchorConsistent: false,
      holderRefConsistent: false,
    });
    expect(verifyCredentialOffline(badBlock)).toMatchObject({
      integrity: true,
      signature: true,
      anchorConsistent: false,
      errors: ['anchor: no well-formed ledger anchor proof'],
    });
    expect(verifyCredentialOffline(missingAnchor)).toMatchObject({
      signature: true,
      anchorConsistent: false,
    });
  });
});
