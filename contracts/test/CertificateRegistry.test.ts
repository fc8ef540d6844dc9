import { loadFixture, time } from '@nomicfoundation/hardhat-network-helpers';
import { expect } from 'chai';
import type { ContractTransactionResponse } from 'ethers';
import { ethers } from 'hardhat';
import { batchLeaf, hashPair } from '@citytrust/domain';
import type { CertificateRegistry } from '../.cache/types';
import { deployConsortium, digest, Role, roleMask } from './consortium';

/** `CertificateRegistry.Status`, by name, in its enum order. */
const Status = {
  NOT_ISSUED: 0,
  ACTIVE: 1,
  SUSPENDED: 2,
  REVOKED: 3,
  SUPERSEDED: 4,
  EXPIRED: 5,
  NOT_YET_VALID: 6,
} as const;

const TYPE = 'business-licence';
const PERMIT = 'road-permit';
const HOLDER = digest('salt-1|holder-a');
const OTHER_HOLDER = digest('salt-2|holder-b');
const DOC = digest('licence LIC-1');
const NO_PROOF: string[] = [];
const YEAR_2200 = 7_258_118_400n;

async function deployCertificates() {
  const consortium = await deployConsortium();
  await consortium.registry.defineCertificateType(PERMIT, 'Road permit', digest('permit-schema'), [
    consortium.otherIssuer.address,
  ]);
  const certificates = await (
    await ethers.getContractFactory('CertificateRegistry', consortium.governance)
  ).deploy(await consortium.registry.getAddress());
  return { ...consortium, certificates, issuing: certificates.connect(consortium.issuer) };
}

/** The fixture with LIC-1 issued by `issuer`, valid from its issuance for a year. */
async function withCertificate() {
  const fixture = await deployCertificates();
  const now = BigInt(await time.latest());
  await fixture.issuing.issue('LIC-1', TYPE, HOLDER, DOC, 0, now + 365n * 86_400n);
  return fixture;
}

async function blockTime(tx: ContractTransactionResponse): Promise<bigint> {
  const receipt = await tx.wait();
  const block = receipt ? await ethers.provider.getBlock(receipt.blockNumber) : null;
  if (!block) throw new Error('transaction has no block');
  return BigInt(block.timestamp);
}

/** Everything the registry tells about these certificates and hashes, to compare. */
async function snapshot(
  c: CertificateRegistry,
  ids: readonly string[],
  hashes: readonly string[] = [],
): Promise<string> {
  const read = async <T>(call: () => Promise<T>): Promise<T | string> => {
    try {
      return await call();
    } catch (error) {
      return `refused: ${String(error).slice(0, 120)}`;
    }
  };
  const state = await Promise.all([
    ...ids.map((id) => read(() => c.getCertificate(id))),
    ...ids.map((id) => read(() => c.history(id))),
    ...hashes.map((hash) => read(() => c.isIssued(hash))),
    ...hashes.map((hash) => read(() => c.isRevoked(hash))),
    ...hashes.map((hash) => read(() => c.findByHolder(hash))),
  ]);
  return JSON.stringify(state, (_, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

/** Runs a refused call and checks it left these certificates and hashes as they were. */
async function unchanged(
  c: CertificateRegistry,
  ids: readonly string[],
  hashes: readonly string[],
  refused: () => Promise<void>,
): Promise<void> {
  const before = await snapshot(c, ids, hashes);
  await refused();
  expect(await snapshot(c, ids, hashes)).to.equal(before);
}

/** A batch's Merkle tree as the chaincode builds it: an odd last node moves up unpaired. */
function buildTree(batchId: string, documents: readonly string[]) {
  const leaves = documents.map((doc, index) => batchLeaf(`${batchId}~${index}`, doc.slice(2)));
  const levels: string[][] = [leaves];
  for (let level = leaves; level.length > 1;) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as string;
      const right = level[i + 1];
      next.push(right === undefined ? left : hashPair(left, right));
    }
    levels.push(next);
    level = next;
  }
  const top = levels[levels.length - 1]?.[0];
  if (top === undefined) throw new Error('empty batch');
  return {
    root: `0x${top}`,
    leaf: (index: number): string => `0x${leaves[index] ?? ''}`,
    proof(index: number): string[] {
      const proof: string[] = [];
      let position = index;
      for (const level of levels.slice(0, -1)) {
        const sibling = level[position ^ 1];
        if (sibling !== undefined) proof.push(`0x${sibling}`);
        position >>= 1;
      }
      return proof;
    },
  };
}

describe('CertificateRegistry', () => {
  describe('issue', () => {
    it('issues a certificate on its own, with its event, indexes and history', async () => {
      const { issuing, issuer, registry } = await loadFixture(deployCertificates);
      expect(await issuing.orgRegistry()).to.equal(await registry.getAddress());
      const tx = await issuing.issue('LIC-1', TYPE, HOLDER, DOC, 0, YEAR_2200 - 1n);
      await expect(tx)
        .to.emit(issuing, 'CertificateIssued')
        .withArgs('LIC-1', TYPE, issuer.address, DOC);
      const issuedAt = await blockTime(tx);
      const record = await issuing.getCertificate('LIC-1');
      expect(record.id).to.equal('LIC-1');
      expect(record.typeId).to.equal(TYPE);
      expect(record.issuer).to.equal(issuer.address);
      expect(record.holderRef).to.equal(HOLDER);
      expect(record.documentHash).to.equal(DOC);
      expect(record.validFrom).to.equal(issuedAt);
      expect(record.validUntil).to.equal(YEAR_2200 - 1n);
      expect(record.status).to.equal(Status.ACTIVE);
      expect(record.issuedAt).to.equal(issuedAt);
      expect(record.updatedAt).to.equal(issuedAt);
      expect(record.batchId).to.equal('');
      expect(record.merkleRoot).to.equal(ethers.ZeroHash);
      expect(record.reason).to.equal('');
      expect(record.supersedes).to.equal('');
      expect(record.supersededBy).to.equal('');
      expect(await issuing.statusOf('LIC-1')).to.equal(Status.ACTIVE);
      expect(await issuing.history('LIC-1')).to.deep.equal([[issuedAt, BigInt(Status.ACTIVE)]]);
      expect(await issuing.findByHolder(HOLDER)).to.deep.equal(['LIC-1']);
      expect(await issuing.findByHolder(OTHER_HOLDER)).to.deep.equal([]);
      expect(await issuing.findByDocumentHash(DOC)).to.equal('LIC-1');
      expect(await issuing.isIssued(DOC)).to.equal(true);
      expect(await issuing.isRevoked(DOC)).to.equal(false);
    });

    it('keeps a given validFrom (past or future) and an open end', async () => {
      const { issuing } = await loadFixture(deployCertificates);
      const now = BigInt(await time.latest());
      await issuing.issue('LIC-1', TYPE, HOLDER, DOC, now - 1000n, 0);
      await issuing.issue('LIC-2', TYPE, HOLDER, digest('doc-2'), now + 1000n, now + 2000n);
      expect((await issuing.getCertificate('LIC-1')).validFrom).to.equal(now - 1000n);
      expect(await issuing.statusAt('LIC-1', YEAR_2200 * 2n)).to.equal(Status.ACTIVE);
      expect(await issuing.statusOf('LIC-2')).to.equal(Status.NOT_YET_VALID);
      expect(await issuing.findByHolder(HOLDER)).to.deep.equal(['LIC-1', 'LIC-2']);
    });

    it('refuses callers that may not issue the type, changing nothing', async () => {
      const { issuing, certificates, issuer, otherIssuer, requester, outsider } =
        await loadFixture(deployCertificates);
      const ids = ['LIC-1'];
      await unchanged(certificates, ids, [DOC, HOLDER], async () => {
        await expect(certificates.connect(outsider).issue('LIC-1', TYPE, HOLDER, DOC, 0, 0))
          .to.be.revertedWithCustomError(certificates, 'MissingRole')
          .withArgs(outsider.address, Role.ISSUER);
        await expect(certificates.connect(requester).issue('LIC-1', TYPE, HOLDER, DOC, 0, 0))
          .to.be.revertedWithCustomError(certificates, 'MissingRole')
          .withArgs(requester.address, Role.ISSUER);
        await expect(certificates.connect(otherIssuer).issue('LIC-1', TYPE, HOLDER, DOC, 0, 0))
          .to.be.revertedWithCustomError(certificates, 'NotIssuer')
          .withArgs(otherIssuer.address, TYPE);
        await expect(issuing.issue('LIC-1', PERMIT, HOLDER, DOC, 0, 0))
          .to.be.revertedWithCustomError(certificates, 'NotIssuer')
          .withArgs(issuer.address, PERMIT);
        await expect(issuing.issue('LIC-1', 'fishing-permit', HOLDER, DOC, 0, 0))
          .to.be.revertedWithCustomError(certificates, 'UnknownCertificateType')
          .withArgs('fishing-permit');
      });
    });

    it('refuses bad input, changing nothing', async () => {
      const { issuing } = await loadFixture(deployCertificates);
      const now = BigInt(await time.latest());
      await unchanged(issuing, ['LIC-1', 'LIC~0'], [DOC, HOLDER], async () => {
        for (const id of ['LIC~0', '', '-LIC', 'LIC 1', 'x'.repeat(129)])
          await expect(issuing.issue(id, TYPE, HOLDER, DOC, 0, 0))
            .to.be.revertedWithCustomError(issuing, 'InvalidIdentifier')
            .withArgs(id);
        await expect(issuing.issue('LIC-1', 'Business-Licence', HOLDER, DOC, 0, 0))
          .to.be.revertedWithCustomError(issuing, 'InvalidToken')
          .withArgs('Business-Licence');
        await expect(
          issuing.issue('LIC-1', TYPE, ethers.ZeroHash, DOC, 0, 0),
        ).to.be.revertedWithCustomError(issuing, 'ZeroHash');
        await expect(
          issuing.issue('LIC-1', TYPE, HOLDER, ethers.ZeroHash, 0, 0),
        ).to.be.revertedWithCustomError(issuing, 'ZeroHash');
        await expect(issuing.issue('LIC-1', TYPE, HOLDER, DOC, now + 100n, now + 50n))
          .to.be.revertedWithCustomError(issuing, 'InvalidWindow')
          .withArgs(now + 100n, now + 50n);
        await expect(issuing.issue('LIC-1', TYPE, HOLDER, DOC, now + 100n, now + 100n))
          .to.be.revertedWithCustomError(issuing, 'InvalidWindow')
          .withArgs(now + 100n, now + 100n);
        // A window that ends before "now" when validFrom is left to the transaction time.
        const next = BigInt(await time.latest()) + 10n;
        await time.setNextBlockTimestamp(next);
        await expect(issuing.issue('LIC-1', TYPE, HOLDER, DOC, 0, next - 5n))
          .to.be.revertedWithCustomError(issuing, 'InvalidWindow')
          .withArgs(next, next - 5n);
        await expect(issuing.issue('LIC-1', TYPE, HOLDER, DOC, YEAR_2200, 0))
          .to.be.revertedWithCustomError(issuing, 'InvalidWindow')
          .withArgs(YEAR_2200, 0);
        const later = BigInt(await time.latest()) + 10n;
        await time.setNextBlockTimestamp(later);
        await expect(issuing.issue('LIC-1', TYPE, HOLDER, DOC, 0, YEAR_2200))
          .to.be.revertedWithCustomError(issuing, 'InvalidWindow')
          .withArgs(later, YEAR_2200);
      });
    });

    it('refuses an id or a document that is taken, changing nothing', async () => {
      const { issuing } = await loadFixture(withCertificate);
      await issuing.anchorBatch('BATCH-1', TYPE, digest('root'), 2, 0, 0);
      const other = digest('other document');
      await unchanged(issuing, ['LIC-1', 'LIC-2', 'BATCH-1'], [DOC, other, HOLDER], async () => {
        await expect(issuing.issue('LIC-1', TYPE, HOLDER, other, 0, 0))
          .to.be.revertedWithCustomError(issuing, 'CertificateExists')
          .withArgs('LIC-1');
        await expect(issuing.issue('LIC-2', TYPE, HOLDER, DOC, 0, 0))
          .to.be.revertedWithCustomError(issuing, 'DocumentAnchored')
          .withArgs(DOC);
        await expect(issuing.issue('BATCH-1', TYPE, HOLDER, other, 0, 0))
          .to.be.revertedWithCustomError(issuing, 'BatchExists')
          .withArgs('BATCH-1');
      });
    });
  });

  describe('suspend, reinstate, revoke', () => {
    it('suspends, reinstates and revokes with events, reasons and history', async () => {
      const { issuing } = await loadFixture(withCertificate);
      const suspended = await issuing.suspend('LIC-1', 'pending inspection');
      await expect(suspended).to.emit(issuing, 'CertificateSuspended').withArgs('LIC-1');
      expect(await issuing.statusOf('LIC-1')).to.equal(Status.SUSPENDED);
      const record = await issuing.getCertificate('LIC-1');
      expect(record.reason).to.equal('pending inspection');
      expect(record.updatedAt).to.equal(await blockTime(suspended));
      const reinstated = await issuing.reinstate('LIC-1', 'inspection passed');
      await expect(reinstated).to.emit(issuing, 'CertificateReinstated').withArgs('LIC-1');
      expect(await issuing.statusOf('LIC-1')).to.equal(Status.ACTIVE);
      expect((await issuing.getCertificate('LIC-1')).reason).to.equal('inspection passed');
      expect(await issuing.isRevoked(DOC)).to.equal(false);
      const revoked = await issuing.revoke('LIC-1', 'obtained by fraud');
      await expect(revoked).to.emit(issuing, 'CertificateRevoked').withArgs('LIC-1', DOC);
      expect(await issuing.statusOf('LIC-1')).to.equal(Status.REVOKED);
      expect((await issuing.getCertificate('LIC-1')).reason).to.equal('obtained by fraud');
      expect(await issuing.isRevoked(DOC)).to.equal(true);
      expect(await issuing.isIssued(DOC)).to.equal(true);
      const statuses = (await issuing.history('LIC-1')).map((change) => Number(change.status));
      expect(statuses).to.deep.equal([
        Status.ACTIVE,
        Status.SUSPENDED,
        Status.ACTIVE,
        Status.REVOKED,
      ]);
    });

    it('revokes a suspended certificate', async () => {
      const { issuing } = await loadFixture(withCertificate);
      await issuing.suspend('LIC-1', 'inspection');
      await expect(issuing.revoke('LIC-1', 'failed'))
        .to.emit(issuing, 'CertificateRevoked')
        .withArgs('LIC-1', DOC);
      expect(await issuing.statusOf('LIC-1')).to.equal(Status.REVOKED);
    });

    it('refuses every transition the chaincode refuses, changing nothing', async () => {
      const { issuing } = await loadFixture(withCertificate);
      const check = async (call: () => Promise<unknown>, from: number, to: number) =>
        unchanged(issuing, ['LIC-1'], [DOC], async () => {
          await expect(call())
            .to.be.revertedWithCustomError(issuing, 'InvalidTransition')
            .withArgs('LIC-1', from, to);
        });
      await check(() => issuing.reinstate('LIC-1', 'again'), Status.ACTIVE, Status.ACTIVE);
      await issuing.suspend('LIC-1', 'inspection');
      await check(() => issuing.suspend('LIC-1', 'again'), Status.SUSPENDED, Status.SUSPENDED);
      await check(
        () => issuing.renew('LIC-1', 'LIC-2', digest('doc-2'), ethers.ZeroHash, 0, 0),
        Status.SUSPENDED,
        Status.SUPERSEDED,
      );
      await issuing.revoke('LIC-1', 'fraud');
      await check(() => issuing.revoke('LIC-1', 'again'), Status.REVOKED, Status.REVOKED);
      await check(() => issuing.reinstate('LIC-1', 'appeal'), Status.REVOKED, Status.ACTIVE);
      await check(() => issuing.suspend('LIC-1', 'x'), Status.REVOKED, Status.SUSPENDED);
      await check(
        () => issuing.renew('LIC-1', 'LIC-2', digest('doc-2'), ethers.ZeroHash, 0, 0),
        Status.REVOKED,
        Status.SUPERSEDED,
      );
    });

    it('refuses changes by anyone but the issuing organization holding ISSUER', async () => {
      const { issuing, certificates, registry, issuer, otherIssuer, requester, outsider } =
        await loadFixture(withCertificate);
      const refuse = async (call: () => Promise<unknown>, error: string, ...args: unknown[]) =>
        unchanged(certificates, ['LIC-1'], [DOC], async () => {
          await expect(call())
            .to.be.revertedWithCustomError(certificates, error)
            .withArgs(...args);
        });
      for (const [signer, error, args] of [
        [otherIssuer, 'NotCertificateIssuer', ['LIC-1', otherIssuer.address]],
        [requester, 'MissingRole', [requester.address, Role.ISSUER]],
        [outsider, 'MissingRole', [outsider.address, Role.ISSUER]],
      ] as const) {
        await refuse(() => certificates.connect(signer).suspend('LIC-1', 'x'), error, ...args);
        await refuse(() => certificates.connect(signer).revoke('LIC-1', 'x'), error, ...args);
      }
      await issuing.suspend('LIC-1', 'inspection');
      await refuse(
        () => certificates.connect(otherIssuer).reinstate('LIC-1', 'x'),
        'NotCertificateIssuer',
        'LIC-1',
        otherIssuer.address,
      );
      // No longer an issuer of the type: may still change what it issued, as the chaincode.
      await registry.setCertificateTypeIssuers(TYPE, [otherIssuer.address]);
      await issuing.reinstate('LIC-1', 'passed');
      // Without the ISSUER role it may not.
      await registry.setRoles(issuer.address, roleMask('REQUESTER'), '');
      await refuse(() => issuing.suspend('LIC-1', 'x'), 'MissingRole', issuer.address, Role.ISSUER);
      await refuse(() => issuing.revoke('LIC-1', 'x'), 'MissingRole', issuer.address, Role.ISSUER);
    });

    it('refuses unknown ids, bad ids and bad reasons, changing nothing', async () => {
      const { issuing } = await loadFixture(withCertificate);
      await unchanged(issuing, ['LIC-1', 'LIC-404'], [DOC], async () => {
        await expect(issuing.suspend('LIC-404', 'x'))
          .to.be.revertedWithCustomError(issuing, 'UnknownCertificate')
          .withArgs('LIC-404');
        await expect(issuing.revoke('NOPE~0', 'x'))
          .to.be.revertedWithCustomError(issuing, 'UnknownCertificate')
          .withArgs('NOPE~0');
        await expect(issuing.suspend('LIC 1', 'x'))
          .to.be.revertedWithCustomError(issuing, 'InvalidIdentifier')
          .withArgs('LIC 1');
        for (const reason of ['', '  \n', '\u3000', 'x'.repeat(501), '查'.repeat(501)])
          await expect(issuing.suspend('LIC-1', reason))
            .to.be.revertedWithCustomError(issuing, 'InvalidText')
            .withArgs(reason, 500);
      });
      // As the chaincode: trimmed, then at most 500 characters (not bytes).
      await issuing.suspend('LIC-1', ` ${'查'.repeat(500)}\n`);
      expect((await issuing.getCertificate('LIC-1')).reason).to.equal('查'.repeat(500));
      await issuing.reinstate('LIC-1', '  inspection passed \t');
      expect((await issuing.getCertificate('LIC-1')).reason).to.equal('inspection passed');
    });

    it('refuses to suspend or reinstate an expired certificate, yet revokes it', async () => {
      const { issuing } = await loadFixture(withCertificate);
      const { validUntil } = await issuing.getCertificate('LIC-1');
      await time.setNextBlockTimestamp(validUntil - 1n);
      await issuing.suspend('LIC-1', 'late inspection');
      await time.increaseTo(validUntil);
      expect(await issuing.statusOf('LIC-1')).to.equal(Status.EXPIRED);
      await unchanged(issuing, ['LIC-1'], [DOC], async () => {
        await expect(issuing.reinstate('LIC-1', 'passed'))
          .to.be.revertedWithCustomError(issuing, 'InvalidTransition')
          .withArgs('LIC-1', Status.EXPIRED, Status.ACTIVE);
      });
      await issuing.revoke('LIC-1', 'vehicle deregistered');
      expect(await issuing.statusOf('LIC-1')).to.equal(Status.REVOKED);
    });

    it('suspends a certificate that is not valid yet', async () => {
      const { issuing } = await loadFixture(deployCertificates);
      const now = BigInt(await time.latest());
      await issuing.issue('LIC-1', TYPE, HOLDER, DOC, now + 1000n, 0);
      await issuing.suspend('LIC-1', 'inspection before start');
      expect(await issuing.statusOf('LIC-1')).to.equal(Status.NOT_YET_VALID);
      expect(await issuing.statusAt('LIC-1', now + 1000n)).to.equal(Status.SUSPENDED);
    });
  });

  describe('status at a time', () => {
    it('answers from the history: not issued, each status in force, final states', async () => {
      const { issuing } = await loadFixture(deployCertificates);
      const t0 = BigInt(await time.latest()) + 100n;
      await time.setNextBlockTimestamp(t0);
      await issuing.issue('LIC-1', TYPE, HOLDER, DOC, 0, t0 + 10_000n);
      await time.setNextBlockTimestamp(t0 + 10n);
      await issuing.suspend('LIC-1', 'inspection');
      await time.setNextBlockTimestamp(t0 + 20n);
      await issuing.reinstate('LIC-1', 'passed');
      await time.setNextBlockTimestamp(t0 + 30n);
      await issuing.revoke('LIC-1', 'fraud');
      const history = await issuing.history('LIC-1');
      expect(history.map((change) => [change.time, Number(change.status)])).to.deep.equal([
        [t0, Status.ACTIVE],
        [t0 + 10n, Status.SUSPENDED],
        [t0 + 20n, Status.ACTIVE],
        [t0 + 30n, Status.REVOKED],
      ]);
      const expected: [bigint, number][] = [
        [0n, Status.NOT_ISSUED],
        [t0 - 1n, Status.NOT_ISSUED],
        [t0, Status.ACTIVE],
        [t0 + 9n, Status.ACTIVE],
        [t0 + 10n, Status.SUSPENDED],
        [t0 + 19n, Status.SUSPENDED],
        [t0 + 20n, Status.ACTIVE],
        [t0 + 30n, Status.REVOKED],
        [t0 + 20_000n, Status.REVOKED],
      ];
      for (const [at, status] of expected)
        expect(await issuing.statusAt('LIC-1', at), `at ${at - t0}`).to.equal(status);
    });

    it('derives NOT_YET_VALID and EXPIRED from the validity window', async () => {
      const { issuing } = await loadFixture(deployCertificates);
      const now = BigInt(await time.latest());
      const from = now + 1000n;
      const until = now + 2000n;
      await issuing.issue('LIC-1', TYPE, HOLDER, DOC, from, until);
      expect(await issuing.statusOf('LIC-1')).to.equal(Status.NOT_YET_VALID);
      expect(await issuing.statusAt('LIC-1', from - 1n)).to.equal(Status.NOT_YET_VALID);
      expect(await issuing.statusAt('LIC-1', from)).to.equal(Status.ACTIVE);
      expect(await issuing.statusAt('LIC-1', until - 1n)).to.equal(Status.ACTIVE);
      expect(await issuing.statusAt('LIC-1', until)).to.equal(Status.EXPIRED);
      await time.increaseTo(until);
      expect(await issuing.statusOf('LIC-1')).to.equal(Status.EXPIRED);
    });

    it('refuses unknown and bad ids', async () => {
      const { issuing } = await loadFixture(withCertificate);
      await expect(issuing.statusAt('LIC-404', 0))
        .to.be.revertedWithCustomError(issuing, 'UnknownCertificate')
        .withArgs('LIC-404');
      await expect(issuing.history('LIC-404'))
        .to.be.revertedWithCustomError(issuing, 'UnknownCertificate')
        .withArgs('LIC-404');
      await expect(issuing.getCertificate('LIC/1'))
        .to.be.revertedWithCustomError(issuing, 'InvalidIdentifier')
        .withArgs('LIC/1');
      await expect(issuing.findByDocumentHash(digest('nothing')))
        .to.be.revertedWithCustomError(issuing, 'UnknownDocument')
        .withArgs(digest('nothing'));
    });
  });

  describe('renew', () => {
    it('builds a renewal chain: each old one SUPERSEDED, linked both ways', async () => {
      const { issuing, issuer } = await loadFixture(withCertificate);
      const doc2 = digest('licence LIC-2');
      const doc3 = digest('licence LIC-3');
      const now = BigInt(await time.latest());
      const renewal = await issuing.renew(
        'LIC-1',
        'LIC-2',
        doc2,
        ethers.ZeroHash,
        0,
        now + 1_000_000n,
      );
      await expect(renewal).to.emit(issuing, 'CertificateRenewed').withArgs('LIC-1', 'LIC-2', doc2);
      await expect(renewal).not.to.emit(issuing, 'CertificateIssued');
      const renewedAt = await blockTime(renewal);
      const old = await issuing.getCertificate('LIC-1');
      expect(old.status).to.equal(Status.SUPERSEDED);
      expect(old.supersededBy).to.equal('LIC-2');
      expect(old.reason).to.equal('renewed as LIC-2');
      expect(old.updatedAt).to.equal(renewedAt);
      const renewed = await issuing.getCertificate('LIC-2');
      expect(renewed.supersedes).to.equal('LIC-1');
      expect(renewed.holderRef).to.equal(HOLDER);
      expect(renewed.issuer).to.equal(issuer.address);
      expect(renewed.typeId).to.equal(TYPE);
      expect(renewed.validFrom).to.equal(renewedAt);
      expect(renewed.status).to.equal(Status.ACTIVE);
      expect(await issuing.statusAt('LIC-1', renewedAt - 1n)).to.equal(Status.ACTIVE);
      expect(await issuing.statusAt('LIC-1', renewedAt)).to.equal(Status.SUPERSEDED);
      expect(await issuing.statusAt('LIC-2', renewedAt - 1n)).to.equal(Status.NOT_ISSUED);
      await issuing.renew('LIC-2', 'LIC-3', doc3, HOLDER, 0, 0);
      expect((await issuing.getCertificate('LIC-3')).supersedes).to.equal('LIC-2');
      expect((await issuing.getCertificate('LIC-2')).supersededBy).to.equal('LIC-3');
      expect(await issuing.findByHolder(HOLDER)).to.deep.equal(['LIC-1', 'LIC-2', 'LIC-3']);
      expect(await issuing.findByDocumentHash(doc3)).to.equal('LIC-3');
      expect(await issuing.isIssued(doc2)).to.equal(true);
      expect(await issuing.isRevoked(DOC)).to.equal(false);
      await expect(issuing.renew('LIC-1', 'LIC-4', digest('doc-4'), ethers.ZeroHash, 0, 0))
        .to.be.revertedWithCustomError(issuing, 'InvalidTransition')
        .withArgs('LIC-1', Status.SUPERSEDED, Status.SUPERSEDED);
      await expect(issuing.suspend('LIC-1', 'x'))
        .to.be.revertedWithCustomError(issuing, 'InvalidTransition')
        .withArgs('LIC-1', Status.SUPERSEDED, Status.SUSPENDED);
      await expect(issuing.revoke('LIC-1', 'x'))
        .to.be.revertedWithCustomError(issuing, 'InvalidTransition')
        .withArgs('LIC-1', Status.SUPERSEDED, Status.REVOKED);
    });

    it('renews an expired, still ACTIVE certificate', async () => {
      const { issuing } = await loadFixture(withCertificate);
      await time.increaseTo((await issuing.getCertificate('LIC-1')).validUntil);
      await issuing.renew('LIC-1', 'LIC-2', digest('doc-2'), ethers.ZeroHash, 0, 0);
      expect(await issuing.statusOf('LIC-2')).to.equal(Status.ACTIVE);
    });

    it('refuses bad renewals, changing nothing', async () => {
      const { issuing, certificates, registry, issuer, otherIssuer } =
        await loadFixture(withCertificate);
      await issuing.issue('LIC-9', TYPE, OTHER_HOLDER, digest('doc-9'), 0, 0);
      await issuing.anchorBatch('BATCH-1', TYPE, digest('root'), 2, 0, 0);
      const doc2 = digest('doc-2');
      const now = BigInt(await time.latest());
      const ids = ['LIC-1', 'LIC-2', 'LIC-9'];
      const refuse = async (call: () => Promise<unknown>, error: string, ...args: unknown[]) =>
        unchanged(certificates, ids, [DOC, doc2, HOLDER], async () => {
          await expect(call())
            .to.be.revertedWithCustomError(certificates, error)
            .withArgs(...args);
        });
      const Z = ethers.ZeroHash;
      await refuse(
        () => issuing.renew('LIC-1', 'LIC-2', doc2, OTHER_HOLDER, 0, 0),
        'HolderMismatch',
        'LIC-1',
        OTHER_HOLDER,
      );
      await refuse(
        () => issuing.renew('LIC-1', 'LIC-9', doc2, Z, 0, 0),
        'CertificateExists',
        'LIC-9',
      );
      await refuse(
        () => issuing.renew('LIC-1', 'BATCH-1', doc2, Z, 0, 0),
        'BatchExists',
        'BATCH-1',
      );
      await refuse(
        () => issuing.renew('LIC-1', 'LIC-2', digest('doc-9'), Z, 0, 0),
        'DocumentAnchored',
        digest('doc-9'),
      );
      await refuse(() => issuing.renew('LIC-1', 'LIC-2', DOC, Z, 0, 0), 'DocumentAnchored', DOC);
      await refuse(
        () => issuing.renew('LIC-404', 'LIC-2', doc2, Z, 0, 0),
        'UnknownCertificate',
        'LIC-404',
      );
      await refuse(
        () => issuing.renew('LIC-1', 'LIC~2', doc2, Z, 0, 0),
        'InvalidIdentifier',
        'LIC~2',
      );
      await refuse(
        () => issuing.renew('LIC-1', 'LIC-2', doc2, Z, now + 100n, now + 10n),
        'InvalidWindow',
        now + 100n,
        now + 10n,
      );
      await expect(issuing.renew('LIC-1', 'LIC-2', Z, Z, 0, 0)).to.be.revertedWithCustomError(
        issuing,
        'ZeroHash',
      );
      await refuse(
        () => certificates.connect(otherIssuer).renew('LIC-1', 'LIC-2', doc2, Z, 0, 0),
        'NotCertificateIssuer',
        'LIC-1',
        otherIssuer.address,
      );
      await registry.setCertificateTypeIssuers(TYPE, [otherIssuer.address]);
      await refuse(
        () => issuing.renew('LIC-1', 'LIC-2', doc2, Z, 0, 0),
        'NotIssuer',
        issuer.address,
        TYPE,
      );
      await registry.setRoles(issuer.address, roleMask('CREDIT_AUTHORITY'), '');
      await refuse(
        () => issuing.renew('LIC-1', 'LIC-2', doc2, Z, 0, 0),
        'MissingRole',
        issuer.address,
        Role.ISSUER,
      );
    });
  });

  describe('batches', () => {
    const BATCH = 'BL-2030-02';
    const SIZE = 1000;
    const documents = Array.from({ length: SIZE }, (_, i) => digest(`member document ${i}`));
    const tree = buildTree(BATCH, documents);
    const member = (index: number) => ({
      documentHash: documents[index] as string,
      proof: tree.proof(index),
    });

    async function withBatch() {
      const fixture = await deployCertificates();
      const now = BigInt(await time.latest());
      const validUntil = now + 365n * 86_400n;
      const tx = await fixture.issuing.anchorBatch(BATCH, TYPE, tree.root, SIZE, 0, validUntil);
      return { ...fixture, anchoredAt: await blockTime(tx), validUntil, tx };
    }

    it('anchors 1,000 members in one small record', async () => {
      const { issuing, issuer, tx, anchoredAt, validUntil } = await loadFixture(withBatch);
      await expect(tx)
        .to.emit(issuing, 'BatchAnchored')
        .withArgs(BATCH, TYPE, issuer.address, tree.root, SIZE);
      const batch = await issuing.getBatch(BATCH);
      expect(batch.id).to.equal(BATCH);
      expect(batch.typeId).to.equal(TYPE);
      expect(batch.issuer).to.equal(issuer.address);
      expect(batch.count).to.equal(SIZE);
      expect(batch.merkleRoot).to.equal(tree.root);
      expect(batch.anchoredAt).to.equal(anchoredAt);
      expect(batch.validFrom).to.equal(anchoredAt);
      expect(batch.validUntil).to.equal(validUntil);
      expect(await issuing.isIssued(tree.root)).to.equal(true);
      expect(await issuing.isRevoked(tree.root)).to.equal(false);
      const receipt = await tx.wait();
      expect(receipt?.gasUsed).to.be.lessThan(300_000n);
    });

    it('recomputes the chaincode leaf on chain and verifies members 0, middle and last', async () => {
      const { issuing } = await loadFixture(withBatch);
      for (const index of [0, 1, SIZE / 2, SIZE - 2, SIZE - 1]) {
        expect(await issuing.memberLeaf(BATCH, index, documents[index] as string)).to.equal(
          tree.leaf(index),
        );
        const { documentHash, proof } = member(index);
        expect(
          await issuing.verifyBatchMember(BATCH, index, documentHash, proof),
          `${index}`,
        ).to.equal(true);
      }
    });

    it('rejects a forged document, a forged proof and a wrong index', async () => {
      const { issuing } = await loadFixture(withBatch);
      const { documentHash, proof } = member(500);
      const forgedProof = [...proof];
      forgedProof[3] = digest('forged sibling');
      expect(await issuing.verifyBatchMember(BATCH, 500, digest('forged'), proof)).to.equal(false);
      expect(await issuing.verifyBatchMember(BATCH, 500, documents[501] as string, proof)).to.equal(
        false,
      );
      expect(await issuing.verifyBatchMember(BATCH, 500, documentHash, forgedProof)).to.equal(
        false,
      );
      expect(await issuing.verifyBatchMember(BATCH, 500, documentHash, proof.slice(1))).to.equal(
        false,
      );
      expect(await issuing.verifyBatchMember(BATCH, 501, documentHash, proof)).to.equal(false);
      expect(await issuing.verifyBatchMember(BATCH, 499, documentHash, member(499).proof)).to.equal(
        false,
      );
      await expect(issuing.verifyBatchMember(BATCH, SIZE, documentHash, proof))
        .to.be.revertedWithCustomError(issuing, 'IndexOutOfRange')
        .withArgs(BATCH, SIZE, SIZE);
      await expect(issuing.verifyBatchMember('BL-0000', 0, documentHash, proof))
        .to.be.revertedWithCustomError(issuing, 'UnknownBatch')
        .withArgs('BL-0000');
      await expect(
        issuing.verifyBatchMember(BATCH, 0, ethers.ZeroHash, proof),
      ).to.be.revertedWithCustomError(issuing, 'ZeroHash');
      await expect(issuing.getBatch('BL-0000'))
        .to.be.revertedWithCustomError(issuing, 'UnknownBatch')
        .withArgs('BL-0000');
    });

    it('reads an untouched member from its batch', async () => {
      const { issuing, issuer, anchoredAt, validUntil } = await loadFixture(withBatch);
      const record = await issuing.getCertificate(`${BATCH}~7`);
      expect(record.id).to.equal(`${BATCH}~7`);
      expect(record.typeId).to.equal(TYPE);
      expect(record.issuer).to.equal(issuer.address);
      expect(record.batchId).to.equal(BATCH);
      expect(record.batchIndex).to.equal(7);
      expect(record.merkleRoot).to.equal(tree.root);
      expect(record.holderRef).to.equal(ethers.ZeroHash);
      expect(record.documentHash).to.equal(ethers.ZeroHash);
      expect(record.validFrom).to.equal(anchoredAt);
      expect(record.validUntil).to.equal(validUntil);
      expect(record.status).to.equal(Status.ACTIVE);
      expect(record.issuedAt).to.equal(anchoredAt);
      expect(await issuing.history(`${BATCH}~7`)).to.deep.equal([
        [anchoredAt, BigInt(Status.ACTIVE)],
      ]);
      expect(await issuing.statusAt(`${BATCH}~7`, anchoredAt - 1n)).to.equal(Status.NOT_ISSUED);
      expect(await issuing.statusAt(`${BATCH}~7`, validUntil)).to.equal(Status.EXPIRED);
      expect(await issuing.statusOf(`${BATCH}~999`)).to.equal(Status.ACTIVE);
      for (const id of [`${BATCH}~1000`, 'BL-0000~0'])
        await expect(issuing.getCertificate(id))
          .to.be.revertedWithCustomError(issuing, 'UnknownCertificate')
          .withArgs(id);
      for (const id of [
        `${BATCH}~01`,
        `${BATCH}~1234567`,
        `${BATCH}~`,
        '~1',
        `${BATCH}~1~2`,
        `${BATCH}~x`,
        'B/1~1',
      ])
        await expect(issuing.getCertificate(id))
          .to.be.revertedWithCustomError(issuing, 'InvalidIdentifier')
          .withArgs(id);
    });

    it('revokes one member alone: its leaf is revoked, its neighbours stay ACTIVE', async () => {
      const { issuing, anchoredAt } = await loadFixture(withBatch);
      const id = `${BATCH}~500`;
      const leaf = tree.leaf(500);
      expect(await issuing.isRevoked(leaf)).to.equal(false);
      const tx = await issuing.revokeMember(id, 'issued in error', member(500));
      await expect(tx).to.emit(issuing, 'CertificateRevoked').withArgs(id, leaf);
      const revokedAt = await blockTime(tx);
      expect(await issuing.isRevoked(leaf)).to.equal(true);
      expect(await issuing.isRevoked(tree.leaf(499))).to.equal(false);
      expect(await issuing.isRevoked(tree.root)).to.equal(false);
      expect(await issuing.isIssued(tree.root)).to.equal(true);
      expect(await issuing.statusOf(id)).to.equal(Status.REVOKED);
      for (const neighbour of [0, 499, 501, SIZE - 1])
        expect(await issuing.statusOf(`${BATCH}~${neighbour}`)).to.equal(Status.ACTIVE);
      const record = await issuing.getCertificate(id);
      expect(record.documentHash).to.equal(documents[500]);
      expect(record.reason).to.equal('issued in error');
      expect(record.issuedAt).to.equal(anchoredAt);
      expect(record.batchIndex).to.equal(500);
      expect(await issuing.history(id)).to.deep.equal([
        [anchoredAt, BigInt(Status.ACTIVE)],
        [revokedAt, BigInt(Status.REVOKED)],
      ]);
      expect(await issuing.statusAt(id, revokedAt - 1n)).to.equal(Status.ACTIVE);
      const { documentHash, proof } = member(500);
      expect(await issuing.verifyBatchMember(BATCH, 500, documentHash, proof)).to.equal(true);
      await expect(issuing.reinstate(id, 'x'))
        .to.be.revertedWithCustomError(issuing, 'InvalidTransition')
        .withArgs(id, Status.REVOKED, Status.ACTIVE);
    });

    it('needs the document and a valid proof for a member first change, changing nothing', async () => {
      const { issuing } = await loadFixture(withBatch);
      const id = `${BATCH}~500`;
      const ids = [id, `${BATCH}~499`];
      const hashes = [tree.leaf(500), tree.leaf(499), documents[500] as string];
      const forged = { ...member(500), proof: [digest('forged'), ...member(500).proof.slice(1)] };
      await unchanged(issuing, ids, hashes, async () => {
        await expect(issuing.revoke(id, 'x'))
          .to.be.revertedWithCustomError(issuing, 'MemberProofRequired')
          .withArgs(id);
        await expect(issuing.suspend(id, 'x'))
          .to.be.revertedWithCustomError(issuing, 'MemberProofRequired')
          .withArgs(id);
        await expect(issuing.renew(id, 'LIC-2', DOC, HOLDER, 0, 0))
          .to.be.revertedWithCustomError(issuing, 'MemberProofRequired')
          .withArgs(id);
        await expect(issuing.revokeMember(id, 'x', forged))
          .to.be.revertedWithCustomError(issuing, 'InvalidProof')
          .withArgs(BATCH, 500);
        await expect(issuing.revokeMember(id, 'x', member(499)))
          .to.be.revertedWithCustomError(issuing, 'InvalidProof')
          .withArgs(BATCH, 500);
        await expect(issuing.suspendMember(id, 'x', { ...member(500), documentHash: DOC }))
          .to.be.revertedWithCustomError(issuing, 'InvalidProof')
          .withArgs(BATCH, 500);
        await expect(
          issuing.suspendMember(id, 'x', { documentHash: ethers.ZeroHash, proof: NO_PROOF }),
        ).to.be.revertedWithCustomError(issuing, 'ZeroHash');
        // An untouched member is ACTIVE: reinstating it is a wrong transition, proof or not.
        await expect(issuing.reinstate(id, 'x'))
          .to.be.revertedWithCustomError(issuing, 'InvalidTransition')
          .withArgs(id, Status.ACTIVE, Status.ACTIVE);
        await expect(issuing.revokeMember(`${BATCH}~1000`, 'x', member(500)))
          .to.be.revertedWithCustomError(issuing, 'UnknownCertificate')
          .withArgs(`${BATCH}~1000`);
      });
    });

    it('refuses member changes by others than the issuer, changing nothing', async () => {
      const { certificates, otherIssuer, requester } = await loadFixture(withBatch);
      const id = `${BATCH}~3`;
      await unchanged(certificates, [id], [tree.leaf(3)], async () => {
        await expect(certificates.connect(otherIssuer).revokeMember(id, 'x', member(3)))
          .to.be.revertedWithCustomError(certificates, 'NotCertificateIssuer')
          .withArgs(id, otherIssuer.address);
        await expect(certificates.connect(requester).suspendMember(id, 'x', member(3)))
          .to.be.revertedWithCustomError(certificates, 'MissingRole')
          .withArgs(requester.address, Role.ISSUER);
      });
    });

    it('suspends a member, then changes its record without a proof', async () => {
      const { issuing } = await loadFixture(withBatch);
      const id = `${BATCH}~1`;
      await expect(issuing.suspendMember(id, 'holder under investigation', member(1)))
        .to.emit(issuing, 'CertificateSuspended')
        .withArgs(id);
      expect(await issuing.statusOf(id)).to.equal(Status.SUSPENDED);
      expect(await issuing.statusOf(`${BATCH}~0`)).to.equal(Status.ACTIVE);
      await issuing.reinstate(id, 'cleared');
      await issuing.suspend(id, 'again');
      // A proof for the member's own document is still accepted, another document is not.
      await issuing.reinstate(id, 'cleared again');
      await expect(
        issuing.suspendMember(id, 'x', { ...member(0), documentHash: documents[0] as string }),
      )
        .to.be.revertedWithCustomError(issuing, 'InvalidProof')
        .withArgs(BATCH, 1);
      await issuing.revokeMember(id, 'fraud', member(1));
      expect(await issuing.isRevoked(tree.leaf(1))).to.equal(true);
      const statuses = (await issuing.history(id)).map((change) => Number(change.status));
      expect(statuses).to.deep.equal([
        Status.ACTIVE,
        Status.SUSPENDED,
        Status.ACTIVE,
        Status.SUSPENDED,
        Status.ACTIVE,
        Status.REVOKED,
      ]);
    });

    it('renews a member into a certificate of its own, with the holder reference', async () => {
      const { issuing } = await loadFixture(withBatch);
      const id = `${BATCH}~0`;
      const doc = digest('renewed licence');
      await unchanged(issuing, [id, 'LIC-10'], [doc, HOLDER], async () => {
        await expect(issuing.renewMember(id, member(0), 'LIC-10', doc, ethers.ZeroHash, 0, 0))
          .to.be.revertedWithCustomError(issuing, 'HolderRefRequired')
          .withArgs(id);
        await expect(issuing.renewMember('LIC-1', member(0), 'LIC-10', doc, HOLDER, 0, 0))
          .to.be.revertedWithCustomError(issuing, 'UnknownCertificate')
          .withArgs('LIC-1');
      });
      await expect(issuing.renewMember(id, member(0), 'LIC-10', doc, HOLDER, 0, 0))
        .to.emit(issuing, 'CertificateRenewed')
        .withArgs(id, 'LIC-10', doc);
      const old = await issuing.getCertificate(id);
      expect(old.status).to.equal(Status.SUPERSEDED);
      expect(old.supersededBy).to.equal('LIC-10');
      expect(old.documentHash).to.equal(documents[0]);
      const renewed = await issuing.getCertificate('LIC-10');
      expect(renewed.supersedes).to.equal(id);
      expect(renewed.holderRef).to.equal(HOLDER);
      expect(renewed.batchId).to.equal('');
      expect(await issuing.findByHolder(HOLDER)).to.deep.equal(['LIC-10']);
      expect(
        await issuing.verifyBatchMember(BATCH, 0, documents[0] as string, tree.proof(0)),
      ).to.equal(true);
      expect(await issuing.isRevoked(tree.leaf(0))).to.equal(false);
    });

    it('refuses a proof for a certificate that is not a batch member', async () => {
      const { issuing } = await loadFixture(withBatch);
      await issuing.issue('LIC-1', TYPE, HOLDER, DOC, 0, 0);
      await unchanged(issuing, ['LIC-1'], [DOC], async () => {
        await expect(issuing.suspendMember('LIC-1', 'x', member(0)))
          .to.be.revertedWithCustomError(issuing, 'NotBatchMember')
          .withArgs('LIC-1');
      });
    });

    it('refuses to suspend an expired member, yet revokes it', async () => {
      const { issuing, validUntil } = await loadFixture(withBatch);
      await time.increaseTo(validUntil);
      const id = `${BATCH}~9`;
      await expect(issuing.suspendMember(id, 'late', member(9)))
        .to.be.revertedWithCustomError(issuing, 'InvalidTransition')
        .withArgs(id, Status.EXPIRED, Status.SUSPENDED);
      await issuing.revokeMember(id, 'late', member(9));
      expect(await issuing.statusOf(id)).to.equal(Status.REVOKED);
    });

    it('anchors the largest batch and revokes one of its members', async () => {
      const { issuing } = await loadFixture(deployCertificates);
      const documents = [digest('only member'), digest('second member')];
      const big = buildTree('BL-MAX', documents);
      await issuing.anchorBatch('BL-MAX', TYPE, big.root, 100_000, 0, 0);
      expect(await issuing.statusOf('BL-MAX~99999')).to.equal(Status.ACTIVE);
      await expect(issuing.getCertificate('BL-MAX~100000'))
        .to.be.revertedWithCustomError(issuing, 'UnknownCertificate')
        .withArgs('BL-MAX~100000');
      await issuing.revokeMember('BL-MAX~1', 'issued in error', {
        documentHash: documents[1] as string,
        proof: big.proof(1),
      });
      expect(await issuing.statusOf('BL-MAX~1')).to.equal(Status.REVOKED);
      expect(await issuing.statusOf('BL-MAX~0')).to.equal(Status.ACTIVE);
    });

    it('refuses bad batches and callers that may not issue the type, changing nothing', async () => {
      const { issuing, certificates, otherIssuer, outsider } = await loadFixture(withBatch);
      await issuing.issue('LIC-1', TYPE, HOLDER, DOC, 0, 0);
      const root = digest('another root');
      const now = BigInt(await time.latest());
      const refuse = async (call: () => Promise<unknown>, error: string, ...args: unknown[]) =>
        unchanged(certificates, ['BL-NEW~0', 'LIC-1'], [root, tree.root], async () => {
          const reverted = expect(call()).to.be.revertedWithCustomError(certificates, error);
          await (args.length > 0 ? reverted.withArgs(...args) : reverted);
        });
      await refuse(() => issuing.anchorBatch('BL-NEW', TYPE, root, 0, 0, 0), 'InvalidBatchSize', 0);
      await refuse(
        () => issuing.anchorBatch('BL-NEW', TYPE, root, 100_001, 0, 0),
        'InvalidBatchSize',
        100_001,
      );
      await refuse(() => issuing.anchorBatch('BL-NEW', TYPE, ethers.ZeroHash, 2, 0, 0), 'ZeroHash');
      await refuse(
        () => issuing.anchorBatch('BL~NEW', TYPE, root, 2, 0, 0),
        'InvalidIdentifier',
        'BL~NEW',
      );
      await refuse(
        () => issuing.anchorBatch('BL-NEW', 'Type', root, 2, 0, 0),
        'InvalidToken',
        'Type',
      );
      await refuse(
        () => issuing.anchorBatch('BL-NEW', TYPE, root, 2, now + 100n, now + 50n),
        'InvalidWindow',
        now + 100n,
        now + 50n,
      );
      await refuse(
        () => certificates.connect(otherIssuer).anchorBatch('BL-NEW', TYPE, root, 2, 0, 0),
        'NotIssuer',
        otherIssuer.address,
        TYPE,
      );
      await refuse(
        () => certificates.connect(outsider).anchorBatch('BL-NEW', TYPE, root, 2, 0, 0),
        'MissingRole',
        outsider.address,
        Role.ISSUER,
      );
      await refuse(
        () => issuing.anchorBatch('BL-NEW', 'fishing-permit', root, 2, 0, 0),
        'UnknownCertificateType',
        'fishing-permit',
      );
      await refuse(() => issuing.anchorBatch(BATCH, TYPE, root, 2, 0, 0), 'BatchExists', BATCH);
      await refuse(
        () => issuing.anchorBatch('LIC-1', TYPE, root, 2, 0, 0),
        'CertificateExists',
        'LIC-1',
      );
      await refuse(
        () => issuing.anchorBatch('BL-NEW', TYPE, tree.root, 2, 0, 0),
        'RootAnchored',
        tree.root,
      );
    });
  });
});
