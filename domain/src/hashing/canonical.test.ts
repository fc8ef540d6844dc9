import { createHash } from 'node:crypto';
import { canonicalHash, canonicalJson, sha256Hex } from './canonical';

describe('canonical JSON and hashing', () => {
  it('orders keys and writes numbers as RFC 8785 does', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 1e21, 0.1], c: { z: 'é', y: -0 } })).toBe(
      '{"a":[true,null,1e+21,0.1],"b":1,"c":{"y":0,"z":"é"}}',
    );
  });

  it('refuses values that have no JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('hashes the UTF-8 bytes of the canonical form with SHA-256', () => {
    const value = { id: 'cert-1', claims: { name: '张三' } };
    const expected = createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
    expect(canonicalHash(value)).toBe(expected);
    expect(sha256Hex(new Uint8Array([1, 2, 3]))).toBe(
      createHash('sha256')
        .update(Buffer.from([1, 2, 3]))
        .digest('hex'),
    );
  });
});
