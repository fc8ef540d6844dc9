import { BrowserProvider, type Eip1193Provider } from 'ethers';
import { join } from 'node:path';

/**
 * Hardhat's in-process chain (EDR) inside a process that is not Hardhat's (the gateway), through
 * Hardhat's documented library entry (`require('hardhat')` with `HARDHAT_CONFIG`), with a plain
 * JavaScript config of its own, so no TypeScript loader and no plugin is pulled into the
 * process. Hardhat keeps one runtime per process, so every caller shares one chain; it lives in
 * memory and ends with the process.
 */
export interface InProcessChain {
  readonly provider: BrowserProvider;
  readonly chainId: bigint;
}

let started: Promise<InProcessChain> | undefined;

/** Beside `src/` and `dist/`: the same file whether run from source or built. */
const CONFIG = join(__dirname, '..', 'in-process-chain.config.js');

async function start(): Promise<InProcessChain> {
  const previous = process.env.HARDHAT_CONFIG;
  process.env.HARDHAT_CONFIG = CONFIG;
  let network: { name: string; provider: Eip1193Provider };
  try {
    // Loaded on demand: only the in-process chain needs Hardhat at run time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    network = (require('hardhat') as { network: { name: string; provider: Eip1193Provider } })
      .network;
  } finally {
    if (previous === undefined) delete process.env.HARDHAT_CONFIG;
    else process.env.HARDHAT_CONFIG = previous;
  }
  if (network.name !== 'hardhat')
    throw new Error(`HARDHAT_NETWORK selects ${network.name}; the in-process chain is 'hardhat'`);
  // No response cache: a block number read right after a transaction must see it.
  const provider = new BrowserProvider(network.provider, undefined, { cacheTimeout: -1 });
  return { provider, chainId: (await provider.getNetwork()).chainId };
}

/** The process's in-process chain, started on first use. */
export function inProcessChain(): Promise<InProcessChain> {
  started ??= start().catch((error: unknown) => {
    started = undefined;
    throw error;
  });
  return started;
}
