import { spawn, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';

const contractsRoot = dirname(require.resolve('@citytrust/contracts/package.json'));

export interface HardhatNode {
  readonly url: string;
  stop(): Promise<void>;
}

/** `hardhat node` on a free port: a JSON-RPC chain in another process that outlives the hub. */
export async function startHardhatNode(): Promise<HardhatNode> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const cli = require.resolve('hardhat/internal/cli/cli', { paths: [contractsRoot] });
  const node: ChildProcess = spawn(process.execPath, [cli, 'node', '--port', String(port)], {
    cwd: contractsRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) =>
    node.once('exit', () => {
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    node.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Started HTTP and WebSocket JSON-RPC server')) resolve();
    });
    void exited.then(() => {
      reject(new Error(`hardhat node exited: ${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      node.kill();
      await exited;
    },
  };
}
