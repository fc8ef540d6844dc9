import type { HardhatEthersSigner } from '@nomicfoundation/hardhat-ethers/signers';
import { loadFixture, time } from '@nomicfoundation/hardhat-network-helpers';
import { expect } from 'chai';
import { ethers } from 'hardhat';
import type { ContractTransactionResponse } from 'ethers';
import type { AuthorizationRegistry, CreditRegistry, MockAccessRecorder } from '../.cache/types';
import { buildCreditReport, canonicalHash } from '@citytrust/domain';
import {
  ACME_CODE,
  BETA_CODE,
  type Consortium,
  deployConsortium,
  digest,
  Role,
  roleMask,
} from './consortium';
import { ledgerRecord } from '@citytrust/ledger-evm';

/** The enums of CreditRegistry.sol, by name, in their declaration order. */
const Category = { LICENSE: 0, PENALTY: 1, RED_LIST: 2, BLACK_LIST: 3, ABNORMAL_OPERATION: 4 };
const Severity = { LOW: 0, MEDIUM: 1, HIGH: 2, SEVERE: 3 };
const Status = { NOT_RECORDED: 0, ACTIVE: 1, REPAIRED: 2, WITHDRAWN: 3, EXPIRED: 4 };
const Workflow = { NONE: 0, OBJECTION: 1, REPAIR: 2 };
const ObjectionStatus = { PENDING: 0, UPHELD: 1, CORRECTED: 2 };
const RepairStatus = { PENDING: 0, APPROVED: 1, REJECTED: 2 };

const DAY = 86_400;
const YEAR = 365 * DAY;
/** 2200-01-01T00:00:00Z, the first date the hub refuses. */
const LATEST = 7_258_118_400;
const ZERO_HASH = ethers.ZeroHash;

interface RecordInput {
  id: string;
  subject: string;
  category: number;
  severity: number;
  title: string;
  decisionHash: string;
  effectiveAt: number;
  publicUntil: number;
}

interface CreditFixture extends Consortium {
  credit: CreditRegistry;
  recorder: MockAccessRecorder;
  otherAuthority: HardhatEthersSigner;
  /** The time the fixture was deployed at; records take effect before it. */
  start: number;
}

async function deployCredit(): Promise<CreditFixture> {
  const consortium = await deployConsortium();
  const otherAuthority = (await ethers.getSigners())[11];
  if (!otherAuthority) throw new Error('Hardhat has no account 11');
  await consortium.registry.registerOrganization(
    otherAuthority.address,
    'tax-bureau',
    'Tax Bureau',
    roleMask('CREDIT_AUTHORITY'),
    '',
  );
  const recorder = await (await ethers.getContractFactory('MockAccessRecorder')).deploy();
  const credit = await (
    await ethers.getContractFactory('CreditRegistry')
  ).deploy(await consortium.registry.getAddress(), await recorder.getAddress());
  return { ...consortium, credit, recorder, otherAuthority, start: await time.latest() };
}

function recordInput(start: number, overrides: Partial<RecordInput> = {}): RecordInput {
  return {
    id: 'CR-PEN-1',
    subject: ACME_CODE,
    category: Category.PENALTY,
    severity: Severity.MEDIUM,
    title: 'Fine for mislabelled goods',
    decisionHash: digest('decision CR-PEN-1'),
    effectiveAt: start - 60 * DAY,
    publicUntil: start + 2 * YEAR,
    ...overrides,
  };
}

function create(
  credit: CreditRegistry,
  signer: HardhatEthersSigner,
  input: RecordInput,
): Promise<ContractTransactionResponse> {
  return credit
    .connect(signer)
    .createRecord(
      input.id,
      input.subject,
      input.category,
      input.severity,
      input.title,
      input.decisionHash,
      input.effectiveAt,
      input.publicUntil,
    );
}

/**
 * acme has PEN-1 (PENALTY), PEN-2 (PENALTY), LIC-1 (LICENSE, no publicity end), RED-1
 * (RED_LIST), BLK-1 (BLACK_LIST, public for 30 more days), all by `authority`, and ABN-1
 * (ABNORMAL_OPERATION) by `otherAuthority`; beta has BETA-1 (PENALTY) by `otherAuthority`.
 */
async function withRecords(): Promise<CreditFixture & { inputs: Record<string, RecordInput> }> {
  const fixture = await deployCredit();
  const { credit, authority, otherAuthority, start } = fixture;
  const inputs: Record<string, RecordInput> = {
    'CR-PEN-1': recordInput(start),
    'CR-PEN-2': recordInput(start, {
      id: 'CR-PEN-2',
      severity: Severity.LOW,
      title: 'Late annual report',
      decisionHash: digest('decision CR-PEN-2'),
      effectiveAt: start - 45 * DAY,
    }),
    'CR-LIC-1': recordInput(start, {
      id: 'CR-LIC-1',
      category: Category.LICENSE,
      severity: Severity.LOW,
      title: 'Business licence granted',
      decisionHash: digest('decision CR-LIC-1'),
      effectiveAt: start - 200 * DAY,
      publicUntil: 0,
    }),
    'CR-RED-1': recordInput(start, {
      id: 'CR-RED-1',
      category: Category.RED_LIST,
      severity: Severity.LOW,
      title: 'Trustworthy taxpayer',
      decisionHash: digest('decision CR-RED-1'),
      effectiveAt: start - 120 * DAY,
    }),
    'CR-BLK-1': recordInput(start, {
      id: 'CR-BLK-1',
      category: Category.BLACK_LIST,
      severity: Severity.HIGH,
      title: 'Unpaid court judgment',
      decisionHash: digest('decision CR-BLK-1'),
      effectiveAt: start - 90 * DAY,
      publicUntil: start + 30 * DAY,
    }),
    'CR-ABN-1': recordInput(start, {
      id: 'CR-ABN-1',
      category: Category.ABNORMAL_OPERATION,
      title: 'Not reachable at registered address',
      decisionHash: digest('decision CR-ABN-1'),
      effectiveAt: start - 30 * DAY,
      publicUntil: 0,
    }),
    'CR-BETA-1': recordInput(start, {
      id: 'CR-BETA-1',
      subject: BETA_CODE,
      severity: Severity.LOW,
      title: 'Late tax filing',
      decisionHash: digest('decision CR-BETA-1'),
      effectiveAt: start - 20 * DAY,
    }),
  };
  for (const input of Object.values(inputs)) {
    const byOther = input.id === 'CR-ABN-1' || input.id === 'CR-BETA-1';
    await create(credit, byOther ? otherAuthority : authority, input);
  }
  return { ...fixture, inputs };
}

/** Everything a refused change could have touched, as the auditor reads it. */
async function creditState(fixture: CreditFixture): Promise<unknown> {
  const reader = fixture.credit.connect(fixture.auditor);
  const records = [
    ...(await reader.listBySubject(ACME_CODE)),
    ...(await reader.listBySubject(BETA_CODE)),
  ];
  const workflows: unknown[] = [];
  for (const id of ['OBJ-1', 'OBJ-2', 'REP-1', 'REP-2']) {
    const read = id.startsWith('OBJ') ? reader.getObjection(id) : reader.getRepairRequest(id);
    workflows.push(await read.catch(() => null));
  }
  return JSON.parse(
    JSON.stringify({ records, workflows }, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    ),
  );
}

async function expectUnchanged(
  fixture: CreditFixture,
  attempt: () => Promise<void>,
): Promise<void> {
  const before = await creditState(fixture);
  await attempt();
  expect(await creditState(fixture)).to.deep.equal(before);
}

describe('CreditRegistry', () => {
  describe('createRecord', () => {
    it('records a credit record with its authority, ACTIVE, and announces it', async () => {
      const { credit, authority, auditor, start } = await loadFixture(deployCredit);
      const input = recordInput(start);
      const tx = await create(credit, authority, input);
      await expect(tx)
        .to.emit(credit, 'CreditRecordCreated')
        .withArgs('CR-PEN-1', ACME_CODE, Category.PENALTY, authority.address);
      const at = await time.latest();
      const record = await credit.connect(auditor).getRecord('CR-PEN-1');
      expect(record.id).to.equal('CR-PEN-1');
      expect(record.subject).to.equal(ACME_CODE);
      expect(record.category).to.equal(Category.PENALTY);
      expect(record.severity).to.equal(Severity.MEDIUM);
      expect(record.title).to.equal(input.title);
      expect(record.authority).to.equal(authority.address);
      expect(record.decisionHash).to.equal(input.decisionHash);
      expect(record.effectiveAt).to.equal(input.effectiveAt);
      expect(record.publicUntil).to.equal(input.publicUntil);
      expect(record.status).to.equal(Status.ACTIVE);
      expect(record.statusNote).to.equal('');
      expect(record.pendingWorkflow).to.equal(Workflow.NONE);
      expect(record.pendingWorkflowId).to.equal('');
      expect(record.createdAt).to.equal(at);
      expect(record.updatedAt).to.equal(at);
      const listed = await credit.connect(auditor).listBySubject(ACME_CODE);
      expect(listed.map((entry) => entry.id)).to.deep.equal(['CR-PEN-1']);
    });

    it('takes every category and severity, and a record without publicity end', async () => {
      const { credit, authority, auditor, start } = await loadFixture(deployCredit);
      for (const [name, category] of Object.entries(Category))
        await create(
          credit,
          authority,
          recordInput(start, {
            id: `CR-${name}`,
            category,
            severity: category % 4,
            publicUntil: 0,
          }),
        );
      const listed = await credit.connect(auditor).listBySubject(ACME_CODE);
      expect(listed.map((entry) => Number(entry.category))).to.deep.equal(Object.values(Category));
      expect(listed.map((entry) => Number(entry.severity))).to.deep.equal([0, 1, 2, 3, 0]);
      expect(listed.every((entry) => entry.publicUntil === 0n)).to.equal(true);
    });

    it('takes a record effective in the same second it is recorded', async () => {
      const { credit, authority, auditor, start } = await loadFixture(deployCredit);
      const now = start + 100;
      await time.setNextBlockTimestamp(now);
      await create(credit, authority, recordInput(start, { effectiveAt: now }));
      expect((await credit.connect(auditor).getRecord('CR-PEN-1')).effectiveAt).to.equal(now);
    });

    it('refuses organizations without CREDIT_AUTHORITY, changing nothing', async () => {
      const fixture = await loadFixture(deployCredit);
      const { credit, issuer, enterprise, requester, outsider, start } = fixture;
      for (const signer of [issuer, enterprise, requester, outsider])
        await expectUnchanged(fixture, async () => {
          await expect(create(credit, signer, recordInput(start)))
            .to.be.revertedWithCustomError(credit, 'MissingRole')
            .withArgs(signer.address, Role.CREDIT_AUTHORITY);
        });
    });

    it('refuses malformed ids, credit codes, titles and hashes, changing nothing', async () => {
      const fixture = await loadFixture(deployCredit);
      const { credit, authority, start } = fixture;
      const refusals: [Partial<RecordInput>, string, unknown[]][] = [
        [{ id: '' }, 'InvalidIdentifier', ['']],
        [{ id: '-CR' }, 'InvalidIdentifier', ['-CR']],
        [{ id: 'CR 1' }, 'InvalidIdentifier', ['CR 1']],
        [{ id: 'C'.repeat(129) }, 'InvalidIdentifier', ['C'.repeat(129)]],
        [{ subject: '91330100MA2ACME01' }, 'InvalidCreditCode', ['91330100MA2ACME01']],
        [{ subject: '91330100MA2ACME01XX' }, 'InvalidCreditCode', ['91330100MA2ACME01XX']],
        [{ subject: '91330100ma2acme01x' }, 'InvalidCreditCode', ['91330100ma2acme01x']],
        [{ subject: '913301A0MA2ACME01X' }, 'InvalidCreditCode', ['913301A0MA2ACME01X']],
        [{ subject: '91330100MA2ACMEO1X' }, 'InvalidCreditCode', ['91330100MA2ACMEO1X']],
        [{ subject: '91330100MA2ACMEZ1X' }, 'InvalidCreditCode', ['91330100MA2ACMEZ1X']],
        [{ title: '' }, 'InvalidText', ['', 200]],
        [{ title: ' \t\n' }, 'InvalidText', [' \t\n', 200]],
        [{ title: 't'.repeat(201) }, 'InvalidText', ['t'.repeat(201), 200]],
        [{ decisionHash: ZERO_HASH }, 'ZeroHash', []],
      ];
      for (const [overrides, error, args] of refusals)
        await expectUnchanged(fixture, async () => {
          await expect(create(credit, authority, recordInput(start, overrides)))
            .to.be.revertedWithCustomError(credit, error)
            .withArgs(...args);
        });
    });

    it('stores texts trimmed and counts their length in characters, as the chaincode does', async () => {
      const { credit, authority, enterprise, auditor, start } = await loadFixture(deployCredit);
      await create(
        credit,
        authority,
        recordInput(start, { title: '  Fine for mislabelled goods\n' }),
      );
      await create(
        credit,
        authority,
        recordInput(start, { id: 'CR-CN-1', title: '信'.repeat(200) }),
      );
      await expect(
        create(credit, authority, recordInput(start, { id: 'CR-CN-2', title: '信'.repeat(201) })),
      )
        .to.be.revertedWithCustomError(credit, 'InvalidText')
        .withArgs('信'.repeat(201), 200);
      await credit.connect(enterprise).fileObjection('OBJ-1', 'CR-PEN-1', ' on time ', digest('e'));
      await credit.connect(authority).resolveObjection('OBJ-1', ObjectionStatus.UPHELD, '\tok ');
      await credit.connect(enterprise).requestRepair('REP-1', 'CR-PEN-1', digest('e'), ' paid ');
      await credit.connect(authority).approveRepair('REP-1', ' accepted ');
      await credit.connect(authority).withdrawRecord('CR-CN-1', '  entered in error  ');
      const reader = credit.connect(auditor);
      expect((await reader.getRecord('CR-PEN-1')).title).to.equal('Fine for mislabelled goods');
      expect((await reader.getRecord('CR-CN-1')).title).to.equal('信'.repeat(200));
      expect((await reader.getRecord('CR-CN-1')).statusNote).to.equal('entered in error');
      const objection = await reader.getObjection('OBJ-1');
      expect([objection.reason, objection.resolutionNote]).to.deep.equal(['on time', 'ok']);
      const repair = await reader.getRepairRequest('REP-1');
      expect([repair.note, repair.decisionNote]).to.deep.equal(['paid', 'accepted']);
    });

    it('refuses categories and severities outside the enums', async () => {
      const fixture = await loadFixture(deployCredit);
      const { credit, authority, start } = fixture;
      await expectUnchanged(fixture, async () => {
        await expect(create(credit, authority, recordInput(start, { category: 5 }))).to.be.reverted;
        await expect(create(credit, authority, recordInput(start, { severity: 4 }))).to.be.reverted;
      });
    });

    it('refuses an effective date in the future, changing nothing', async () => {
      const fixture = await loadFixture(deployCredit);
      const { credit, authority, start } = fixture;
      const now = start + 100;
      await expectUnchanged(fixture, async () => {
        await time.setNextBlockTimestamp(now);
        await expect(create(credit, authority, recordInput(start, { effectiveAt: now + 1 })))
          .to.be.revertedWithCustomError(credit, 'EffectiveDateInFuture')
          .withArgs(now + 1, now);
      });
    });

    it('refuses a publicity end that is not after the effective date', async () => {
      const fixture = await loadFixture(deployCredit);
      const { credit, authority, start } = fixture;
      const effectiveAt = start - DAY;
      for (const publicUntil of [effectiveAt, effectiveAt - 1])
        await expectUnchanged(fixture, async () => {
          await expect(create(credit, authority, recordInput(start, { effectiveAt, publicUntil })))
            .to.be.revertedWithCustomError(credit, 'InvalidPublicityWindow')
            .withArgs(effectiveAt, publicUntil);
        });
    });

    it('refuses dates from 2200 on, as the chaincode does', async () => {
      const fixture = await loadFixture(deployCredit);
      const { credit, authority, start } = fixture;
      await expectUnchanged(fixture, async () => {
        await expect(create(credit, authority, recordInput(start, { publicUntil: LATEST })))
          .to.be.revertedWithCustomError(credit, 'DateOutOfRange')
          .withArgs(LATEST);
        await expect(create(credit, authority, recordInput(start, { effectiveAt: LATEST })))
          .to.be.revertedWithCustomError(credit, 'DateOutOfRange')
          .withArgs(LATEST);
      });
      await create(credit, authority, recordInput(start, { publicUntil: LATEST - 1 }));
    });

    it('uses a record id once, for any authority', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, authority, otherAuthority, start } = fixture;
      for (const signer of [authority, otherAuthority])
        await expectUnchanged(fixture, async () => {
          await expect(create(credit, signer, recordInput(start, { subject: BETA_CODE })))
            .to.be.revertedWithCustomError(credit, 'CreditRecordExists')
            .withArgs('CR-PEN-1');
        });
    });
  });

  describe('withdrawRecord', () => {
    it('lets the authority withdraw its ACTIVE record, which stays, WITHDRAWN', async () => {
      const { credit, authority, auditor } = await loadFixture(withRecords);
      await expect(credit.connect(authority).withdrawRecord('CR-PEN-2', 'Entered in error'))
        .to.emit(credit, 'CreditRecordWithdrawn')
        .withArgs('CR-PEN-2', ACME_CODE);
      const at = await time.latest();
      const record = await credit.connect(auditor).getRecord('CR-PEN-2');
      expect(record.status).to.equal(Status.WITHDRAWN);
      expect(record.statusNote).to.equal('Entered in error');
      expect(record.updatedAt).to.equal(at);
      expect(record.createdAt).to.be.lessThan(at);
      const listed = await credit.connect(auditor).listBySubject(ACME_CODE);
      expect(listed.map((entry) => entry.id)).to.include('CR-PEN-2');
    });

    it('refuses another authority and organizations without CREDIT_AUTHORITY', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, authority, otherAuthority, enterprise, auditor } = fixture;
      await expectUnchanged(fixture, async () => {
        await expect(credit.connect(otherAuthority).withdrawRecord('CR-PEN-1', 'x'))
          .to.be.revertedWithCustomError(credit, 'NotRecordAuthority')
          .withArgs('CR-PEN-1', otherAuthority.address, authority.address);
        for (const signer of [enterprise, auditor])
          await expect(credit.connect(signer).withdrawRecord('CR-PEN-1', 'x'))
            .to.be.revertedWithCustomError(credit, 'MissingRole')
            .withArgs(signer.address, Role.CREDIT_AUTHORITY);
      });
    });

    it('refuses unknown records, bad ids and blank reasons', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, authority } = fixture;
      await expectUnchanged(fixture, async () => {
        await expect(credit.connect(authority).withdrawRecord('CR-NONE', 'x'))
          .to.be.revertedWithCustomError(credit, 'UnknownCreditRecord')
          .withArgs('CR-NONE');
        await expect(credit.connect(authority).withdrawRecord('CR/1', 'x'))
          .to.be.revertedWithCustomError(credit, 'InvalidIdentifier')
          .withArgs('CR/1');
        await expect(credit.connect(authority).withdrawRecord('CR-PEN-1', ' '))
          .to.be.revertedWithCustomError(credit, 'InvalidText')
          .withArgs(' ', 500);
        await expect(credit.connect(authority).withdrawRecord('CR-PEN-1', 'r'.repeat(501)))
          .to.be.revertedWithCustomError(credit, 'InvalidText')
          .withArgs('r'.repeat(501), 500);
      });
    });

    it('refuses a record with a pending workflow, a withdrawn or an expired one', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, authority, enterprise, start } = fixture;
      await credit.connect(enterprise).fileObjection('OBJ-1', 'CR-PEN-1', 'x', digest('e1'));
      await credit.connect(authority).withdrawRecord('CR-PEN-2', 'Entered in error');
      await time.increaseTo(start + 30 * DAY);
      await expectUnchanged(fixture, async () => {
        await expect(credit.connect(authority).withdrawRecord('CR-PEN-1', 'x'))
          .to.be.revertedWithCustomError(credit, 'WorkflowPending')
          .withArgs('CR-PEN-1', Workflow.OBJECTION, 'OBJ-1');
        await expect(credit.connect(authority).withdrawRecord('CR-PEN-2', 'x'))
          .to.be.revertedWithCustomError(credit, 'RecordNotActive')
          .withArgs('CR-PEN-2', Status.WITHDRAWN);
        await expect(credit.connect(authority).withdrawRecord('CR-BLK-1', 'x'))
          .to.be.revertedWithCustomError(credit, 'RecordNotActive')
          .withArgs('CR-BLK-1', Status.EXPIRED);
      });
    });

    it('refuses a repaired record', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, authority, enterprise } = fixture;
      await credit.connect(enterprise).requestRepair('REP-1', 'CR-PEN-1', digest('e'), 'paid');
      await credit.connect(authority).approveRepair('REP-1', 'ok');
      await expectUnchanged(fixture, async () => {
        await expect(credit.connect(authority).withdrawRecord('CR-PEN-1', 'x'))
          .to.be.revertedWithCustomError(credit, 'RecordNotActive')
          .withArgs('CR-PEN-1', Status.REPAIRED);
      });
    });
  });

  describe('objections', () => {
    it('lets the subject enterprise object to an ACTIVE record; the record shows it pending', async () => {
      const { credit, enterprise, auditor } = await loadFixture(withRecords);
      const evidence = digest('filing receipt');
      await expect(
        credit.connect(enterprise).fileObjection('OBJ-1', 'CR-PEN-2', 'Filed on time', evidence),
      )
        .to.emit(credit, 'ObjectionFiled')
        .withArgs('OBJ-1', 'CR-PEN-2');
      const at = await time.latest();
      const objection = await credit.connect(auditor).getObjection('OBJ-1');
      expect(objection.id).to.equal('OBJ-1');
      expect(objection.recordId).to.equal('CR-PEN-2');
      expect(objection.subject).to.equal(ACME_CODE);
      expect(objection.reason).to.equal('Filed on time');
      expect(objection.evidenceHash).to.equal(evidence);
      expect(objection.status).to.equal(ObjectionStatus.PENDING);
      expect(objection.resolutionNote).to.equal('');
      expect(objection.filedBy).to.equal(enterprise.address);
      expect(objection.filedAt).to.equal(at);
      expect(objection.resolvedAt).to.equal(0);
      const record = await credit.connect(auditor).getRecord('CR-PEN-2');
      expect(record.status).to.equal(Status.ACTIVE);
      expect(record.pendingWorkflow).to.equal(Workflow.OBJECTION);
      expect(record.pendingWorkflowId).to.equal('OBJ-1');
      expect(record.updatedAt).to.equal(at);
    });

    it('refuses everyone but the ENTERPRISE bound to the subject code', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, otherEnterprise, requester, authority, outsider } = fixture;
      await expectUnchanged(fixture, async () => {
        for (const signer of [otherEnterprise, requester, authority, outsider])
          await expect(credit.connect(signer).fileObjection('OBJ-1', 'CR-PEN-2', 'x', digest('e')))
            .to.be.revertedWithCustomError(credit, 'NotSubjectEnterprise')
            .withArgs(ACME_CODE, signer.address);
      });
    });

    it('refuses an enterprise whose ENTERPRISE role was taken away', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, registry, enterprise } = fixture;
      await registry.setRoles(enterprise.address, roleMask('REQUESTER'), '');
      await expectUnchanged(fixture, async () => {
        await expect(
          credit.connect(enterprise).fileObjection('OBJ-1', 'CR-PEN-2', 'x', digest('e')),
        )
          .to.be.revertedWithCustomError(credit, 'NotSubjectEnterprise')
          .withArgs(ACME_CODE, enterprise.address);
      });
    });

    it('refuses unknown records and bad input', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, enterprise } = fixture;
      const objector = credit.connect(enterprise);
      await expectUnchanged(fixture, async () => {
        await expect(objector.fileObjection('OBJ-1', 'CR-NONE', 'x', digest('e')))
          .to.be.revertedWithCustomError(credit, 'UnknownCreditRecord')
          .withArgs('CR-NONE');
        await expect(objector.fileObjection('OBJ 1', 'CR-PEN-2', 'x', digest('e')))
          .to.be.revertedWithCustomError(credit, 'InvalidIdentifier')
          .withArgs('OBJ 1');
        await expect(objector.fileObjection('OBJ-1', 'CR-PEN-2', '  ', digest('e')))
          .to.be.revertedWithCustomError(credit, 'InvalidText')
          .withArgs('  ', 1000);
        await expect(
          objector.fileObjection('OBJ-1', 'CR-PEN-2', 'x', ZERO_HASH),
        ).to.be.revertedWithCustomError(credit, 'ZeroHash');
      });
    });

    it('keeps one workflow at a time and uses an objection id once', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, enterprise } = fixture;
      await credit.connect(enterprise).fileObjection('OBJ-1', 'CR-PEN-2', 'x', digest('e'));
      await expectUnchanged(fixture, async () => {
        await expect(
          credit.connect(enterprise).fileObjection('OBJ-2', 'CR-PEN-2', 'x', digest('e')),
        )
          .to.be.revertedWithCustomError(credit, 'WorkflowPending')
          .withArgs('CR-PEN-2', Workflow.OBJECTION, 'OBJ-1');
        await expect(
          credit.connect(enterprise).requestRepair('REP-1', 'CR-PEN-2', digest('e'), 'x'),
        )
          .to.be.revertedWithCustomError(credit, 'WorkflowPending')
          .withArgs('CR-PEN-2', Workflow.OBJECTION, 'OBJ-1');
        await expect(
          credit.connect(enterprise).fileObjection('OBJ-1', 'CR-PEN-1', 'x', digest('e')),
        )
          .to.be.revertedWithCustomError(credit, 'ObjectionExists')
          .withArgs('OBJ-1');
      });
    });

    it('upholding leaves the record ACTIVE and closes its workflow', async () => {
      const { credit, authority, enterprise, auditor } = await loadFixture(withRecords);
      await credit.connect(enterprise).fileObjection('OBJ-1', 'CR-PEN-1', 'too much', digest('e'));
      await expect(
        credit.connect(authority).resolveObjection('OBJ-1', ObjectionStatus.UPHELD, 'Confirmed'),
      )
        .to.emit(credit, 'ObjectionResolved')
        .withArgs('OBJ-1', 'CR-PEN-1', ObjectionStatus.UPHELD);
      const at = await time.latest();
      const objection = await credit.connect(auditor).getObjection('OBJ-1');
      expect(objection.status).to.equal(ObjectionStatus.UPHELD);
      expect(objection.resolutionNote).to.equal('Confirmed');
      expect(objection.resolvedAt).to.equal(at);
      const record = await credit.connect(auditor).getRecord('CR-PEN-1');
      expect(record.status).to.equal(Status.ACTIVE);
      expect(record.statusNote).to.equal('');
      expect(record.pendingWorkflow).to.equal(Workflow.NONE);
      expect(record.pendingWorkflowId).to.equal('');
      expect(record.updatedAt).to.equal(at);
      // The record is open again: a new workflow may start.
      await credit.connect(enterprise).requestRepair('REP-1', 'CR-PEN-1', digest('e'), 'paid');
    });

    it('correcting withdraws the record', async () => {
      const { credit, authority, enterprise, auditor } = await loadFixture(withRecords);
      await credit.connect(enterprise).fileObjection('OBJ-1', 'CR-PEN-2', 'on time', digest('e'));
      await expect(
        credit.connect(authority).resolveObjection('OBJ-1', ObjectionStatus.CORRECTED, 'Verified'),
      )
        .to.emit(credit, 'ObjectionResolved')
        .withArgs('OBJ-1', 'CR-PEN-2', ObjectionStatus.CORRECTED);
      const record = await credit.connect(auditor).getRecord('CR-PEN-2');
      expect(record.status).to.equal(Status.WITHDRAWN);
      expect(record.statusNote).to.equal('corrected on objection OBJ-1');
      expect(record.pendingWorkflow).to.equal(Workflow.NONE);
      await expect(credit.connect(enterprise).fileObjection('OBJ-2', 'CR-PEN-2', 'x', digest('e')))
        .to.be.revertedWithCustomError(credit, 'RecordNotActive')
        .withArgs('CR-PEN-2', Status.WITHDRAWN);
    });

    it('refuses resolutions by others, of unknown objections, twice, or as PENDING', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, authority, otherAuthority, enterprise } = fixture;
      await credit.connect(enterprise).fileObjection('OBJ-1', 'CR-PEN-2', 'x', digest('e'));
      await expectUnchanged(fixture, async () => {
        await expect(
          credit.connect(otherAuthority).resolveObjection('OBJ-1', ObjectionStatus.CORRECTED, 'x'),
        )
          .to.be.revertedWithCustomError(credit, 'NotRecordAuthority')
          .withArgs('CR-PEN-2', otherAuthority.address, authority.address);
        await expect(
          credit.connect(enterprise).resolveObjection('OBJ-1', ObjectionStatus.CORRECTED, 'x'),
        )
          .to.be.revertedWithCustomError(credit, 'MissingRole')
          .withArgs(enterprise.address, Role.CREDIT_AUTHORITY);
        await expect(
          credit.connect(authority).resolveObjection('OBJ-1', ObjectionStatus.PENDING, 'x'),
        )
          .to.be.revertedWithCustomError(credit, 'InvalidOutcome')
          .withArgs(ObjectionStatus.PENDING);
        await expect(credit.connect(authority).resolveObjection('OBJ-1', 3, 'x')).to.be.reverted;
        await expect(
          credit.connect(authority).resolveObjection('OBJ-404', ObjectionStatus.UPHELD, 'x'),
        )
          .to.be.revertedWithCustomError(credit, 'UnknownObjection')
          .withArgs('OBJ-404');
        await expect(
          credit.connect(authority).resolveObjection('OBJ-1', ObjectionStatus.UPHELD, ''),
        )
          .to.be.revertedWithCustomError(credit, 'InvalidText')
          .withArgs('', 1000);
      });
      await credit.connect(authority).resolveObjection('OBJ-1', ObjectionStatus.CORRECTED, 'ok');
      await expectUnchanged(fixture, async () => {
        for (const outcome of [ObjectionStatus.UPHELD, ObjectionStatus.CORRECTED])
          await expect(credit.connect(authority).resolveObjection('OBJ-1', outcome, 'again'))
            .to.be.revertedWithCustomError(credit, 'ObjectionNotPending')
            .withArgs('OBJ-1', ObjectionStatus.CORRECTED);
      });
    });
  });

  describe('credit repair', () => {
    it('refuses LICENSE and RED_LIST records', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, enterprise } = fixture;
      await expectUnchanged(fixture, async () => {
        for (const [recordId, category] of [
          ['CR-LIC-1', Category.LICENSE],
          ['CR-RED-1', Category.RED_LIST],
        ] as const)
          await expect(
            credit.connect(enterprise).requestRepair('REP-1', recordId, digest('e'), 'x'),
          )
            .to.be.revertedWithCustomError(credit, 'NotRepairable')
            .withArgs(recordId, category);
      });
    });

    it('takes PENALTY, BLACK_LIST and ABNORMAL_OPERATION records; the record shows it pending', async () => {
      const { credit, enterprise, auditor } = await loadFixture(withRecords);
      const evidence = digest('receipt');
      await expect(
        credit.connect(enterprise).requestRepair('REP-1', 'CR-PEN-1', evidence, 'Fine paid'),
      )
        .to.emit(credit, 'RepairRequested')
        .withArgs('REP-1', 'CR-PEN-1');
      const at = await time.latest();
      await credit.connect(enterprise).requestRepair('REP-2', 'CR-BLK-1', digest('e2'), 'paid');
      await credit.connect(enterprise).requestRepair('REP-3', 'CR-ABN-1', digest('e3'), 'moved');
      const repair = await credit.connect(auditor).getRepairRequest('REP-1');
      expect(repair.id).to.equal('REP-1');
      expect(repair.recordId).to.equal('CR-PEN-1');
      expect(repair.subject).to.equal(ACME_CODE);
      expect(repair.evidenceHash).to.equal(evidence);
      expect(repair.note).to.equal('Fine paid');
      expect(repair.status).to.equal(RepairStatus.PENDING);
      expect(repair.decisionNote).to.equal('');
      expect(repair.requestedBy).to.equal(enterprise.address);
      expect(repair.requestedAt).to.equal(at);
      expect(repair.decidedAt).to.equal(0);
      const record = await credit.connect(auditor).getRecord('CR-PEN-1');
      expect(record.pendingWorkflow).to.equal(Workflow.REPAIR);
      expect(record.pendingWorkflowId).to.equal('REP-1');
    });

    it('refuses others than the subject enterprise, unknown records and bad input', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, enterprise, otherEnterprise, authority } = fixture;
      await expectUnchanged(fixture, async () => {
        for (const signer of [otherEnterprise, authority])
          await expect(credit.connect(signer).requestRepair('REP-1', 'CR-PEN-1', digest('e'), 'x'))
            .to.be.revertedWithCustomError(credit, 'NotSubjectEnterprise')
            .withArgs(ACME_CODE, signer.address);
        await expect(credit.connect(enterprise).requestRepair('REP-1', 'CR-NONE', digest('e'), 'x'))
          .to.be.revertedWithCustomError(credit, 'UnknownCreditRecord')
          .withArgs('CR-NONE');
        await expect(
          credit.connect(enterprise).requestRepair('REP-1', 'CR-PEN-1', ZERO_HASH, 'x'),
        ).to.be.revertedWithCustomError(credit, 'ZeroHash');
        await expect(credit.connect(enterprise).requestRepair('REP-1', 'CR-PEN-1', digest('e'), ''))
          .to.be.revertedWithCustomError(credit, 'InvalidText')
          .withArgs('', 1000);
        await expect(
          credit.connect(enterprise).requestRepair('REP~1', 'CR-PEN-1', digest('e'), 'x'),
        )
          .to.be.revertedWithCustomError(credit, 'InvalidIdentifier')
          .withArgs('REP~1');
      });
    });

    it('keeps one workflow at a time and uses a repair id once', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, enterprise } = fixture;
      await credit.connect(enterprise).requestRepair('REP-1', 'CR-PEN-1', digest('e'), 'paid');
      await expectUnchanged(fixture, async () => {
        await expect(
          credit.connect(enterprise).requestRepair('REP-9', 'CR-PEN-1', digest('e'), 'x'),
        )
          .to.be.revertedWithCustomError(credit, 'WorkflowPending')
          .withArgs('CR-PEN-1', Workflow.REPAIR, 'REP-1');
        await expect(
          credit.connect(enterprise).fileObjection('OBJ-1', 'CR-PEN-1', 'x', digest('e')),
        )
          .to.be.revertedWithCustomError(credit, 'WorkflowPending')
          .withArgs('CR-PEN-1', Workflow.REPAIR, 'REP-1');
        await expect(
          credit.connect(enterprise).requestRepair('REP-1', 'CR-ABN-1', digest('e'), 'x'),
        )
          .to.be.revertedWithCustomError(credit, 'RepairRequestExists')
          .withArgs('REP-1');
      });
    });

    it('approval makes the record REPAIRED; it cannot be repaired again', async () => {
      const { credit, authority, enterprise, auditor } = await loadFixture(withRecords);
      await credit.connect(enterprise).requestRepair('REP-1', 'CR-PEN-1', digest('e'), 'paid');
      await expect(credit.connect(authority).approveRepair('REP-1', 'Evidence accepted'))
        .to.emit(credit, 'RepairApproved')
        .withArgs('REP-1', 'CR-PEN-1');
      const at = await time.latest();
      const repair = await credit.connect(auditor).getRepairRequest('REP-1');
      expect(repair.status).to.equal(RepairStatus.APPROVED);
      expect(repair.decisionNote).to.equal('Evidence accepted');
      expect(repair.decidedAt).to.equal(at);
      const record = await credit.connect(auditor).getRecord('CR-PEN-1');
      expect(record.status).to.equal(Status.REPAIRED);
      expect(record.statusNote).to.equal('repaired on request REP-1');
      expect(record.pendingWorkflow).to.equal(Workflow.NONE);
      expect(record.updatedAt).to.equal(at);
      await expect(credit.connect(enterprise).requestRepair('REP-2', 'CR-PEN-1', digest('e'), 'x'))
        .to.be.revertedWithCustomError(credit, 'RecordNotActive')
        .withArgs('CR-PEN-1', Status.REPAIRED);
    });

    it('rejection leaves the record ACTIVE and open', async () => {
      const { credit, otherAuthority, enterprise, auditor } = await loadFixture(withRecords);
      await credit.connect(enterprise).requestRepair('REP-2', 'CR-ABN-1', digest('e'), 'moved');
      await expect(credit.connect(otherAuthority).rejectRepair('REP-2', 'Still not reachable'))
        .to.emit(credit, 'RepairRejected')
        .withArgs('REP-2', 'CR-ABN-1');
      const repair = await credit.connect(auditor).getRepairRequest('REP-2');
      expect(repair.status).to.equal(RepairStatus.REJECTED);
      expect(repair.decisionNote).to.equal('Still not reachable');
      const record = await credit.connect(auditor).getRecord('CR-ABN-1');
      expect(record.status).to.equal(Status.ACTIVE);
      expect(record.pendingWorkflow).to.equal(Workflow.NONE);
      await credit.connect(otherAuthority).withdrawRecord('CR-ABN-1', 'Entered in error');
    });

    it('refuses decisions by others, on unknown requests, and twice', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, authority, otherAuthority, enterprise } = fixture;
      await credit.connect(enterprise).requestRepair('REP-1', 'CR-PEN-1', digest('e'), 'paid');
      await expectUnchanged(fixture, async () => {
        await expect(credit.connect(otherAuthority).approveRepair('REP-1', 'ok'))
          .to.be.revertedWithCustomError(credit, 'NotRecordAuthority')
          .withArgs('CR-PEN-1', otherAuthority.address, authority.address);
        await expect(credit.connect(otherAuthority).rejectRepair('REP-1', 'no'))
          .to.be.revertedWithCustomError(credit, 'NotRecordAuthority')
          .withArgs('CR-PEN-1', otherAuthority.address, authority.address);
        await expect(credit.connect(enterprise).approveRepair('REP-1', 'ok'))
          .to.be.revertedWithCustomError(credit, 'MissingRole')
          .withArgs(enterprise.address, Role.CREDIT_AUTHORITY);
        await expect(credit.connect(authority).approveRepair('REP-404', 'ok'))
          .to.be.revertedWithCustomError(credit, 'UnknownRepairRequest')
          .withArgs('REP-404');
        await expect(credit.connect(authority).rejectRepair('REP-1', ' '))
          .to.be.revertedWithCustomError(credit, 'InvalidText')
          .withArgs(' ', 1000);
      });
      await credit.connect(authority).approveRepair('REP-1', 'ok');
      await expectUnchanged(fixture, async () => {
        await expect(credit.connect(authority).approveRepair('REP-1', 'again'))
          .to.be.revertedWithCustomError(credit, 'RepairNotPending')
          .withArgs('REP-1', RepairStatus.APPROVED);
        await expect(credit.connect(authority).rejectRepair('REP-1', 'no'))
          .to.be.revertedWithCustomError(credit, 'RepairNotPending')
          .withArgs('REP-1', RepairStatus.APPROVED);
      });
    });
  });

  describe('status at a time', () => {
    it('reads each version of a record from its change list, NOT_RECORDED before it', async () => {
      const { credit, authority, enterprise, auditor, start } = await loadFixture(deployCredit);
      const reader = credit.connect(auditor);
      await create(credit, authority, recordInput(start));
      const created = await time.latest();
      await credit.connect(enterprise).fileObjection('OBJ-1', 'CR-PEN-1', 'x', digest('e'));
      const objected = await time.latest();
      await credit.connect(authority).resolveObjection('OBJ-1', ObjectionStatus.UPHELD, 'ok');
      const upheld = await time.latest();
      await credit.connect(enterprise).requestRepair('REP-1', 'CR-PEN-1', digest('e'), 'paid');
      const requested = await time.latest();
      await credit.connect(authority).approveRepair('REP-1', 'ok');
      const repaired = await time.latest();

      const before = await reader.recordAt('CR-PEN-1', created - 1);
      expect(before.status).to.equal(Status.NOT_RECORDED);
      expect(before.id).to.equal('CR-PEN-1');
      expect(before.createdAt).to.equal(created);
      const versions: [number, number, number, string, string][] = [
        [created, Status.ACTIVE, Workflow.NONE, '', ''],
        [objected - 1, Status.ACTIVE, Workflow.NONE, '', ''],
        [objected, Status.ACTIVE, Workflow.OBJECTION, 'OBJ-1', ''],
        [upheld, Status.ACTIVE, Workflow.NONE, '', ''],
        [requested, Status.ACTIVE, Workflow.REPAIR, 'REP-1', ''],
        [repaired - 1, Status.ACTIVE, Workflow.REPAIR, 'REP-1', ''],
        [repaired, Status.REPAIRED, Workflow.NONE, '', 'repaired on request REP-1'],
      ];
      for (const [at, status, pending, pendingId, note] of versions) {
        const version = await reader.recordAt('CR-PEN-1', at);
        expect([version.status, version.pendingWorkflow, version.pendingWorkflowId]).to.deep.equal(
          [BigInt(status), BigInt(pending), pendingId],
          `at ${at - created}s`,
        );
        expect(version.statusNote).to.equal(note);
        expect(version.updatedAt).to.be.at.most(at);
        expect(version.createdAt).to.equal(created);
      }
    });

    it('derives EXPIRED from the publicity end, at and after it, for ACTIVE records only', async () => {
      const { credit, authority, enterprise, auditor, inputs } = await loadFixture(withRecords);
      const reader = credit.connect(auditor);
      const end = inputs['CR-BLK-1']?.publicUntil ?? 0;
      expect((await reader.recordAt('CR-BLK-1', end - 1)).status).to.equal(Status.ACTIVE);
      expect((await reader.recordAt('CR-BLK-1', end)).status).to.equal(Status.EXPIRED);
      await credit.connect(authority).withdrawRecord('CR-PEN-2', 'x');
      const penEnd = inputs['CR-PEN-2']?.publicUntil ?? 0;
      expect((await reader.recordAt('CR-PEN-2', penEnd + 1)).status).to.equal(Status.WITHDRAWN);
      expect((await reader.recordAt('CR-LIC-1', LATEST)).status).to.equal(Status.ACTIVE);

      await time.increaseTo(end);
      expect((await reader.getRecord('CR-BLK-1')).status).to.equal(Status.EXPIRED);
      const expired = (await reader.listBySubject(ACME_CODE)).filter(
        (entry) => entry.status === BigInt(Status.EXPIRED),
      );
      expect(expired.map((entry) => entry.id)).to.deep.equal(['CR-BLK-1']);
      await expect(credit.connect(enterprise).fileObjection('OBJ-5', 'CR-BLK-1', 'x', digest('e')))
        .to.be.revertedWithCustomError(credit, 'RecordNotActive')
        .withArgs('CR-BLK-1', Status.EXPIRED);
      await expect(credit.connect(enterprise).requestRepair('REP-5', 'CR-BLK-1', digest('e'), 'x'))
        .to.be.revertedWithCustomError(credit, 'RecordNotActive')
        .withArgs('CR-BLK-1', Status.EXPIRED);
    });
  });

  describe('reads', () => {
    it('lists a subject’s records in creation order, each subject apart', async () => {
      const { credit, requester } = await loadFixture(withRecords);
      const reader = credit.connect(requester);
      expect((await reader.listBySubject(ACME_CODE)).map((entry) => entry.id)).to.deep.equal([
        'CR-PEN-1',
        'CR-PEN-2',
        'CR-LIC-1',
        'CR-RED-1',
        'CR-BLK-1',
        'CR-ABN-1',
      ]);
      expect((await reader.listBySubject(BETA_CODE)).map((entry) => entry.id)).to.deep.equal([
        'CR-BETA-1',
      ]);
      expect(await reader.listBySubject('91330100MA2GAMMA3Y')).to.deep.equal([]);
    });

    it('shows records to members only (a courtesy: storage is public)', async () => {
      const { credit, outsider } = await loadFixture(withRecords);
      const reader = credit.connect(outsider);
      await expect(reader.getRecord('CR-PEN-1'))
        .to.be.revertedWithCustomError(credit, 'NotRegistered')
        .withArgs(outsider.address);
      await expect(reader.recordAt('CR-PEN-1', 0))
        .to.be.revertedWithCustomError(credit, 'NotRegistered')
        .withArgs(outsider.address);
      await expect(reader.listBySubject(ACME_CODE))
        .to.be.revertedWithCustomError(credit, 'NotRegistered')
        .withArgs(outsider.address);
    });

    it('refuses unknown records and bad input', async () => {
      const { credit, requester } = await loadFixture(withRecords);
      const reader = credit.connect(requester);
      await expect(reader.getRecord('CR-NONE'))
        .to.be.revertedWithCustomError(credit, 'UnknownCreditRecord')
        .withArgs('CR-NONE');
      await expect(reader.recordAt('CR-NONE', 0))
        .to.be.revertedWithCustomError(credit, 'UnknownCreditRecord')
        .withArgs('CR-NONE');
      await expect(reader.getRecord(''))
        .to.be.revertedWithCustomError(credit, 'InvalidIdentifier')
        .withArgs('');
      await expect(reader.listBySubject('ACME'))
        .to.be.revertedWithCustomError(credit, 'InvalidCreditCode')
        .withArgs('ACME');
    });

    it('shows objections and repair requests to the subject, the authority and auditors only', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, authority, otherAuthority, enterprise, otherEnterprise, auditor } = fixture;
      const { requester, issuer, outsider } = fixture;
      await credit.connect(enterprise).fileObjection('OBJ-1', 'CR-PEN-1', 'x', digest('e'));
      await credit.connect(enterprise).requestRepair('REP-2', 'CR-ABN-1', digest('e'), 'x');
      for (const signer of [enterprise, authority, auditor])
        expect((await credit.connect(signer).getObjection('OBJ-1')).id).to.equal('OBJ-1');
      for (const signer of [enterprise, otherAuthority, auditor])
        expect((await credit.connect(signer).getRepairRequest('REP-2')).id).to.equal('REP-2');
      for (const signer of [otherAuthority, otherEnterprise, requester, issuer])
        await expect(credit.connect(signer).getObjection('OBJ-1'))
          .to.be.revertedWithCustomError(credit, 'ReadNotAllowed')
          .withArgs('OBJ-1', signer.address);
      for (const signer of [authority, otherEnterprise, requester])
        await expect(credit.connect(signer).getRepairRequest('REP-2'))
          .to.be.revertedWithCustomError(credit, 'ReadNotAllowed')
          .withArgs('REP-2', signer.address);
      await expect(credit.connect(outsider).getObjection('OBJ-1'))
        .to.be.revertedWithCustomError(credit, 'NotRegistered')
        .withArgs(outsider.address);
      await expect(credit.connect(outsider).getRepairRequest('REP-2'))
        .to.be.revertedWithCustomError(credit, 'NotRegistered')
        .withArgs(outsider.address);
      await expect(credit.connect(auditor).getObjection('OBJ-404'))
        .to.be.revertedWithCustomError(credit, 'UnknownObjection')
        .withArgs('OBJ-404');
      await expect(credit.connect(auditor).getRepairRequest('REP-404'))
        .to.be.revertedWithCustomError(credit, 'UnknownRepairRequest')
        .withArgs('REP-404');
      await expect(credit.connect(auditor).getRepairRequest('REP 2'))
        .to.be.revertedWithCustomError(credit, 'InvalidIdentifier')
        .withArgs('REP 2');
    });
  });

  describe('credit reports', () => {
    const reportHash = digest('report of acme');

    it('lets the subject enterprise anchor its report; anyone reads the anchor', async () => {
      const { credit, enterprise, outsider, recorder } = await loadFixture(withRecords);
      const tx = await credit.connect(enterprise).anchorReport(ACME_CODE, reportHash);
      await expect(tx)
        .to.emit(credit, 'CreditReportAnchored')
        .withArgs(reportHash, ACME_CODE, enterprise.address, '', ZERO_HASH);
      const receipt = await tx.wait();
      const block = await ethers.provider.getBlock(receipt?.blockNumber ?? 'latest');
      const anchor = await credit.connect(outsider).getReportAnchor(reportHash);
      expect(anchor.reportHash).to.equal(reportHash);
      expect(anchor.subject).to.equal(ACME_CODE);
      expect(anchor.requestedBy).to.equal(enterprise.address);
      expect(anchor.anchoredAt).to.equal(block?.timestamp);
      expect(anchor.blockNumber).to.equal(receipt?.blockNumber);
      expect(await recorder.calls()).to.equal(0);
    });

    it('refuses anyone but the subject enterprise on the enterprise path', async () => {
      const fixture = await loadFixture(withRecords);
      const { credit, otherEnterprise, requester, authority, outsider } = fixture;
      for (const signer of [otherEnterprise, requester, authority, outsider])
        await expect(credit.connect(signer).anchorReport(ACME_CODE, reportHash))
          .to.be.revertedWithCustomError(credit, 'NotSubjectEnterprise')
          .withArgs(ACME_CODE, signer.address);
      await expect(credit.getReportAnchor(reportHash))
        .to.be.revertedWithCustomError(credit, 'UnknownReport')
        .withArgs(reportHash);
    });

    it('refuses bad codes, zero hashes and a hash anchored already', async () => {
      const { credit, enterprise } = await loadFixture(withRecords);
      await expect(credit.connect(enterprise).anchorReport('ACME', reportHash))
        .to.be.revertedWithCustomError(credit, 'InvalidCreditCode')
        .withArgs('ACME');
      await expect(
        credit.connect(enterprise).anchorReport(ACME_CODE, ZERO_HASH),
      ).to.be.revertedWithCustomError(credit, 'ZeroHash');
      await credit.connect(enterprise).anchorReport(ACME_CODE, reportHash);
      const anchor = await credit.getReportAnchor(reportHash);
      await expect(credit.connect(enterprise).anchorReport(ACME_CODE, reportHash))
        .to.be.revertedWithCustomError(credit, 'ReportAlreadyAnchored')
        .withArgs(reportHash);
      expect(await credit.getReportAnchor(reportHash)).to.deep.equal(anchor);
      await expect(credit.getReportAnchor(ZERO_HASH)).to.be.revertedWithCustomError(
        credit,
        'ZeroHash',
      );
    });

    it('records a requester’s access and anchors its report in one transaction', async () => {
      const { credit, recorder, requester } = await loadFixture(withRecords);
      const accessEventHash = digest('access event 0');
      const requestHash = digest('request 1');
      await recorder.setAnswer(true, accessEventHash);
      const bank = credit.connect(requester);
      const args = [ACME_CODE, reportHash, 'AUTH-CR-1', 'loan-assessment', requestHash] as const;
      const [allowed, eventHash] = await bank.anchorReportWithAuthorization.staticCall(...args);
      expect([allowed, eventHash]).to.deep.equal([true, accessEventHash]);
      const tx = await bank.anchorReportWithAuthorization(...args);
      await expect(tx)
        .to.emit(credit, 'CreditReportAnchored')
        .withArgs(reportHash, ACME_CODE, requester.address, 'AUTH-CR-1', accessEventHash);
      await expect(tx)
        .to.emit(recorder, 'AccessRecorded')
        .withArgs(requester.address, 'AUTH-CR-1', true, accessEventHash);
      expect(await recorder.calls()).to.equal(1);
      const [caller, request] = await recorder.lastCall();
      expect(caller).to.equal(requester.address);
      expect(request.authorizationId).to.equal('AUTH-CR-1');
      expect(request.subject).to.equal(ACME_CODE);
      expect(request.category).to.equal('credit-report');
      expect(request.purpose).to.equal('loan-assessment');
      expect(request.operation).to.equal(0); // Operation.READ
      expect(request.recordCount).to.equal(1);
      expect(request.requestHash).to.equal(requestHash);
      const anchor = await credit.getReportAnchor(reportHash);
      expect(anchor.requestedBy).to.equal(requester.address);
      expect(anchor.subject).to.equal(ACME_CODE);
      expect(anchor.blockNumber).to.equal((await tx.wait())?.blockNumber);
    });

    it('keeps a denied access on the trail and anchors nothing, without reverting', async () => {
      const { credit, recorder, requester } = await loadFixture(withRecords);
      const deniedEvent = digest('access event 1 denied');
      await recorder.setAnswer(false, deniedEvent);
      const bank = credit.connect(requester);
      const args = [ACME_CODE, reportHash, 'AUTH-CR-1', 'marketing', digest('request 2')] as const;
      const [allowed, eventHash] = await bank.anchorReportWithAuthorization.staticCall(...args);
      expect([allowed, eventHash]).to.deep.equal([false, deniedEvent]);
      const tx = await bank.anchorReportWithAuthorization(...args);
      await expect(tx).not.to.emit(credit, 'CreditReportAnchored');
      await expect(tx)
        .to.emit(recorder, 'AccessRecorded')
        .withArgs(requester.address, 'AUTH-CR-1', false, deniedEvent);
      expect((await tx.wait())?.status).to.equal(1);
      expect(await recorder.calls()).to.equal(1);
      await expect(credit.getReportAnchor(reportHash))
        .to.be.revertedWithCustomError(credit, 'UnknownReport')
        .withArgs(reportHash);
    });

    it('refuses organizations without REQUESTER on the authorization path, recording nothing', async () => {
      const { credit, recorder, enterprise, authority, auditor, outsider } =
        await loadFixture(withRecords);
      await recorder.setAnswer(true, digest('event'));
      for (const signer of [enterprise, authority, auditor, outsider])
        await expect(
          credit
            .connect(signer)
            .anchorReportWithAuthorization(
              ACME_CODE,
              reportHash,
              'AUTH-CR-1',
              'loan-assessment',
              digest('request'),
            ),
        )
          .to.be.revertedWithCustomError(credit, 'MissingRole')
          .withArgs(signer.address, Role.REQUESTER);
      expect(await recorder.calls()).to.equal(0);
    });

    it('refuses bad input on the authorization path, recording nothing', async () => {
      const { credit, recorder, requester } = await loadFixture(withRecords);
      await recorder.setAnswer(true, digest('event'));
      const bank = credit.connect(requester);
      const request = digest('request');
      await expect(
        bank.anchorReportWithAuthorization('ACME', reportHash, 'AUTH-CR-1', 'loan', request),
      )
        .to.be.revertedWithCustomError(credit, 'InvalidCreditCode')
        .withArgs('ACME');
      await expect(
        bank.anchorReportWithAuthorization(ACME_CODE, ZERO_HASH, 'AUTH-CR-1', 'loan', request),
      ).to.be.revertedWithCustomError(credit, 'ZeroHash');
      await expect(bank.anchorReportWithAuthorization(ACME_CODE, reportHash, '', 'loan', request))
        .to.be.revertedWithCustomError(credit, 'InvalidIdentifier')
        .withArgs('');
      for (const purpose of ['', 'Loan', '-loan'])
        await expect(
          bank.anchorReportWithAuthorization(ACME_CODE, reportHash, 'AUTH-CR-1', purpose, request),
        )
          .to.be.revertedWithCustomError(credit, 'InvalidToken')
          .withArgs(purpose);
      await expect(
        bank.anchorReportWithAuthorization(ACME_CODE, reportHash, 'AUTH-CR-1', 'loan', ZERO_HASH),
      ).to.be.revertedWithCustomError(credit, 'ZeroHash');
      expect(await recorder.calls()).to.equal(0);
    });

    it('refuses a hash anchored already before it records any access', async () => {
      const { credit, recorder, requester, enterprise } = await loadFixture(withRecords);
      await recorder.setAnswer(true, digest('event'));
      await credit.connect(enterprise).anchorReport(ACME_CODE, reportHash);
      await expect(
        credit
          .connect(requester)
          .anchorReportWithAuthorization(ACME_CODE, reportHash, 'AUTH-CR-1', 'loan', digest('r')),
      )
        .to.be.revertedWithCustomError(credit, 'ReportAlreadyAnchored')
        .withArgs(reportHash);
      await recorder.setUnknown(true);
      await expect(
        credit
          .connect(requester)
          .anchorReportWithAuthorization(ACME_CODE, reportHash, 'AUTH-404', 'loan', digest('r')),
      )
        .to.be.revertedWithCustomError(credit, 'ReportAlreadyAnchored')
        .withArgs(reportHash);
      expect(await recorder.calls()).to.equal(0);
      expect((await credit.getReportAnchor(reportHash)).requestedBy).to.equal(enterprise.address);
    });

    it('lets the recorder’s refusal of an unknown authorization through, anchoring nothing', async () => {
      const { credit, recorder, requester } = await loadFixture(withRecords);
      await recorder.setUnknown(true);
      await expect(
        credit
          .connect(requester)
          .anchorReportWithAuthorization(ACME_CODE, reportHash, 'AUTH-404', 'loan', digest('r')),
      )
        .to.be.revertedWithCustomError(recorder, 'UnknownAuthorization')
        .withArgs('AUTH-404');
      await expect(credit.getReportAnchor(reportHash)).to.be.revertedWithCustomError(
        credit,
        'UnknownReport',
      );
    });

    it('anchors the hash of the report the chaincode’s builder makes from this state', async () => {
      const { credit, registry, enterprise, requester, authority, start } =
        await loadFixture(withRecords);
      await credit.connect(authority).withdrawRecord('CR-PEN-2', 'Entered in error');
      const generatedAt = start + 31 * DAY; // CR-BLK-1 has left publicity
      await time.setNextBlockTimestamp(generatedAt);
      await ethers.provider.send('evm_mine', []);
      const records = await Promise.all(
        (await credit.connect(enterprise).listBySubject(ACME_CODE)).map((record) =>
          ledgerRecord(registry, record),
        ),
      );
      const generated = new Date(generatedAt * 1000).toISOString();
      const report = buildCreditReport(ACME_CODE, records, generated, 'evm');
      expect(report.records.map((entry) => entry.id)).to.deep.equal([
        'CR-LIC-1',
        'CR-RED-1',
        'CR-PEN-1',
        'CR-ABN-1',
      ]);
      expect(report.summary).to.deep.equal({ public: 4, adverse: 2, positive: 2 });
      const hash = `0x${canonicalHash(report)}`;
      await credit.connect(enterprise).anchorReport(ACME_CODE, hash);
      // The bank shown the report recomputes its hash and finds the anchor.
      const anchor = await credit.connect(requester).getReportAnchor(`0x${canonicalHash(report)}`);
      expect(anchor.subject).to.equal(ACME_CODE);
      expect(anchor.anchoredAt).to.be.at.least(generatedAt);
    });
  });
  describe('with the AuthorizationRegistry as the access recorder', () => {
    /** AuthorizationRegistry's enums and DenialReason, as far as these tests need them. */
    const ENTERPRISE_SUBJECT = 1;
    const CONSENT = 0;
    const READ_ONLY = 1; // operations mask: READ

    interface WiredFixture extends CreditFixture {
      authz: AuthorizationRegistry;
    }

    /** The hub's wiring: the credit registry records through the AuthorizationRegistry, which
     * trusts it; acme lets city-bank READ its credit report for a loan (AUTH-CR). */
    async function deployWired(): Promise<WiredFixture> {
      const fixture = await withRecords();
      const { registry, governance, enterprise, requester } = fixture;
      const authz = await (
        await ethers.getContractFactory('AuthorizationRegistry', governance)
      ).deploy(await registry.getAddress());
      const credit = await (
        await ethers.getContractFactory('CreditRegistry')
      ).deploy(await registry.getAddress(), await authz.getAddress());
      await authz.trustReportRegistry(await credit.getAddress());
      const now = await time.latest();
      await authz.connect(enterprise).create({
        id: 'AUTH-CR',
        subjectType: ENTERPRISE_SUBJECT,
        subject: ACME_CODE,
        grantee: requester.address,
        categories: ['credit-report'],
        purpose: 'loan-assessment',
        legalBasis: CONSENT,
        operations: READ_ONLY,
        maxAccesses: 5,
        maxPerDay: 0,
        validFrom: now,
        validUntil: now + 30 * DAY,
        consentEvidenceHash: digest('consent'),
      });
      return { ...fixture, credit, authz };
    }

    const reportHash = digest('report of acme for city-bank');

    it('anchors the report and records the READ on the authorization in one transaction', async () => {
      const { credit, authz, requester } = await loadFixture(deployWired);
      const bank = credit.connect(requester);
      const args = [ACME_CODE, reportHash, 'AUTH-CR', 'loan-assessment', digest('req')] as const;
      const tx = await bank.anchorReportWithAuthorization(...args);
      const authorization = await authz.get('AUTH-CR');
      expect([authorization.used, authorization.eventCount]).to.deep.equal([1n, 1n]);
      await expect(tx)
        .to.emit(credit, 'CreditReportAnchored')
        .withArgs(reportHash, ACME_CODE, requester.address, 'AUTH-CR', authorization.headHash);
      await expect(tx).to.emit(authz, 'AccessRecorded');
      expect((await credit.getReportAnchor(reportHash)).requestedBy).to.equal(requester.address);
    });

    it('leaves a denial on the trail and anchors nothing', async () => {
      const { credit, authz, requester } = await loadFixture(deployWired);
      const bank = credit.connect(requester);
      for (const [subject, purpose] of [
        [ACME_CODE, 'marketing'],
        [BETA_CODE, 'loan-assessment'],
      ] as const) {
        const args = [subject, reportHash, 'AUTH-CR', purpose, digest(purpose)] as const;
        const [allowed] = await bank.anchorReportWithAuthorization.staticCall(...args);
        expect(allowed).to.equal(false);
        const tx = await bank.anchorReportWithAuthorization(...args);
        await expect(tx).not.to.emit(credit, 'CreditReportAnchored');
        await expect(tx).to.emit(authz, 'AccessRecorded');
      }
      const authorization = await authz.get('AUTH-CR');
      expect([authorization.used, authorization.eventCount]).to.deep.equal([0n, 2n]);
      await expect(credit.getReportAnchor(reportHash))
        .to.be.revertedWithCustomError(credit, 'UnknownReport')
        .withArgs(reportHash);
    });

    it('reverts, recording nothing, for an unknown authorization or a registry not trusted', async () => {
      const { credit, authz, registry, requester } = await loadFixture(deployWired);
      await expect(
        credit
          .connect(requester)
          .anchorReportWithAuthorization(ACME_CODE, reportHash, 'AUTH-404', 'loan', digest('r')),
      )
        .to.be.revertedWithCustomError(authz, 'UnknownAuthorization')
        .withArgs('AUTH-404');
      const untrusted = await (
        await ethers.getContractFactory('CreditRegistry')
      ).deploy(await registry.getAddress(), await authz.getAddress());
      await expect(
        untrusted
          .connect(requester)
          .anchorReportWithAuthorization(ACME_CODE, reportHash, 'AUTH-CR', 'loan', digest('r')),
      )
        .to.be.revertedWithCustomError(authz, 'UntrustedCaller')
        .withArgs(await untrusted.getAddress());
      expect((await authz.get('AUTH-CR')).eventCount).to.equal(0);
    });
  });
});
