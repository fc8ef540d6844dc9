import { z } from 'zod';
import { ChaincodeError } from './errors';
import { callInputs } from '@citytrust/domain';
import { parseRequest } from './input';

const { creditCode, hex64, instant } = callInputs;

const schema = z.object({ when: instant, hash: hex64 }).strict();
const hash = 'a'.repeat(64);

function refusal(request: string): string {
  try {
    parseRequest(schema, request);
  } catch (error) {
    expect(error).toBeInstanceOf(ChaincodeError);
    return (error as ChaincodeError).message;
  }
  throw new Error('accepted');
}

test('instants are normalized to UTC milliseconds', () => {
  expect(parseRequest(schema, JSON.stringify({ when: '2030-01-01T08:00:00+08:00', hash }))).toEqual(
    {
      when: '2030-01-01T00:00:00.000Z',
      hash,
    },
  );
});

test.each([
  ['not JSON', '{"when":', /request is not valid JSON/],
  [
    'a date without offset',
    JSON.stringify({ when: '2030-01-01T00:00:00', hash }),
    /^INVALID_ARGUMENT: when/,
  ],
  ['an impossible date', JSON.stringify({ when: '2030-02-31T00:00:00Z', hash }), /when/],
  [
    'a date out of range',
    JSON.stringify({ when: '2400-01-01T00:00:00Z', hash }),
    /between 1970 and 2200/,
  ],
  [
    'an uppercase hash',
    JSON.stringify({ when: '2030-01-01T00:00:00Z', hash: 'A'.repeat(64) }),
    /hash/,
  ],
  [
    'an unknown field',
    JSON.stringify({ when: '2030-01-01T00:00:00Z', hash, extra: 1 }),
    /INVALID_ARGUMENT/,
  ],
  ['a number for a string', JSON.stringify({ when: 20300101, hash }), /when/],
  [
    'a request too large',
    JSON.stringify({ when: '2030-01-01T00:00:00Z', hash, pad: 'x'.repeat(70_000) }),
    /at most/,
  ],
])('refuses %s', (_what, request, message) => {
  expect(refusal(request)).toMatch(message);
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
