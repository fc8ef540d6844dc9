import {
  mismatch,
  resolveStep,
  runScenario,
  saveVariables,
  type CallOutcome,
  type ScenarioLedger,
  type ScenarioStep,
  type Variables,
} from './scenario';

test('an answer matches when it contains the expected fields, recursively', () => {
  expect(
    mismatch({ a: 1, b: { c: [1, { d: 'x' }] } }, { a: 1, z: 2, b: { c: [1, { d: 'x', e: 0 }] } }),
  ).toBeUndefined();
  expect(mismatch({ a: 1 }, { a: 2 })).toBe('$.a: expected 1, got 2');
  expect(mismatch({ list: [1] }, { list: [1, 2] })).toBe('$.list: expected 1 items, got 2');
  expect(mismatch({ a: null }, {})).toBe('$.a: expected null, got undefined');
});

test('saved values replace "${name}" strings of later steps', () => {
  const variables: Variables = new Map();
  const step: ScenarioStep = {
    title: 't',
    actor: 'o',
    call: 'c:f',
    expect: { ok: {} },
    save: { head: '1.eventHash' },
  };
  saveVariables(step, [{}, { eventHash: 'abc' }], variables);
  const later = resolveStep(
    { ...step, args: { prev: '${head}', keep: 'x${head}' }, expect: { ok: ['${head}'] } },
    variables,
  );
  expect(later.args).toEqual({ prev: 'abc', keep: 'x${head}' });
  expect(later.expect).toEqual({ ok: ['abc'] });
  expect(() => resolveStep({ ...step, args: { a: '${missing}' } }, variables)).toThrow(/missing/);
});

test('a refused step that changed the ledger, a wrong code and a wrong answer are reported', async () => {
  let height = 0;
  const answers: CallOutcome[] = [
    { ok: false, code: 'FORBIDDEN', message: 'FORBIDDEN: no' },
    { ok: false, code: 'NOT_FOUND', message: 'NOT_FOUND: none' },
    { ok: true, result: { status: 'ACTIVE' } },
  ];
  const ledger: ScenarioLedger = {
    prepare: async () => undefined,
    call: async () => {
      height += 1;
      return answers.shift() as CallOutcome;
    },
    fingerprint: async () => String(height),
  };
  const step = (title: string, expectation: ScenarioStep['expect']): ScenarioStep => ({
    title,
    actor: 'o',
    call: 'c:f',
    expect: expectation,
  });
  const failures = await runScenario(
    {
      name: 'faulty',
      organizations: [],
      start: '2030-01-01T00:00:00Z',
      steps: [
        step('a', { error: 'FORBIDDEN' }),
        step('b', { error: 'CONFLICT' }),
        step('c', { ok: { status: 'REVOKED' } }),
      ],
    },
    ledger,
  );
  expect(failures).toEqual([
    { index: 0, title: 'a', problem: 'refused, yet the ledger changed' },
    { index: 1, title: 'b', problem: 'expected CONFLICT, got NOT_FOUND: none' },
    { index: 2, title: 'c', problem: '$.status: expected "REVOKED", got "ACTIVE"' },
  ]);
});
