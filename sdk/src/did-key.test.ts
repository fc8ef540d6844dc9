import { generateKeyPairSync } from 'node:crypto';
import { p256 } from '@noble/curves/nist';
import {
  didKeyFromP256PublicKey,
  didKeyVerificationMethod,
  p256PublicKeyFromDidKey,
} from './did-key';

/** The P-256 example of the did:key method specification. */
const SPEC_EXAMPLE = 'did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169';

describe('P-256 did:key', () => {
  it("decodes the specification's example to a valid point and re-encodes it identically", () => {
    const publicKey = p256PublicKeyFromDidKey(SPEC_EXAMPLE);
    expect(publicKey).toHaveLength(33);
    expect(() => {
      p256.Point.fromBytes(publicKey).assertValidity();
    }).not.toThrow();
    expect(didKeyFromP256PublicKey(publicKey)).toBe(SPEC_EXAMPLE);
  });

  it('encodes a node:crypto key, compressed or not, to the same DID that decodes back to it', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const uncompressed = new Uint8Array(
      publicKey.export({ format: 'der', type: 'spki' }).subarray(-65),
    );
    const compressed = p256.Point.fromBytes(uncompressed).toBytes(true);
    const did = didKeyFromP256PublicKey(uncompressed);
    expect(did.startsWith('did:key:zDn')).toBe(true);
    expect(didKeyFromP256PublicKey(compressed)).toBe(did);
    const decoded = p256PublicKeyFromDidKey(did);
    expect(decoded).toEqual(compressed);
    const jwk = publicKey.export({ format: 'jwk' });
    const point = p256.Point.fromBytes(decoded);
    expect(Buffer.from(point.x.toString(16).padStart(64, '0'), 'hex').toString('base64url')).toBe(
      jwk.x,
    );
  });

  it('gives the verification method <did>#<multibase> and accepts it back', () => {
    const method = didKeyVerificationMethod(SPEC_EXAMPLE);
    expect(method).toBe(`${SPEC_EXAMPLE}#${SPEC_EXAMPLE.slice('did:key:'.length)}`);
    expect(p256PublicKeyFromDidKey(method)).toEqual(p256PublicKeyFromDidKey(SPEC_EXAMPLE));
  });

  it('refuses what is not a P-256 did:key', () => {
    const ed25519 = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    for (const bad of [
      ed25519,
      'did:web:example.com',
      'did:key:Q' + SPEC_EXAMPLE.slice(9),
      SPEC_EXAMPLE.slice(0, -2),
      `${SPEC_EXAMPLE}#z6Mkother`,
      'did:key:z0OIl',
    ])
      expect(() => p256PublicKeyFromDidKey(bad)).toThrow();
    expect(() => didKeyFromP256PublicKey(new Uint8Array(33))).toThrow();
  });
});
