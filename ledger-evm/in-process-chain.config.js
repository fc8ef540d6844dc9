// The Hardhat network `src/in-process-chain.ts` starts inside another process (the gateway): no
// plugins and no TypeScript to load, nothing to compile (the contracts come from typechain's
// factories), the EVM version the contracts are compiled for.
module.exports = {
  networks: { hardhat: { hardfork: 'cancun' } },
  paths: { cache: './.cache/in-process-chain' },
};
