import { callInputs } from '@citytrust/domain';
import { ChaincodeError } from './errors';
import { parseArgs } from './input';

const { creditCode } = callInputs;

/** A `certificates:get` request: an id, and an instant to read it at. */
const hash = 'a'.repeat(64);
const read = (fields: Record<string, unknown>) => JSON.stringify({ id: 'c-1', ...fields });

function refusal(request: string): string {
  try {
    parseArgs('certificates:get', request);
  } catch (error) {
    expect(error).toBeInstanceOf(ChaincodeError);
    return (error as ChaincodeError).message;
  }
  throw new Error('accepted');
}

test('instants are normalized to UTC milliseconds', () => {
  expect(parseArgs('certificates:get', read({ at: '2030-01-01T08:00:00+08:00' }))).toEqual({
    id: 'c-1',
    at: '2030-01-01T00:00:00.000Z',
  });
});

test.each([
  ['not JSON', '{"when":', /request is not valid JSON/],
  ['a date without offset', read({ at: '2030-01-01T00:00:00' }), /^INVALID_ARGUMENT: at/],
  ['an impossible date', read({ at: '2030-02-31T00:00:00Z' }), /at/],
  ['a date out of range', read({ at: '2400-01-01T00:00:00Z' }), /between 1970 and 2200/],
  ['an unknown field', read({ at: '2030-01-01T00:00:00Z', extra: 1 }), /INVALID_ARGUMENT/],
  ['a number for a string', read({ at: 20300101 }), /at/],
  ['a request too large', read({ at: '2030-01-01T00:00:00Z', pad: 'x'.repeat(70_000) }), /at most/],
])('refuses %s', (_what, request, message) => {
  expect(refusal(request)).toMatch(message);
});

test('refuses an uppercase hash', () => {
  expect(() =>
    parseArgs('certificates:findByDocumentHash', JSON.stringify({ documentHash: 'A'.repeat(64) })),
  ).toThrow(/^INVALID_ARGUMENT: documentHash: must be a lowercase hex SHA-256 digest$/);
  expect(
    parseArgs('certificates:findByDocumentHash', JSON.stringify({ documentHash: hash })),
  ).toEqual({ documentHash: hash });
});

test('a credit code has the layout of GB 32100-2015', () => {
  expect(creditCode.safeParse('91330100MA2ACME01X').success).toBe(true);
  expect(creditCode.safeParse('91350100M000100Y43').success).toBe(true);
  for (const bad of [
    '91330100MA2ACME01',
    '9133010OMA2ACME01X',
    '91330100MA2ACMEO1X',
    'I1330100MA2ACME01X',
  ])
    expect(creditCode.safeParse(bad).success).toBe(false);
});
