import { loadFixture } from '@nomicfoundation/hardhat-network-helpers';
import { expect } from 'chai';
import { deployConsortium, Role, roleMask } from './consortium';

describe('OrgRegistry', () => {
  it('registers the demo consortium with its roles', async () => {
    const { registry, issuer, outsider } = await loadFixture(deployConsortium);
    expect(await registry.hasRole(issuer.address, Role.ISSUER)).to.equal(true);
    expect(await registry.hasRole(outsider.address, Role.ISSUER)).to.equal(false);
  });

  it('refuses a registration by a non-governance organization, changing nothing', async () => {
    const { registry, issuer, outsider } = await loadFixture(deployConsortium);
    const before = await registry.listOrganizations();
    await expect(
      registry
        .connect(issuer)
        .registerOrganization(outsider.address, 'rogue-org', 'Rogue', roleMask('GOVERNANCE'), ''),
    )
      .to.be.revertedWithCustomError(registry, 'MissingRole')
      .withArgs(issuer.address, Role.GOVERNANCE);
    expect(await registry.listOrganizations()).to.deep.equal(before);
  });
});
