import '@nomicfoundation/hardhat-chai-matchers';
import '@nomicfoundation/hardhat-ethers';
import '@typechain/hardhat';
import { subtask } from 'hardhat/config';
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from 'hardhat/builtin-tasks/task-names';
import type { HardhatUserConfig } from 'hardhat/types';
import solcPackage from 'solc/package.json';

/** The compiler is the pinned `solc` npm package (solcjs): there is no download to try. */
const SOLC_VERSION = solcPackage.version;

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }) => {
  if (args.solcVersion !== SOLC_VERSION)
    throw new Error(`solc ${args.solcVersion} was asked for; only ${SOLC_VERSION} is installed`);
  const solc = (await import('solc')).default as { version(): string };
  return {
    compilerPath: require.resolve('solc/soljson.js'),
    isSolcJs: true,
    version: SOLC_VERSION,
    longVersion: solc.version(),
  };
});

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      // Cancun: the oldest EVM OpenZeppelin 5 compiles for; consortium chains reach it last.
      evmVersion: 'cancun',
      viaIR: false,
    },
  },
  paths: {
    sources: './src',
    tests: './test',
    cache: './.cache/hardhat',
    artifacts: './.cache/artifacts',
  },
  typechain: { outDir: './.cache/types', target: 'ethers-v6' },
  mocha: { timeout: 120000, reporter: require.resolve('./test/summary-reporter.js') },
};

export default config;
