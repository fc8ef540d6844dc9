import type { HardhatEthersSigner } from '@nomicfoundation/hardhat-ethers/signers';
import { ethers } from 'hardhat';
import type { OrgRegistry } from '../.cache/types';
import { roleMask, type RoleName } from '@citytrust/ledger-evm';

export { Role, roleMask, type RoleName } from '@citytrust/ledger-evm';

export const ACME_CODE = '91330100MA2ACME01X';
export const BETA_CODE = '91330100MA2BETA02Y';

/** A SHA-256-sized value made from a label, for tests that need distinct hashes. */
export function digest(label: string): string {
  return ethers.sha256(ethers.toUtf8Bytes(label));
}

export interface Consortium {
  readonly registry: OrgRegistry;
  readonly governance: HardhatEthersSigner;
  readonly issuer: HardhatEthersSigner;
  readonly otherIssuer: HardhatEthersSigner;
  readonly authority: HardhatEthersSigner;
  readonly holder: HardhatEthersSigner;
  readonly requester: HardhatEthersSigner;
  readonly otherRequester: HardhatEthersSigner;
  readonly auditor: HardhatEthersSigner;
  readonly enterprise: HardhatEthersSigner;
  readonly otherEnterprise: HardhatEthersSigner;
  readonly outsider: HardhatEthersSigner;
}

/**
 * The demo consortium on a fresh OrgRegistry: one organization per role (two issuers, two
 * requesters and two enterprises, so tests can try the wrong one), certificate type
 * `business-licence` issued by `issuer` only, data categories `identity`, `credit-report`
 * and `medical-record`. `outsider` is not registered. Use it with `loadFixture`.
 */
export async function deployConsortium(): Promise<Consortium> {
  const signers = await ethers.getSigners();
  const signer = (index: number): HardhatEthersSigner => {
    const found = signers[index];
    if (!found) throw new Error(`Hardhat has no account ${index} for the consortium`);
    return found;
  };
  const consortium = {
    governance: signer(0),
    issuer: signer(1),
    otherIssuer: signer(2),
    authority: signer(3),
    holder: signer(4),
    requester: signer(5),
    otherRequester: signer(6),
    auditor: signer(7),
    enterprise: signer(8),
    otherEnterprise: signer(9),
    outsider: signer(10),
  };
  const registry = await (
    await ethers.getContractFactory('OrgRegistry', consortium.governance)
  ).deploy();
  await registry.initialize('city-data-bureau', 'City Data Bureau');
  const members: [HardhatEthersSigner, string, RoleName[], string][] = [
    [consortium.issuer, 'market-regulation', ['ISSUER'], ''],
    [consortium.otherIssuer, 'transport-bureau', ['ISSUER'], ''],
    [consortium.authority, 'credit-authority', ['CREDIT_AUTHORITY'], ''],
    [consortium.holder, 'citizen-services', ['DATA_HOLDER'], ''],
    [consortium.requester, 'city-bank', ['REQUESTER'], ''],
    [consortium.otherRequester, 'river-bank', ['REQUESTER'], ''],
    [consortium.auditor, 'audit-office', ['AUDITOR'], ''],
    [consortium.enterprise, 'acme-trading', ['ENTERPRISE'], ACME_CODE],
    [consortium.otherEnterprise, 'beta-industries', ['ENTERPRISE'], BETA_CODE],
  ];
  for (const [member, id, roles, creditCode] of members)
    await registry.registerOrganization(member.address, id, id, roleMask(...roles), creditCode);
  await registry.defineCertificateType('business-licence', 'Business licence', digest('schema'), [
    consortium.issuer.address,
  ]);
  for (const category of ['identity', 'credit-report', 'medical-record'])
    await registry.addDataCategory(category, category);
  return { registry, ...consortium };
}
