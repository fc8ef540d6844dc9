import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { ethers } from 'hardhat';

describe('Probe', () => {
  it('hashes like node', async () => {
    const probe = await (await ethers.getContractFactory('Probe')).deploy();
    const a = `0x${'11'.repeat(32)}`;
    expect(await probe.root(a)).to.equal(
      `0x${createHash('sha256')
        .update(Buffer.from('11'.repeat(32), 'hex'))
        .digest('hex')}`,
    );
  });
});
