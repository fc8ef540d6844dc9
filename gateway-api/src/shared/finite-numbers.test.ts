import { Problem } from './problem';
import { assertFiniteNumbers, firstNonFiniteNumber } from './finite-numbers';

describe('finite numbers in JSON bodies', () => {
  it('finds the first number JSON.parse made infinite, with its path', () => {
    expect(firstNonFiniteNumber(JSON.parse('{"a":[1,{"b":1e400}]}'))).toBe('/a/1/b');
    expect(firstNonFiniteNumber(JSON.parse('-1e999'))).toBe('/');
    expect(
      firstNonFiniteNumber({ a: [1, 2.5, -0, 1e308], b: 'Infinity', c: null }),
    ).toBeUndefined();
  });

  it('refuses such a body as a validation problem', () => {
    expect(() => {
      assertFiniteNumbers({ claims: { x: Number.POSITIVE_INFINITY } });
    }).toThrow(Problem);
    expect(() => {
      assertFiniteNumbers({ claims: { x: 1 } });
    }).not.toThrow();
  });
});
