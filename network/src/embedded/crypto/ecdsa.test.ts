import { generateKeyPairSync, verify } from 'node:crypto';
import { isLowS, malleate, signLowS, toUnsignedBytes, verifyLowS } from './ecdsa';

describe('low-S ECDSA P-256', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  it('every signature is low-S, DER-valid and verifies (2,000 signatures cover the short-S cases)', () => {
    for (let i = 0; i < 2000; i++) {
      const message = Buffer.from(`message ${i}`);
      const signature = signLowS(privateKey, message);
      expect(isLowS(signature)).toBe(true);
      expect(verify('sha256', message, publicKey, signature)).toBe(true);
      expect(verifyLowS(publicKey, message, signature)).toBe(true);
    }
  });

  it('refuses the malleated high-S twin of a valid signature, as Fabric does', () => {
    const message = Buffer.from('pay 10');
    const high = malleate(signLowS(privateKey, message));
    expect(verify('sha256', message, publicKey, high)).toBe(true);
    expect(verifyLowS(publicKey, message, high)).toBe(false);
  });

  it('refuses a signature over other bytes and garbage', () => {
    const signature = signLowS(privateKey, Buffer.from('a'));
    expect(verifyLowS(publicKey, Buffer.from('b'), signature)).toBe(false);
    expect(verifyLowS(publicKey, Buffer.from('a'), Buffer.from('not der'))).toBe(false);
  });

  it('encodes integers with the sign bit clear', () => {
    expect(Buffer.from(toUnsignedBytes(0x7fn)).toString('hex')).toBe('7f');
    expect(Buffer.from(toUnsignedBytes(0x80n)).toString('hex')).toBe('0080');
    expect(Buffer.from(toUnsignedBytes(0x9a01n)).toString('hex')).toBe('009a01');
  });
});
