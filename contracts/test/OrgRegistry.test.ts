import { loadFixture, mine, time } from '@nomicfoundation/hardhat-network-helpers';
import { expect } from 'chai';
import { ethers, network } from 'hardhat';
import type { OrgRegistry } from '../.cache/types';
import { callInputs } from '@citytrust/domain';
import { ACME_CODE, BETA_CODE, deployConsortium, digest, Role, roleMask } from './consortium';

const {
  creditCode: chaincodeCreditCode,
  id: chaincodeId,
  text: chaincodeText,
  token: chaincodeToken,
} = callInputs;

/** A valid code no member holds yet. */
const GAMMA_CODE = '91330100MA2GAMA03W';
const ZERO = ethers.ZeroAddress;

/** Contract results (ethers `Result` proxies, bigints) as plain arrays and strings. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return Array.from(value, plain);
  return value;
}

/** Everything a forbidden call could have changed, read through the public views. */
async function snapshot(registry: OrgRegistry): Promise<unknown> {
  const codes = [ACME_CODE, BETA_CODE, GAMMA_CODE];
  const categories = ['identity', 'credit-report', 'medical-record', 'classified-records'];
  return plain([
    await registry.listOrganizations(),
    await registry.listCertificateTypes(),
    await registry.listDataCategories(),
    await registry.getNegativeList(),
    await Promise.all(codes.map((code) => registry.enterpriseAccount(code))),
    await Promise.all(categories.map((category) => registry.isNegativeListed(category))),
    await Promise.all(
      categories.map((category) => registry.wasNegativeListedAt(category, 2n ** 63n)),
    ),
  ]);
}

/** Runs a revert assertion and checks the registry reads the same before and after. */
async function unchanged(
  registry: OrgRegistry,
  assertion: () => PromiseLike<unknown>,
): Promise<void> {
  const before = await snapshot(registry);
  await assertion();
  expect(await snapshot(registry)).to.deep.equal(before);
}

/** The timestamp the next block gets unless told otherwise, for `...At` fields. */
async function nextTimestamp(): Promise<bigint> {
  return BigInt(await time.latest()) + 1n;
}

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

  describe('initialize', () => {
    async function deployFresh() {
      const [deployer, other] = await ethers.getSigners();
      if (!deployer || !other) throw new Error('Hardhat has too few accounts');
      const registry = await (await ethers.getContractFactory('OrgRegistry', deployer)).deploy();
      return { registry, deployer, other };
    }

    it('makes the deployer the first GOVERNANCE organization, with its event', async () => {
      const { registry, deployer } = await loadFixture(deployFresh);
      const at = await nextTimestamp();
      await time.setNextBlockTimestamp(at);
      await expect(registry.initialize('city-data-bureau', 'City Data Bureau'))
        .to.emit(registry, 'RegistryInitialized')
        .withArgs(deployer.address, 'city-data-bureau');
      const org = await registry.getOrganization(deployer.address);
      expect(plain(org)).to.deep.equal(
        plain([
          deployer.address,
          'city-data-bureau',
          'City Data Bureau',
          roleMask('GOVERNANCE'),
          '',
          at,
          at,
        ]),
      );
      expect(await registry.accountOf('city-data-bureau')).to.equal(deployer.address);
      expect(await registry.hasRole(deployer.address, Role.GOVERNANCE)).to.equal(true);
      expect(await registry.listOrganizations()).to.have.length(1);
    });

    it('is refused to anyone but the deployer', async () => {
      const { registry, other } = await loadFixture(deployFresh);
      await unchanged(registry, () =>
        expect(registry.connect(other).initialize('market-regulation', 'Market Regulation'))
          .to.be.revertedWithCustomError(registry, 'NotDeployer')
          .withArgs(other.address),
      );
      expect(await registry.listOrganizations()).to.have.length(0);
    });

    it('happens once only', async () => {
      const { registry, other } = await loadFixture(deployFresh);
      await registry.initialize('city-data-bureau', 'City Data Bureau');
      await unchanged(registry, () =>
        expect(registry.initialize('city-data-bureau-2', 'Again')).to.be.revertedWithCustomError(
          registry,
          'AlreadyInitialized',
        ),
      );
      await unchanged(registry, () =>
        expect(
          registry.connect(other).initialize('market-regulation', 'Market Regulation'),
        ).to.be.revertedWithCustomError(registry, 'AlreadyInitialized'),
      );
    });

    it('checks the id and the name', async () => {
      const { registry } = await loadFixture(deployFresh);
      await unchanged(registry, () =>
        expect(registry.initialize('city data bureau', 'City Data Bureau'))
          .to.be.revertedWithCustomError(registry, 'InvalidIdentifier')
          .withArgs('city data bureau'),
      );
      await unchanged(registry, () =>
        expect(registry.initialize('city-data-bureau', '   '))
          .to.be.revertedWithCustomError(registry, 'InvalidText')
          .withArgs('   ', 200),
      );
      expect(await registry.listOrganizations()).to.have.length(0);
    });

    it('leaves the registry without governance until it is initialized', async () => {
      const { registry, deployer, other } = await loadFixture(deployFresh);
      await expect(registry.registerOrganization(other.address, 'city-bank', 'City Bank', 16n, ''))
        .to.be.revertedWithCustomError(registry, 'MissingRole')
        .withArgs(deployer.address, Role.GOVERNANCE);
    });
  });

  describe('registerOrganization', () => {
    it('registers an organization with its roles, readable by account and id, with its event', async () => {
      const { registry, outsider } = await loadFixture(deployConsortium);
      const at = await nextTimestamp();
      await time.setNextBlockTimestamp(at);
      const roles = roleMask('REQUESTER', 'DATA_HOLDER');
      await expect(
        registry.registerOrganization(outsider.address, 'north-bank', 'North Bank', roles, ''),
      )
        .to.emit(registry, 'OrganizationRegistered')
        .withArgs(outsider.address, 'north-bank', roles);
      expect(plain(await registry.getOrganization(outsider.address))).to.deep.equal(
        plain([outsider.address, 'north-bank', 'North Bank', roles, '', at, at]),
      );
      expect(await registry.accountOf('north-bank')).to.equal(outsider.address);
      expect(await registry.hasRole(outsider.address, Role.REQUESTER)).to.equal(true);
      expect(await registry.hasRole(outsider.address, Role.DATA_HOLDER)).to.equal(true);
      expect(await registry.hasRole(outsider.address, Role.ISSUER)).to.equal(false);
      const listed = await registry.listOrganizations();
      expect(listed).to.have.length(11);
      expect(listed[10]?.account).to.equal(outsider.address);
      expect(listed[0]?.id).to.equal('city-data-bureau');
    });

    it('binds an ENTERPRISE to its credit code', async () => {
      const { registry, enterprise, otherEnterprise, requester } =
        await loadFixture(deployConsortium);
      expect(await registry.enterpriseAccount(ACME_CODE)).to.equal(enterprise.address);
      expect(await registry.isEnterprise(enterprise.address, ACME_CODE)).to.equal(true);
      expect(await registry.isEnterprise(enterprise.address, BETA_CODE)).to.equal(false);
      expect(await registry.isEnterprise(otherEnterprise.address, ACME_CODE)).to.equal(false);
      expect(await registry.isEnterprise(requester.address, ACME_CODE)).to.equal(false);
      expect(await registry.enterpriseAccount(GAMMA_CODE)).to.equal(ZERO);
      expect((await registry.getOrganization(enterprise.address)).creditCode).to.equal(ACME_CODE);
    });

    it('is refused to an unregistered account and to a non-governance member', async () => {
      const { registry, outsider, auditor } = await loadFixture(deployConsortium);
      for (const caller of [outsider, auditor])
        await unchanged(registry, () =>
          expect(
            registry
              .connect(caller)
              .registerOrganization(outsider.address, 'rogue-org', 'Rogue', 1n, ''),
          )
            .to.be.revertedWithCustomError(registry, 'MissingRole')
            .withArgs(caller.address, Role.GOVERNANCE),
        );
    });

    it('refuses the zero address', async () => {
      const { registry } = await loadFixture(deployConsortium);
      await unchanged(registry, () =>
        expect(registry.registerOrganization(ZERO, 'north-bank', 'North Bank', 16n, ''))
          .to.be.revertedWithCustomError(registry, 'InvalidAccount')
          .withArgs(ZERO),
      );
      expect(await registry.accountOf('north-bank')).to.equal(ZERO);
    });

    it('refuses an invalid id and a blank or too long name', async () => {
      const { registry, outsider } = await loadFixture(deployConsortium);
      for (const bad of ['', 'north bank', '.north-bank', 'north~bank', 'a'.repeat(129)])
        await unchanged(registry, () =>
          expect(registry.registerOrganization(outsider.address, bad, 'North Bank', 16n, ''))
            .to.be.revertedWithCustomError(registry, 'InvalidIdentifier')
            .withArgs(bad),
        );
      for (const bad of ['', ' \t\r\n', 'n'.repeat(201)])
        await unchanged(registry, () =>
          expect(registry.registerOrganization(outsider.address, 'north-bank', bad, 16n, ''))
            .to.be.revertedWithCustomError(registry, 'InvalidText')
            .withArgs(bad, 200),
        );
    });

    it('refuses an empty role mask and bits past the last role', async () => {
      const { registry, outsider } = await loadFixture(deployConsortium);
      for (const bad of [0n, 1n << 7n, roleMask('REQUESTER') | (1n << 8n), 2n ** 256n - 1n])
        await unchanged(registry, () =>
          expect(
            registry.registerOrganization(outsider.address, 'north-bank', 'North Bank', bad, ''),
          )
            .to.be.revertedWithCustomError(registry, 'InvalidRoles')
            .withArgs(bad),
        );
    });

    it('accepts every role at once, the ENTERPRISE with its code', async () => {
      const { registry, outsider } = await loadFixture(deployConsortium);
      const all = (1n << 7n) - 1n;
      await registry.registerOrganization(
        outsider.address,
        'city-holding',
        'Holding',
        all,
        GAMMA_CODE,
      );
      for (const role of Object.values(Role))
        expect(await registry.hasRole(outsider.address, role)).to.equal(true);
    });

    it('binds ENTERPRISE and credit code both ways', async () => {
      const { registry, outsider } = await loadFixture(deployConsortium);
      const enterpriseRoles = roleMask('ENTERPRISE');
      await unchanged(registry, () =>
        expect(
          registry.registerOrganization(outsider.address, 'gamma', 'Gamma', enterpriseRoles, ''),
        )
          .to.be.revertedWithCustomError(registry, 'CreditCodeMismatch')
          .withArgs(enterpriseRoles, ''),
      );
      const requesterRoles = roleMask('REQUESTER');
      await unchanged(registry, () =>
        expect(
          registry.registerOrganization(
            outsider.address,
            'gamma',
            'Gamma',
            requesterRoles,
            GAMMA_CODE,
          ),
        )
          .to.be.revertedWithCustomError(registry, 'CreditCodeMismatch')
          .withArgs(requesterRoles, GAMMA_CODE),
      );
    });

    it('refuses a credit code out of the GB 32100 layout, as the chaincode does', async () => {
      const { registry, outsider } = await loadFixture(deployConsortium);
      const bad = [
        '91330100MA2ACME01', // 17 characters
        '91330100MA2ACME01XX', // 19
        '91330100MA2ACMEO1X', // O is outside the code alphabet
        '91330100MA2ACMEI1X', // I
        '91330100MA2ACMES1X', // S
        '91330100MA2ACMEV1X', // V
        '91330100MA2ACMEZ1X', // Z
        '91330100ma2acme01x', // lower case
        '91ABCDEFMA2ACME01X', // no six-digit division code
        '9133010AMA2ACME01X', // a letter in the division code
        '91330100MA2ACME01-', // punctuation
        '91330100MA2ACME01 ', // a trailing space
      ];
      for (const code of bad) {
        expect(chaincodeCreditCode.safeParse(code).success, code).to.equal(false);
        await unchanged(registry, () =>
          expect(registry.registerOrganization(outsider.address, 'gamma', 'Gamma', 64n, code))
            .to.be.revertedWithCustomError(registry, 'InvalidCreditCode')
            .withArgs(code),
        );
      }
      for (const code of ['Y1330100MA2GAMA03W', 'AB123456WXYTUPQRNJ']) {
        expect(chaincodeCreditCode.safeParse(code).success, code).to.equal(true);
        await registry.registerOrganization.staticCall(
          outsider.address,
          'gamma',
          'Gamma',
          64n,
          code,
        );
      }
    });

    it('refuses an account registered already, an id taken and a code bound to another', async () => {
      const { registry, issuer, outsider, enterprise } = await loadFixture(deployConsortium);
      await unchanged(registry, () =>
        expect(registry.registerOrganization(issuer.address, 'north-bank', 'North Bank', 16n, ''))
          .to.be.revertedWithCustomError(registry, 'OrganizationExists')
          .withArgs(issuer.address),
      );
      await unchanged(registry, () =>
        expect(
          registry.registerOrganization(outsider.address, 'market-regulation', 'Again', 2n, ''),
        )
          .to.be.revertedWithCustomError(registry, 'OrganizationIdTaken')
          .withArgs('market-regulation', issuer.address),
      );
      await unchanged(registry, () =>
        expect(registry.registerOrganization(outsider.address, 'gamma', 'Gamma', 64n, ACME_CODE))
          .to.be.revertedWithCustomError(registry, 'CreditCodeBound')
          .withArgs(ACME_CODE, enterprise.address),
      );
    });

    it('reads an unknown organization as absent', async () => {
      const { registry, outsider } = await loadFixture(deployConsortium);
      await expect(registry.getOrganization(outsider.address))
        .to.be.revertedWithCustomError(registry, 'UnknownOrganization')
        .withArgs(outsider.address);
      expect(await registry.accountOf('north-bank')).to.equal(ZERO);
      for (const role of Object.values(Role))
        expect(await registry.hasRole(outsider.address, role)).to.equal(false);
    });
  });

  describe('setRoles', () => {
    it('replaces the roles, keeps registeredAt, moves updatedAt, with its event', async () => {
      const { registry, requester } = await loadFixture(deployConsortium);
      const registeredAt = (await registry.getOrganization(requester.address)).registeredAt;
      const at = (await nextTimestamp()) + 60n;
      await time.setNextBlockTimestamp(at);
      const roles = roleMask('REQUESTER', 'DATA_HOLDER');
      await expect(registry.setRoles(requester.address, roles, ''))
        .to.emit(registry, 'RolesChanged')
        .withArgs(requester.address, roles);
      const org = await registry.getOrganization(requester.address);
      expect(org.roles).to.equal(roles);
      expect(org.registeredAt).to.equal(registeredAt);
      expect(org.updatedAt).to.equal(at);
      expect(org.id).to.equal('city-bank');
      expect(await registry.hasRole(requester.address, Role.DATA_HOLDER)).to.equal(true);
    });

    it('is refused to a non-governance member, and for an unknown organization', async () => {
      const { registry, issuer, otherIssuer, outsider } = await loadFixture(deployConsortium);
      await unchanged(registry, () =>
        expect(
          registry.connect(issuer).setRoles(otherIssuer.address, roleMask('ISSUER', 'AUDITOR'), ''),
        )
          .to.be.revertedWithCustomError(registry, 'MissingRole')
          .withArgs(issuer.address, Role.GOVERNANCE),
      );
      await unchanged(registry, () =>
        expect(registry.setRoles(outsider.address, roleMask('REQUESTER'), ''))
          .to.be.revertedWithCustomError(registry, 'UnknownOrganization')
          .withArgs(outsider.address),
      );
    });

    it('checks the mask and the credit code as a registration does', async () => {
      const { registry, requester, enterprise } = await loadFixture(deployConsortium);
      await unchanged(registry, () =>
        expect(registry.setRoles(requester.address, 0n, ''))
          .to.be.revertedWithCustomError(registry, 'InvalidRoles')
          .withArgs(0n),
      );
      const withEnterprise = roleMask('ENTERPRISE', 'REQUESTER');
      await unchanged(registry, () =>
        expect(registry.setRoles(enterprise.address, withEnterprise, ''))
          .to.be.revertedWithCustomError(registry, 'CreditCodeMismatch')
          .withArgs(withEnterprise, ''),
      );
      await unchanged(registry, () =>
        expect(registry.setRoles(requester.address, roleMask('REQUESTER'), GAMMA_CODE))
          .to.be.revertedWithCustomError(registry, 'CreditCodeMismatch')
          .withArgs(roleMask('REQUESTER'), GAMMA_CODE),
      );
      await unchanged(registry, () =>
        expect(registry.setRoles(requester.address, withEnterprise, 'not-a-code'))
          .to.be.revertedWithCustomError(registry, 'InvalidCreditCode')
          .withArgs('not-a-code'),
      );
    });

    it('never rebinds an enterprise to another code nor lets another take its code', async () => {
      const { registry, enterprise, requester } = await loadFixture(deployConsortium);
      const roles = roleMask('ENTERPRISE');
      await unchanged(registry, () =>
        expect(registry.setRoles(enterprise.address, roles, GAMMA_CODE))
          .to.be.revertedWithCustomError(registry, 'CreditCodeBound')
          .withArgs(ACME_CODE, enterprise.address),
      );
      await unchanged(registry, () =>
        expect(registry.setRoles(requester.address, roleMask('REQUESTER', 'ENTERPRISE'), ACME_CODE))
          .to.be.revertedWithCustomError(registry, 'CreditCodeBound')
          .withArgs(ACME_CODE, enterprise.address),
      );
      // Keeping its own code is fine.
      await expect(
        registry.setRoles(enterprise.address, roleMask('ENTERPRISE', 'REQUESTER'), ACME_CODE),
      )
        .to.emit(registry, 'RolesChanged')
        .withArgs(enterprise.address, roleMask('ENTERPRISE', 'REQUESTER'));
      expect(await registry.isEnterprise(enterprise.address, ACME_CODE)).to.equal(true);
    });

    it('keeps the code bound after ENTERPRISE is given up, and gives it back to its owner only', async () => {
      const { registry, enterprise, requester } = await loadFixture(deployConsortium);
      await registry.setRoles(enterprise.address, roleMask('REQUESTER'), '');
      expect((await registry.getOrganization(enterprise.address)).creditCode).to.equal('');
      expect(await registry.isEnterprise(enterprise.address, ACME_CODE)).to.equal(false);
      expect(await registry.enterpriseAccount(ACME_CODE)).to.equal(enterprise.address);
      await unchanged(registry, () =>
        expect(registry.setRoles(requester.address, roleMask('REQUESTER', 'ENTERPRISE'), ACME_CODE))
          .to.be.revertedWithCustomError(registry, 'CreditCodeBound')
          .withArgs(ACME_CODE, enterprise.address),
      );
      await registry.setRoles(enterprise.address, roleMask('ENTERPRISE', 'REQUESTER'), ACME_CODE);
      expect((await registry.getOrganization(enterprise.address)).creditCode).to.equal(ACME_CODE);
      expect(await registry.isEnterprise(enterprise.address, ACME_CODE)).to.equal(true);
    });

    it('acts for the code it holds now only, when it came back with another one', async () => {
      const { registry, enterprise, outsider } = await loadFixture(deployConsortium);
      await registry.setRoles(enterprise.address, roleMask('REQUESTER'), '');
      // As in the chaincode, an organization without a current code may take a free one.
      await registry.setRoles(enterprise.address, roleMask('ENTERPRISE'), GAMMA_CODE);
      expect(await registry.isEnterprise(enterprise.address, GAMMA_CODE)).to.equal(true);
      expect(await registry.isEnterprise(enterprise.address, ACME_CODE)).to.equal(false);
      expect(await registry.enterpriseAccount(ACME_CODE)).to.equal(enterprise.address);
      expect(await registry.enterpriseAccount(GAMMA_CODE)).to.equal(enterprise.address);
      await expect(
        registry.registerOrganization(outsider.address, 'acme-2', 'Acme 2', 64n, ACME_CODE),
      )
        .to.be.revertedWithCustomError(registry, 'CreditCodeBound')
        .withArgs(ACME_CODE, enterprise.address);
    });

    it('binds a free code to an organization that becomes ENTERPRISE', async () => {
      const { registry, requester } = await loadFixture(deployConsortium);
      await registry.setRoles(requester.address, roleMask('REQUESTER', 'ENTERPRISE'), GAMMA_CODE);
      expect(await registry.enterpriseAccount(GAMMA_CODE)).to.equal(requester.address);
      expect(await registry.isEnterprise(requester.address, GAMMA_CODE)).to.equal(true);
    });

    it('never lets the last GOVERNANCE organization drop the role', async () => {
      const { registry, governance } = await loadFixture(deployConsortium);
      await unchanged(registry, () =>
        expect(registry.setRoles(governance.address, roleMask('AUDITOR'), ''))
          .to.be.revertedWithCustomError(registry, 'LastGovernance')
          .withArgs(governance.address),
      );
      // Keeping GOVERNANCE while adding another role is fine.
      await registry.setRoles(governance.address, roleMask('GOVERNANCE', 'AUDITOR'), '');
      expect(await registry.hasRole(governance.address, Role.AUDITOR)).to.equal(true);
    });

    it('hands GOVERNANCE over: another gets it, the first drops it and loses its powers', async () => {
      const { registry, governance, auditor, outsider } = await loadFixture(deployConsortium);
      const both = roleMask('AUDITOR', 'GOVERNANCE');
      await expect(registry.setRoles(auditor.address, both, ''))
        .to.emit(registry, 'RolesChanged')
        .withArgs(auditor.address, both);
      await expect(registry.setRoles(governance.address, roleMask('AUDITOR'), ''))
        .to.emit(registry, 'RolesChanged')
        .withArgs(governance.address, roleMask('AUDITOR'));
      await unchanged(registry, () =>
        expect(registry.registerOrganization(outsider.address, 'north-bank', 'North Bank', 16n, ''))
          .to.be.revertedWithCustomError(registry, 'MissingRole')
          .withArgs(governance.address, Role.GOVERNANCE),
      );
      // The auditor is the last one now.
      await unchanged(registry, () =>
        expect(registry.connect(auditor).setRoles(auditor.address, roleMask('AUDITOR'), ''))
          .to.be.revertedWithCustomError(registry, 'LastGovernance')
          .withArgs(auditor.address),
      );
      await registry
        .connect(auditor)
        .registerOrganization(outsider.address, 'north-bank', 'North Bank', 16n, '');
    });

    it('counts a GOVERNANCE organization that joined by registration', async () => {
      const { registry, governance, outsider } = await loadFixture(deployConsortium);
      await registry.registerOrganization(outsider.address, 'city-council', 'Council', 1n, '');
      await registry.setRoles(governance.address, roleMask('AUDITOR'), '');
      await expect(registry.connect(outsider).setRoles(outsider.address, roleMask('AUDITOR'), ''))
        .to.be.revertedWithCustomError(registry, 'LastGovernance')
        .withArgs(outsider.address);
    });
  });

  describe('certificate types', () => {
    it('defines a type with its schema hash and issuers, with its event', async () => {
      const { registry, issuer, otherIssuer } = await loadFixture(deployConsortium);
      const at = await nextTimestamp();
      await time.setNextBlockTimestamp(at);
      const issuers = [otherIssuer.address, issuer.address];
      await expect(
        registry.defineCertificateType(
          'road-transport-permit',
          'Road Transport Permit',
          digest('road'),
          issuers,
        ),
      )
        .to.emit(registry, 'CertificateTypeDefined')
        .withArgs('road-transport-permit', issuers);
      expect(plain(await registry.getCertificateType('road-transport-permit'))).to.deep.equal(
        // No longest validity until GOVERNANCE sets one (0 days).
        plain([
          'road-transport-permit',
          'Road Transport Permit',
          digest('road'),
          issuers,
          0,
          at,
          at,
        ]),
      );
      const types = await registry.listCertificateTypes();
      expect(types.map((type) => type.id)).to.deep.equal([
        'business-licence',
        'road-transport-permit',
      ]);
    });

    it('sets and lifts the longest validity of a type, with its event; GOVERNANCE only', async () => {
      const { registry, issuer } = await loadFixture(deployConsortium);
      await unchanged(registry, () =>
        expect(registry.connect(issuer).setCertificateTypeMaxValidity('business-licence', 365))
          .to.be.revertedWithCustomError(registry, 'MissingRole')
          .withArgs(issuer.address, Role.GOVERNANCE),
      );
      await unchanged(registry, () =>
        expect(registry.setCertificateTypeMaxValidity('fishing-permit', 365))
          .to.be.revertedWithCustomError(registry, 'UnknownCertificateType')
          .withArgs('fishing-permit'),
      );
      await unchanged(registry, () =>
        expect(registry.setCertificateTypeMaxValidity('business-licence', 36_501))
          .to.be.revertedWithCustomError(registry, 'InvalidMaxValidity')
          .withArgs(36_501),
      );
      await expect(registry.setCertificateTypeMaxValidity('business-licence', 365))
        .to.emit(registry, 'CertificateTypeMaxValidityChanged')
        .withArgs('business-licence', 365);
      expect(await registry.maxValidityDaysOf('business-licence')).to.equal(365n);
      expect((await registry.getCertificateType('business-licence')).maxValidityDays).to.equal(
        365n,
      );
      await registry.setCertificateTypeMaxValidity('business-licence', 0);
      expect(await registry.maxValidityDaysOf('business-licence')).to.equal(0n);
    });

    it('is refused to a non-governance member', async () => {
      const { registry, issuer } = await loadFixture(deployConsortium);
      await unchanged(registry, () =>
        expect(
          registry
            .connect(issuer)
            .defineCertificateType('food-permit', 'Food Permit', digest('food'), [issuer.address]),
        )
          .to.be.revertedWithCustomError(registry, 'MissingRole')
          .withArgs(issuer.address, Role.GOVERNANCE),
      );
    });

    it('refuses a type id that is not a token, a blank name and a zero schema hash', async () => {
      const { registry, issuer } = await loadFixture(deployConsortium);
      for (const bad of ['Food_Permit', 'Food-Permit', '', '-food', 'f'.repeat(65)])
        await unchanged(registry, () =>
          expect(
            registry.defineCertificateType(bad, 'Food Permit', digest('food'), [issuer.address]),
          )
            .to.be.revertedWithCustomError(registry, 'InvalidToken')
            .withArgs(bad),
        );
      await unchanged(registry, () =>
        expect(registry.defineCertificateType('food-permit', ' ', digest('food'), [issuer.address]))
          .to.be.revertedWithCustomError(registry, 'InvalidText')
          .withArgs(' ', 200),
      );
      await unchanged(registry, () =>
        expect(
          registry.defineCertificateType('food-permit', 'Food Permit', ethers.ZeroHash, [
            issuer.address,
          ]),
        ).to.be.revertedWithCustomError(registry, 'ZeroHash'),
      );
    });

    it('defines a type once', async () => {
      const { registry, otherIssuer } = await loadFixture(deployConsortium);
      await unchanged(registry, () =>
        expect(
          registry.defineCertificateType('business-licence', 'Again', digest('other'), [
            otherIssuer.address,
          ]),
        )
          .to.be.revertedWithCustomError(registry, 'CertificateTypeExists')
          .withArgs('business-licence'),
      );
    });

    it('needs 1 to 100 distinct registered issuers', async () => {
      const { registry, issuer, outsider } = await loadFixture(deployConsortium);
      const define = (issuers: string[]) =>
        registry.defineCertificateType('food-permit', 'Food Permit', digest('food'), issuers);
      await unchanged(registry, () =>
        expect(define([]))
          .to.be.revertedWithCustomError(registry, 'InvalidIssuers')
          .withArgs(0, ZERO),
      );
      await unchanged(registry, () =>
        expect(define([issuer.address, outsider.address]))
          .to.be.revertedWithCustomError(registry, 'UnknownOrganization')
          .withArgs(outsider.address),
      );
      await unchanged(registry, () =>
        expect(define([issuer.address, issuer.address]))
          .to.be.revertedWithCustomError(registry, 'InvalidIssuers')
          .withArgs(2, issuer.address),
      );
      const many: string[] = [];
      for (let i = 0; i < 101; ++i) {
        const account = ethers.Wallet.createRandom().address;
        await registry.registerOrganization(account, `issuer-${i}`, `Issuer ${i}`, 2n, '');
        many.push(account);
      }
      await unchanged(registry, () =>
        expect(define(many))
          .to.be.revertedWithCustomError(registry, 'InvalidIssuers')
          .withArgs(101, ZERO),
      );
      await expect(define(many.slice(0, 100)))
        .to.emit(registry, 'CertificateTypeDefined')
        .withArgs('food-permit', many.slice(0, 100));
      expect((await registry.getCertificateType('food-permit')).issuers).to.have.length(100);
    });

    it('replaces the issuers of a type, with its event', async () => {
      const { registry, issuer, otherIssuer } = await loadFixture(deployConsortium);
      const definedAt = (await registry.getCertificateType('business-licence')).definedAt;
      const at = (await nextTimestamp()) + 30n;
      await time.setNextBlockTimestamp(at);
      const issuers = [issuer.address, otherIssuer.address];
      await expect(registry.setCertificateTypeIssuers('business-licence', issuers))
        .to.emit(registry, 'CertificateTypeIssuersChanged')
        .withArgs('business-licence', issuers);
      const type = await registry.getCertificateType('business-licence');
      expect(type.issuers).to.deep.equal(issuers);
      expect(type.definedAt).to.equal(definedAt);
      expect(type.updatedAt).to.equal(at);
      expect(type.schemaHash).to.equal(digest('schema'));
    });

    it('refuses issuer changes by a non-governance member, of an unknown type, or invalid', async () => {
      const { registry, issuer, otherIssuer, outsider } = await loadFixture(deployConsortium);
      await unchanged(registry, () =>
        expect(
          registry.connect(issuer).setCertificateTypeIssuers('business-licence', [issuer.address]),
        )
          .to.be.revertedWithCustomError(registry, 'MissingRole')
          .withArgs(issuer.address, Role.GOVERNANCE),
      );
      await unchanged(registry, () =>
        expect(registry.setCertificateTypeIssuers('food-permit', [issuer.address]))
          .to.be.revertedWithCustomError(registry, 'UnknownCertificateType')
          .withArgs('food-permit'),
      );
      await unchanged(registry, () =>
        expect(registry.setCertificateTypeIssuers('business-licence', []))
          .to.be.revertedWithCustomError(registry, 'InvalidIssuers')
          .withArgs(0, ZERO),
      );
      await unchanged(registry, () =>
        expect(
          registry.setCertificateTypeIssuers('business-licence', [
            issuer.address,
            otherIssuer.address,
            issuer.address,
          ]),
        )
          .to.be.revertedWithCustomError(registry, 'InvalidIssuers')
          .withArgs(3, issuer.address),
      );
      await unchanged(registry, () =>
        expect(
          registry.setCertificateTypeIssuers('business-licence', [
            issuer.address,
            outsider.address,
          ]),
        )
          .to.be.revertedWithCustomError(registry, 'UnknownOrganization')
          .withArgs(outsider.address),
      );
    });

    it('reads an unknown type as absent', async () => {
      const { registry, issuer } = await loadFixture(deployConsortium);
      await expect(registry.getCertificateType('food-permit'))
        .to.be.revertedWithCustomError(registry, 'UnknownCertificateType')
        .withArgs('food-permit');
      expect(await registry.mayIssue('food-permit', issuer.address)).to.equal(false);
    });

    it('lets issue only an organization both listed for the type and holding ISSUER', async () => {
      const { registry, issuer, otherIssuer, authority } = await loadFixture(deployConsortium);
      expect(await registry.mayIssue('business-licence', issuer.address)).to.equal(true);
      // An ISSUER not listed for the type.
      expect(await registry.mayIssue('business-licence', otherIssuer.address)).to.equal(false);
      // Listed, but without the ISSUER role.
      await registry.setCertificateTypeIssuers('business-licence', [
        issuer.address,
        authority.address,
      ]);
      expect(await registry.mayIssue('business-licence', authority.address)).to.equal(false);
      // Losing the role, then the listing.
      await registry.setRoles(issuer.address, roleMask('CREDIT_AUTHORITY'), '');
      expect(await registry.mayIssue('business-licence', issuer.address)).to.equal(false);
      await registry.setRoles(issuer.address, roleMask('ISSUER'), '');
      expect(await registry.mayIssue('business-licence', issuer.address)).to.equal(true);
      await registry.setCertificateTypeIssuers('business-licence', [otherIssuer.address]);
      expect(await registry.mayIssue('business-licence', issuer.address)).to.equal(false);
      expect(await registry.mayIssue('business-licence', otherIssuer.address)).to.equal(true);
    });
  });

  describe('data categories', () => {
    it('adds a category to the catalog, with its event', async () => {
      const { registry } = await loadFixture(deployConsortium);
      const at = await nextTimestamp();
      await time.setNextBlockTimestamp(at);
      await expect(registry.addDataCategory('tax-records', 'Tax records'))
        .to.emit(registry, 'DataCategoryAdded')
        .withArgs('tax-records');
      expect(await registry.isDataCategory('tax-records')).to.equal(true);
      const catalog = await registry.listDataCategories();
      expect(catalog.map((category) => category.id)).to.deep.equal([
        'identity',
        'credit-report',
        'medical-record',
        'tax-records',
      ]);
      expect(plain(catalog[3])).to.deep.equal(plain(['tax-records', 'Tax records', at]));
    });

    it('refuses a non-governance member, a bad id, a blank name and a duplicate', async () => {
      const { registry, holder } = await loadFixture(deployConsortium);
      await unchanged(registry, () =>
        expect(registry.connect(holder).addDataCategory('tax-records', 'Tax records'))
          .to.be.revertedWithCustomError(registry, 'MissingRole')
          .withArgs(holder.address, Role.GOVERNANCE),
      );
      await unchanged(registry, () =>
        expect(registry.addDataCategory('Medical Records', 'Medical records'))
          .to.be.revertedWithCustomError(registry, 'InvalidToken')
          .withArgs('Medical Records'),
      );
      await unchanged(registry, () =>
        expect(registry.addDataCategory('tax-records', ''))
          .to.be.revertedWithCustomError(registry, 'InvalidText')
          .withArgs('', 200),
      );
      await unchanged(registry, () =>
        expect(registry.addDataCategory('identity', 'Identity again'))
          .to.be.revertedWithCustomError(registry, 'DataCategoryExists')
          .withArgs('identity'),
      );
      expect(await registry.isDataCategory('tax-records')).to.equal(false);
    });
  });

  describe('negative list', () => {
    it('lists and lifts a category, with its events and entries', async () => {
      const { registry } = await loadFixture(deployConsortium);
      expect(await registry.getNegativeList()).to.have.length(0);
      const listedAt = await nextTimestamp();
      await time.setNextBlockTimestamp(listedAt);
      await expect(registry.addToNegativeList('medical-record', 'sensitive'))
        .to.emit(registry, 'NegativeListChanged')
        .withArgs('medical-record', true);
      // A category need not be in the catalog to be listed (as in the chaincode).
      await expect(registry.addToNegativeList('classified-records', 'state secrets'))
        .to.emit(registry, 'NegativeListChanged')
        .withArgs('classified-records', true);
      expect(await registry.isNegativeListed('medical-record')).to.equal(true);
      expect(await registry.isNegativeListed('classified-records')).to.equal(true);
      expect(await registry.isNegativeListed('identity')).to.equal(false);
      expect(plain(await registry.getNegativeList())).to.deep.equal(
        plain([
          ['medical-record', 'sensitive', true, listedAt],
          ['classified-records', 'state secrets', true, listedAt + 1n],
        ]),
      );
      await expect(registry.removeFromNegativeList('medical-record', 'review done'))
        .to.emit(registry, 'NegativeListChanged')
        .withArgs('medical-record', false);
      expect(await registry.isNegativeListed('medical-record')).to.equal(false);
      expect(plain(await registry.getNegativeList())).to.deep.equal(
        plain([['classified-records', 'state secrets', true, listedAt + 1n]]),
      );
      // Listed again: the entry comes back once, with its new reason.
      const againAt = (await nextTimestamp()) + 10n;
      await time.setNextBlockTimestamp(againAt);
      await registry.addToNegativeList('medical-record', 'sensitive again');
      expect(plain(await registry.getNegativeList())).to.deep.equal(
        plain([
          ['medical-record', 'sensitive again', true, againAt],
          ['classified-records', 'state secrets', true, listedAt + 1n],
        ]),
      );
    });

    it('refuses a non-governance member either way', async () => {
      const { registry, auditor } = await loadFixture(deployConsortium);
      await unchanged(registry, () =>
        expect(registry.connect(auditor).addToNegativeList('classified-records', 'state secrets'))
          .to.be.revertedWithCustomError(registry, 'MissingRole')
          .withArgs(auditor.address, Role.GOVERNANCE),
      );
      await registry.addToNegativeList('classified-records', 'state secrets');
      await unchanged(registry, () =>
        expect(registry.connect(auditor).removeFromNegativeList('classified-records', 'done'))
          .to.be.revertedWithCustomError(registry, 'MissingRole')
          .withArgs(auditor.address, Role.GOVERNANCE),
      );
    });

    it('refuses a change that changes nothing', async () => {
      const { registry } = await loadFixture(deployConsortium);
      await unchanged(registry, () =>
        expect(registry.removeFromNegativeList('identity', 'never listed'))
          .to.be.revertedWithCustomError(registry, 'NegativeListUnchanged')
          .withArgs('identity', false),
      );
      await registry.addToNegativeList('identity', 'under review');
      await unchanged(registry, () =>
        expect(registry.addToNegativeList('identity', 'again'))
          .to.be.revertedWithCustomError(registry, 'NegativeListUnchanged')
          .withArgs('identity', true),
      );
      await registry.removeFromNegativeList('identity', 'review done');
      await unchanged(registry, () =>
        expect(registry.removeFromNegativeList('identity', 'again'))
          .to.be.revertedWithCustomError(registry, 'NegativeListUnchanged')
          .withArgs('identity', false),
      );
    });

    it('refuses a category that is not a token and a blank or too long reason', async () => {
      const { registry } = await loadFixture(deployConsortium);
      for (const change of [registry.addToNegativeList, registry.removeFromNegativeList]) {
        await unchanged(registry, () =>
          expect(change('Classified', 'state secrets'))
            .to.be.revertedWithCustomError(registry, 'InvalidToken')
            .withArgs('Classified'),
        );
        for (const reason of ['', '\n', 'r'.repeat(501)])
          await unchanged(registry, () =>
            expect(change('identity', reason))
              .to.be.revertedWithCustomError(registry, 'InvalidText')
              .withArgs(reason, 500),
          );
      }
      await registry.addToNegativeList('identity', 'r'.repeat(500));
      expect((await registry.getNegativeList())[0]?.reason).to.equal('r'.repeat(500));
    });

    it('answers whether a category was listed at a past time, across its changes', async () => {
      const { registry } = await loadFixture(deployConsortium);
      const start = await nextTimestamp();
      const [listed, lifted, relisted] = [start + 100n, start + 200n, start + 300n];
      await time.setNextBlockTimestamp(listed);
      await registry.addToNegativeList('identity', 'breach');
      await time.setNextBlockTimestamp(lifted);
      await registry.removeFromNegativeList('identity', 'fixed');
      await time.setNextBlockTimestamp(relisted);
      await registry.addToNegativeList('identity', 'breach again');
      const expected: [bigint, boolean][] = [
        [0n, false],
        [listed - 1n, false],
        [listed, true],
        [lifted - 1n, true],
        [lifted, false],
        [relisted - 1n, false],
        [relisted, true],
        [2n ** 64n - 1n, true],
      ];
      for (const [at, was] of expected)
        expect(await registry.wasNegativeListedAt('identity', at), `at ${at}`).to.equal(was);
      expect(await registry.wasNegativeListedAt('credit-report', relisted)).to.equal(false);
    });

    it('reads the state after the last change of a second listed and lifted in one block', async () => {
      const { registry } = await loadFixture(deployConsortium);
      const at = (await nextTimestamp()) + 5n;
      await network.provider.send('evm_setAutomine', [false]);
      try {
        await registry.addToNegativeList('identity', 'briefly');
        await registry.removeFromNegativeList('identity', 'lifted');
        await time.setNextBlockTimestamp(at);
        await mine();
      } finally {
        await network.provider.send('evm_setAutomine', [true]);
      }
      expect(await registry.isNegativeListed('identity')).to.equal(false);
      expect(await registry.wasNegativeListedAt('identity', at - 1n)).to.equal(false);
      expect(await registry.wasNegativeListedAt('identity', at)).to.equal(false);
      expect(await registry.getNegativeList()).to.have.length(0);
    });
  });

  describe('Identifiers, as the chaincode checks them', () => {
    it('takes ids of 1-128 of A-Z a-z 0-9 . _ - starting alphanumeric, never ~', async () => {
      const { registry, outsider } = await loadFixture(deployConsortium);
      const good = ['a', 'Z9', 'Org1MSP', 'a.b_c-d', 'x-', '9.', 'a'.repeat(128)];
      const bad = [
        '',
        'a'.repeat(129),
        '.org',
        '_org',
        '-org',
        'org~1',
        '~org',
        'org bank',
        'org/bank',
        'orgé',
        'org\n',
      ];
      for (const value of good) {
        expect(chaincodeId.safeParse(value).success, value).to.equal(true);
        await registry.registerOrganization.staticCall(outsider.address, value, 'Name', 16n, '');
      }
      for (const value of bad) {
        expect(chaincodeId.safeParse(value).success, value).to.equal(false);
        await expect(registry.registerOrganization(outsider.address, value, 'Name', 16n, ''))
          .to.be.revertedWithCustomError(registry, 'InvalidIdentifier')
          .withArgs(value);
      }
    });

    it('takes tokens of 1-64 of a-z 0-9 - starting alphanumeric', async () => {
      const { registry } = await loadFixture(deployConsortium);
      const good = ['a', '9', 'tax-records', 'x-', 'a'.repeat(64)];
      const bad = [
        '',
        'a'.repeat(65),
        '-tax',
        'Tax',
        'tax_records',
        'tax.records',
        'tax~1',
        'tax records',
      ];
      for (const value of good) {
        expect(chaincodeToken.safeParse(value).success, value).to.equal(true);
        await registry.addDataCategory.staticCall(value, 'Name');
      }
      for (const value of bad) {
        expect(chaincodeToken.safeParse(value).success, value).to.equal(false);
        await expect(registry.addDataCategory(value, 'Name'))
          .to.be.revertedWithCustomError(registry, 'InvalidToken')
          .withArgs(value);
      }
    });

    it('refuses blank text as JavaScript trim sees white space', async () => {
      const { registry } = await loadFixture(deployConsortium);
      const blanks = [
        '',
        ' ',
        '\t\n\r',
        '\v\f',
        '\u00a0',
        '\u1680',
        '\u2000\u200a',
        '\u2028\u2029',
        '\u202f\u205f',
        '\u3000',
        '\ufeff',
      ];
      for (const value of blanks) {
        expect(chaincodeText(200).safeParse(value).success, JSON.stringify(value)).to.equal(false);
        await expect(registry.addDataCategory('tax-records', value))
          .to.be.revertedWithCustomError(registry, 'InvalidText')
          .withArgs(value, 200);
      }
    });

    it('counts text length in code points after trimming, as the chaincode does', async () => {
      const { registry } = await loadFixture(deployConsortium);
      const samples = [
        'n'.repeat(200),
        'n'.repeat(201),
        `  ${'n'.repeat(200)}\t\u3000`,
        `  ${'n'.repeat(201)}  `,
        '市'.repeat(200), // 600 bytes, 200 characters
        '市'.repeat(201),
        '😀'.repeat(200), // 800 bytes, 200 code points (400 UTF-16 units)
        '😀'.repeat(201),
        `${'😀'.repeat(100)}a`, // 201 UTF-16 units, 101 code points
        '\u200bx', // a zero-width space is not white space
        '\u0085x\u180e', // nor NEL nor the Mongolian vowel separator
        ` \u00a0Tax records\u2009 `,
      ];
      for (const [index, value] of samples.entries()) {
        const parsed = chaincodeText(200).safeParse(value);
        const category = `cat-${index}`;
        if (!parsed.success) {
          await expect(registry.addDataCategory(category, value))
            .to.be.revertedWithCustomError(registry, 'InvalidText')
            .withArgs(value, 200);
          continue;
        }
        await registry.addDataCategory(category, value);
        const stored = (await registry.listDataCategories()).find((entry) => entry.id === category);
        expect(stored?.name, `sample ${index}`).to.equal(parsed.data);
      }
      // The samples above include both outcomes.
      expect(samples.filter((value) => chaincodeText(200).safeParse(value).success)).to.have.length(
        8,
      );
    });

    it('stores trimmed names and reasons', async () => {
      const { registry, outsider, issuer } = await loadFixture(deployConsortium);
      await registry.registerOrganization(
        outsider.address,
        'north-bank',
        '  North Bank\n',
        16n,
        '',
      );
      expect((await registry.getOrganization(outsider.address)).name).to.equal('North Bank');
      await registry.defineCertificateType('food-permit', '\tFood Permit ', digest('food'), [
        issuer.address,
      ]);
      expect((await registry.getCertificateType('food-permit')).name).to.equal('Food Permit');
      await registry.addToNegativeList('identity', ' breach ');
      expect((await registry.getNegativeList())[0]?.reason).to.equal('breach');
    });
  });
});
