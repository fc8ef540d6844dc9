import { expect } from 'chai';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { JsonRpcProvider } from 'ethers';
import { OrgRegistry__factory } from '../.cache/types';
import { HUB_CONTRACTS } from '@citytrust/ledger-evm';
import type { HubDeployment } from '@citytrust/ledger-evm';

const run = promisify(execFile);
const hardhat = require.resolve('hardhat/internal/cli/cli');
const root = join(__dirname, '..');

function deploy(env: Record<string, string>): Promise<{ stdout: string }> {
  return run(process.execPath, [hardhat, 'run', 'scripts/deploy.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
  });
}

async function untilListening(node: ChildProcess): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let output = '';
    node.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Started HTTP and WebSocket JSON-RPC server')) resolve();
    });
    node.once('exit', (code) => {
      reject(new Error(`hardhat node exited ${code}: ${output}`));
    });
  });
}

describe('the deploy script', () => {
  it('deploys to the in-process chain by default and says it is not persistent', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hub-deploy-')), 'evm-deployment.json');
    const { stdout } = await deploy({ HUB_EVM_DEPLOYMENT: file });
    const deployment = JSON.parse(readFileSync(file, 'utf8')) as HubDeployment;
    expect(deployment.network).to.equal('hardhat');
    expect(Object.keys(deployment.contracts)).to.deep.equal([...HUB_CONTRACTS]);
    expect(stdout).to.match(/not persistent/);
  });

  it('deploys to a JSON-RPC URL, where every contract has code and the registry its founder', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const node = spawn(process.execPath, [hardhat, 'node', '--port', port], { cwd: root });
    try {
      await untilListening(node);
      const rpc = `http://127.0.0.1:${port}`;
      const file = join(mkdtempSync(join(tmpdir(), 'hub-deploy-')), 'evm-deployment.json');
      await deploy({
        HUB_EVM_RPC: rpc,
        HUB_EVM_DEPLOYMENT: file,
        HUB_EVM_FOUNDER_ID: 'founder-org',
      });
      const deployment = JSON.parse(readFileSync(file, 'utf8')) as HubDeployment;
      expect(deployment.network).to.equal(rpc);
      const provider = new JsonRpcProvider(rpc);
      for (const name of HUB_CONTRACTS)
        expect(await provider.getCode(deployment.contracts[name]), name).to.not.equal('0x');
      const registry = OrgRegistry__factory.connect(deployment.contracts.OrgRegistry, provider);
      expect(await registry.accountOf('founder-org')).to.equal(deployment.deployer);
      provider.destroy();
    } finally {
      node.kill();
    }
  });
});
