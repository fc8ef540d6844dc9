/**
 * Gas used by each hub operation on Hardhat's in-process chain, each as a ratio to a plain
 * value transfer measured in the same run. Gas is deterministic for the same code and inputs,
 * so one run of each is the figure.
 */
import type { HardhatEthersSigner } from '@nomicfoundation/hardhat-ethers/signers';
import type { TransactionResponse } from 'ethers';
import { ethers } from 'hardhat';
import {
  AnchorRegistry__factory,
  AuthorizationRegistry__factory,
  CertificateRegistry__factory,
  CreditRegistry__factory,
  OrgRegistry__factory,
} from '../.cache/types';
import { deployHub, hubWiring, type HubAddresses } from '@citytrust/ledger-evm';
import { roleMask, type RoleName } from '@citytrust/ledger-evm';

const sha = (label: string): string => ethers.sha256(ethers.toUtf8Bytes(label));

async function gasOf(transaction: Promise<TransactionResponse>): Promise<bigint> {
  const receipt = await (await transaction).wait();
  if (!receipt || receipt.status !== 1) throw new Error('the measured transaction failed');
  return receipt.gasUsed;
}

interface Members {
  readonly governance: HardhatEthersSigner;
  readonly issuer: HardhatEthersSigner;
  readonly auditor: HardhatEthersSigner;
  readonly holder: HardhatEthersSigner;
  readonly requester: HardhatEthersSigner;
  readonly authority: HardhatEthersSigner;
  readonly enterprise: HardhatEthersSigner;
}

const ACME_CODE = '91330100MA2ACME01X';

async function consortium(addresses: HubAddresses, members: Members): Promise<void> {
  const registry = OrgRegistry__factory.connect(addresses.OrgRegistry, members.governance);
  await (await registry.initialize('city-data-bureau', 'City Data Bureau')).wait();
  for (const wiring of await hubWiring(addresses, members.governance))
    await (await members.governance.sendTransaction(wiring)).wait();
  const roles: [HardhatEthersSigner, string, RoleName[], string][] = [
    [members.issuer, 'market-regulation', ['ISSUER'], ''],
    [members.auditor, 'audit-office', ['AUDITOR'], ''],
    [members.holder, 'citizen-services', ['DATA_HOLDER'], ''],
    [members.requester, 'city-bank', ['REQUESTER'], ''],
    [members.authority, 'tax-bureau', ['CREDIT_AUTHORITY'], ''],
    [members.enterprise, 'acme-trading', ['ENTERPRISE'], ACME_CODE],
  ];
  for (const [signer, id, names, creditCode] of roles)
    await (
      await registry.registerOrganization(signer.address, id, id, roleMask(...names), creditCode)
    ).wait();
  await (
    await registry.defineCertificateType('business-license', 'Business License', sha('schema'), [
      members.issuer.address,
    ])
  ).wait();
  await (await registry.addDataCategory('social-security', 'Social security')).wait();
  await (await registry.addDataCategory('credit-report', 'Credit report')).wait();
}

async function main(): Promise<void> {
  const [governance, issuer, auditor, holder, requester, spare, authority, enterprise] =
    await ethers.getSigners();
  if (
    !governance ||
    !issuer ||
    !auditor ||
    !holder ||
    !requester ||
    !spare ||
    !authority ||
    !enterprise
  )
    throw new Error('too few accounts');
  const addresses = await deployHub(governance);
  const figures: [string, bigint][] = [];
  const baseline = await gasOf(governance.sendTransaction({ to: spare.address, value: 1n }));
  figures.push(['baseline: a value transfer', baseline]);

  await consortium(addresses, {
    governance,
    issuer,
    auditor,
    holder,
    requester,
    authority,
    enterprise,
  });
  const registry = OrgRegistry__factory.connect(addresses.OrgRegistry, governance);
  figures.push([
    'register an organization',
    await gasOf(
      registry.registerOrganization(spare.address, 'spare-org', 'Spare', roleMask('REQUESTER'), ''),
    ),
  ]);

  const certificates = CertificateRegistry__factory.connect(addresses.CertificateRegistry, issuer);
  figures.push([
    'issue a certificate',
    await gasOf(certificates.issue('LIC-1', 'business-license', sha('holder'), sha('doc-1'), 0, 0)),
  ]);
  figures.push([
    'anchor a batch of 100,000 certificates',
    await gasOf(
      certificates.anchorBatch('BATCH-1', 'business-license', sha('root'), 100_000, 0, 0),
    ),
  ]);
  figures.push(['revoke a certificate', await gasOf(certificates.revoke('LIC-1', 'fraud'))]);

  const anchors = AnchorRegistry__factory.connect(addresses.AnchorRegistry, auditor);
  figures.push([
    'anchor a checkpoint of another ledger',
    await gasOf(anchors.anchor('fabric:citytrust', 0, 99, sha('checkpoint'))),
  ]);

  const authorizations = AuthorizationRegistry__factory.connect(
    addresses.AuthorizationRegistry,
    holder,
  );
  figures.push([
    'authorize a use of data',
    await gasOf(
      authorizations.create({
        id: 'AUTH-1',
        subjectType: 0,
        subject: sha('citizen').slice(2),
        grantee: requester.address,
        categories: ['social-security'],
        purpose: 'loan-assessment',
        legalBasis: 0,
        operations: 1,
        maxAccesses: 10,
        maxPerDay: 5,
        validFrom: 0,
        validUntil: 4102444800,
        consentEvidenceHash: sha('consent'),
      }),
    ),
  ]);
  const access = {
    authorizationId: 'AUTH-1',
    subject: '',
    category: 'social-security',
    purpose: 'loan-assessment',
    operation: 0,
    recordCount: 1,
    requestHash: sha('request-1'),
  };
  const asRequester = authorizations.connect(requester);
  const denied = { ...access, purpose: 'marketing', requestHash: sha('request-2') };
  // The figures are only what they say if the contract decides as labelled.
  if (!(await asRequester.recordAccess.staticCall(access)).allowed)
    throw new Error('the allowed access was denied');
  if ((await asRequester.recordAccess.staticCall(denied)).allowed)
    throw new Error('the denied access was allowed');
  figures.push(['record an allowed access', await gasOf(asRequester.recordAccess(access))]);
  figures.push([
    'record a denied access (purpose outside the authorization)',
    await gasOf(asRequester.recordAccess(denied)),
  ]);

  const credit = CreditRegistry__factory.connect(addresses.CreditRegistry, authority);
  const now = (await ethers.provider.getBlock('latest'))?.timestamp ?? 0;
  figures.push([
    'record a credit record',
    await gasOf(
      credit.createRecord(
        'CR-1',
        ACME_CODE,
        1, // PENALTY
        1, // MEDIUM
        'Late tax filing',
        sha('decision'),
        now - 86_400,
        now + 730 * 86_400,
      ),
    ),
  ]);
  const asEnterprise = credit.connect(enterprise);
  figures.push([
    'file an objection to a credit record',
    await gasOf(asEnterprise.fileObjection('OBJ-1', 'CR-1', 'Filed on time', sha('evidence'))),
  ]);
  figures.push([
    'anchor a credit report (the enterprise)',
    await gasOf(asEnterprise.anchorReport(ACME_CODE, sha('report-1'))),
  ]);
  await (
    await authorizations.connect(enterprise).create({
      id: 'AUTH-CR',
      subjectType: 1,
      subject: ACME_CODE,
      grantee: requester.address,
      categories: ['credit-report'],
      purpose: 'loan-assessment',
      legalBasis: 0,
      operations: 1,
      maxAccesses: 10,
      maxPerDay: 5,
      validFrom: 0,
      validUntil: 4102444800,
      consentEvidenceHash: sha('consent'),
    })
  ).wait();
  const report = [ACME_CODE, sha('report-2'), 'AUTH-CR', 'loan-assessment', sha('req')] as const;
  const asBank = credit.connect(requester);
  if (!(await asBank.anchorReportWithAuthorization.staticCall(...report)).allowed)
    throw new Error('the credit report access was denied');
  figures.push([
    'anchor a credit report through an authorization (access recorded)',
    await gasOf(asBank.anchorReportWithAuthorization(...report)),
  ]);

  console.log(
    'contracts: gas per operation (Hardhat in-process chain, solc 0.8.30, optimizer 200 runs)',
  );
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
