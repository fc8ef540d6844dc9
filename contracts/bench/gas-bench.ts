/**
 * Gas used by each hub operation on Hardhat's in-process chain, each as a ratio to a plain
 * value transfer (21,000 gas) measured in the same run. Gas is deterministic for the same
 * code and inputs, so one run of each is the figure.
 */
import type { TransactionResponse } from 'ethers';
import { ethers } from 'hardhat';
import { OrgRegistry__factory } from '../.cache/types';
import { deployHub } from '../scripts/hub';
import { roleMask } from '../scripts/roles';

async function gasOf(transaction: Promise<TransactionResponse>): Promise<bigint> {
  const receipt = await (await transaction).wait();
  if (!receipt || receipt.status !== 1) throw new Error('the measured transaction failed');
  return receipt.gasUsed;
}

async function main(): Promise<void> {
  const [governance, issuer, holder, requester] = await ethers.getSigners();
  if (!governance || !issuer || !holder || !requester) throw new Error('too few accounts');
  const addresses = await deployHub(governance);
  const registry = OrgRegistry__factory.connect(addresses.OrgRegistry, governance);
  await (await registry.initialize('city-data-bureau', 'City Data Bureau')).wait();

  const figures: [string, bigint][] = [];
  const baseline = await gasOf(governance.sendTransaction({ to: issuer.address, value: 1n }));
  figures.push(['baseline: value transfer', baseline]);
  figures.push([
    'register an organization',
    await gasOf(
      registry.registerOrganization(
        issuer.address,
        'market-regulation',
        'Market Regulation',
        roleMask('ISSUER'),
        '',
      ),
    ),
  ]);

  console.log('contracts gas (Hardhat in-process chain, solc 0.8.30, optimizer 200 runs)');
  console.log('| operation | gas | ratio to baseline |');
  console.log('|---|---:|---:|');
  for (const [name, gas] of figures)
    console.log(
      `| ${name} | ${gas.toLocaleString('en-US')} | ${(Number(gas) / Number(baseline)).toFixed(2)} |`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
