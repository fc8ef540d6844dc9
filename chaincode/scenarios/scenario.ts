/**
 * The domain's behaviour written once, as data: who calls what, with which arguments, at
 * which time, and what must come back. Runtime-independent: the embedded peer, a real Fabric
 * network and the Solidity contracts each bring a `ScenarioLedger` and run the same files.
 */

export interface Scenario {
  readonly name: string;
  /** Organizations (MSP ids) the runtime must make members before the first step. */
  readonly organizations: readonly string[];
  /** Time of the first step; a later step without `at` comes one second after the one before. */
  readonly start: string;
  readonly steps: readonly ScenarioStep[];
}

export interface ScenarioStep {
  readonly title: string;
  /** The organization (MSP id) that signs. */
  readonly actor: string;
  /** `contract:function`, e.g. `certificates:issue`. */
  readonly call: string;
  readonly args?: Readonly<Record<string, unknown>>;
  /** Transient data (private to the endorsers), e.g. `personal`. */
  readonly transient?: Readonly<Record<string, unknown>>;
  /** Read-only call: evaluated, never ordered. */
  readonly evaluate?: boolean;
  readonly at?: string;
  readonly expect: StepExpectation;
  /**
   * Values of the answer to remember, by name: `{"hash": "reportHash"}` or a dotted path such
   * as `"1.eventHash"`. A later step's string `"${hash}"` (in args, transient or expect) is it.
   */
  readonly save?: Readonly<Record<string, string>>;
}

export type Variables = Map<string, unknown>;

/** `ok`: the answer contains these fields (recursively); `error`: refused with this code. */
export type StepExpectation = { readonly ok: unknown } | { readonly error: string };

export type CallOutcome =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly code: string | undefined; readonly message: string };

export interface ScenarioLedger {
  prepare(organizations: readonly string[]): Promise<void>;
  call(step: ScenarioStep, at: Date): Promise<CallOutcome>;
  /** Changes whenever anything is committed: a refused step must leave it as it was. */
  fingerprint(): Promise<string>;
}

export interface StepFailure {
  readonly index: number;
  readonly title: string;
  readonly problem: string;
}

/** Where `actual` departs from `expected`, or undefined when it contains it. */
export function mismatch(expected: unknown, actual: unknown, path = '$'): string | undefined {
  if (expected === null || typeof expected !== 'object') {
    return Object.is(expected, actual)
      ? undefined
      : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${JSON.stringify(actual)}`;
    if (actual.length !== expected.length)
      return `${path}: expected ${expected.length} items, got ${actual.length}`;
    for (const [index, item] of expected.entries()) {
      const found = mismatch(item, actual[index], `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
    return `${path}: expected an object, got ${JSON.stringify(actual)}`;
  for (const [key, value] of Object.entries(expected)) {
    const found = mismatch(value, (actual as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

function substitute(value: unknown, variables: Variables): unknown {
  if (typeof value === 'string') {
    const match = /^\$\{([A-Za-z0-9_]+)\}$/.exec(value);
    if (!match) return value;
    const name = match[1] as string;
    if (!variables.has(name)) throw new Error(`variable ${name} is used before it is saved`);
    return variables.get(name);
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, variables));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substitute(item, variables)]),
    );
  return value;
}

/** The step with every `"${name}"` replaced by the value saved under that name. */
export function resolveStep(step: ScenarioStep, variables: Variables): ScenarioStep {
  return substitute(step, variables) as ScenarioStep;
}

/** Remembers the values a step asks to save from its answer. */
export function saveVariables(step: ScenarioStep, result: unknown, variables: Variables): void {
  for (const [name, path] of Object.entries(step.save ?? {})) {
    let value: unknown = result;
    for (const part of path.split('.'))
      value =
        value !== null && typeof value === 'object'
          ? (value as Record<string, unknown>)[part]
          : undefined;
    if (value === undefined) throw new Error(`step "${step.title}" has no ${path} to save`);
    variables.set(name, value);
  }
}

/** Runs every step in order and returns the steps whose outcome differs from the expectation. */
export async function runScenario(
  scenario: Scenario,
  ledger: ScenarioLedger,
): Promise<StepFailure[]> {
  await ledger.prepare(scenario.organizations);
  const failures: StepFailure[] = [];
  const variables: Variables = new Map();
  let time = Date.parse(scenario.start) - 1000;
  for (const [index, written] of scenario.steps.entries()) {
    const step = resolveStep(written, variables);
    time = step.at === undefined ? time + 1000 : Date.parse(step.at);
    const before = 'error' in step.expect ? await ledger.fingerprint() : '';
    const outcome = await ledger.call(step, new Date(time));
    const problem = judge(step.expect, outcome);
    if (problem === undefined && outcome.ok) saveVariables(step, outcome.result, variables);
    if (problem === undefined && 'error' in step.expect && (await ledger.fingerprint()) !== before)
      failures.push({ index, title: step.title, problem: 'refused, yet the ledger changed' });
    else if (problem !== undefined) failures.push({ index, title: step.title, problem });
  }
  return failures;
}

function judge(expect: StepExpectation, outcome: CallOutcome): string | undefined {
  if ('error' in expect) {
    if (outcome.ok)
      return `expected ${expect.error}, but it succeeded with ${JSON.stringify(outcome.result)}`;
    return outcome.code === expect.error
      ? undefined
      : `expected ${expect.error}, got ${outcome.message}`;
  }
  if (!outcome.ok) return `expected success, got ${outcome.message}`;
  return mismatch(expect.ok, outcome.result);
}
