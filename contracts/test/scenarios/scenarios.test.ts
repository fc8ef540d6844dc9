import { expect } from 'chai';
import { join } from 'node:path';
import { loadScenarios } from '../../../chaincode/scenarios/load';
import { runScenario } from '../../../chaincode/scenarios/scenario';
import { EvmLedger } from './evm-ledger';
import { KNOWN_DIFFERENCES } from './known-differences';

const scenarios = loadScenarios(join(__dirname, '..', '..', '..', 'chaincode', 'scenarios'));

describe('the chaincode conformance scenarios on the contracts', () => {
  for (const scenario of scenarios) {
    it(`${scenario.name}: every step but the listed differences behaves as on the chaincode`, async () => {
      const failures = await runScenario(scenario, new EvmLedger());
      const known = KNOWN_DIFFERENCES[scenario.name] ?? {};
      const unexpected = failures.filter((failure) => !(failure.title in known));
      const failedTitles = new Set(failures.map((failure) => failure.title));
      const nowPassing = Object.keys(known).filter((title) => !failedTitles.has(title));
      expect(
        unexpected.map((failure) => `#${failure.index} ${failure.title}: ${failure.problem}`),
      ).to.deep.equal([]);
      expect(nowPassing, 'listed as different, yet they behave the same').to.deep.equal([]);
    });
  }
});
