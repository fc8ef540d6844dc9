// Mocha's spec output, plus the counts `scripts/test-summary.mjs` totals for `npm test`
// (in the field names Jest's --json uses, so one summary reads every workspace).
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const dir = join(__dirname, '..', '..', '.cache', 'test-results');
      mkdirSync(dir, { recursive: true });
      const { passes, failures, pending } = runner.stats;
      writeFileSync(
        join(dir, 'contracts.json'),
        JSON.stringify({
          numPassedTests: passes,
          numFailedTests: failures,
          numPendingTests: pending,
          numTodoTests: 0,
        }),
      );
    });
  }
}

module.exports = SummaryReporter;
