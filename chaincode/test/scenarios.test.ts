import { loadScenarios } from '../scenarios/load';
import { runScenario } from '../scenarios/scenario';
import { EmbeddedLedger } from './embedded-ledger';

const scenarios = loadScenarios();

test('the scenarios hold at least 80 steps between them', () => {
  expect(
    scenarios.reduce((sum, scenario) => sum + scenario.steps.length, 0),
  ).toBeGreaterThanOrEqual(80);
});

describe.each(scenarios.map((scenario) => [scenario.name, scenario] as const))(
  'scenario %s on the embedded peer',
  (_name, scenario) => {
    let ledger: EmbeddedLedger;
    beforeAll(async () => {
      ledger = await EmbeddedLedger.open();
    });
    afterAll(async () => {
      await ledger.close();
    });

    test('every step has the expected outcome', async () => {
      expect(await runScenario(scenario, ledger)).toEqual([]);
    });
  },
);
