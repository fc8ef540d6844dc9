import {
  impersonateAccount,
  loadFixture,
  setBalance,
  time,
} from '@nomicfoundation/hardhat-network-helpers';
import { anyValue } from '@nomicfoundation/hardhat-chai-matchers/withArgs';
import { expect } from 'chai';
import { AbiCoder, sha256, ZeroHash, type Typed } from 'ethers';
import { ethers } from 'hardhat';
import type { AuthorizationRegistry } from '../.cache/types';
import {
  auditTrail,
  keyOf,
  linkHash,
  readTrail,
  trailTerms,
  verifyAuthorizationTrail,
  verifyGranteeTrails,
  type AccessEvent,
} from '@citytrust/ledger-evm';
import {
  ACME_CODE,
  BETA_CODE,
  deployConsortium,
  digest,
  Role,
  type Consortium,
} from './consortium';

const DAY = 86_400;

const SubjectType = { CITIZEN: 0, ENTERPRISE: 1 } as const;
const LegalBasis = { CONSENT: 0, CONTRACT: 1, LEGAL_OBLIGATION: 2, PUBLIC_TASK: 3 } as const;
const Status = { ACTIVE: 0, REVOKED: 1, EXHAUSTED: 2, EXPIRED: 3 } as const;
const Operation = { READ: 0, VERIFY: 1, COPY: 2, COMPUTE: 3 } as const;
const Reason = {
  NONE: 0,
  NOT_GRANTEE: 1,
  REVOKED: 2,
  EXHAUSTED: 3,
  NOT_YET_VALID: 4,
  EXPIRED: 5,
  CATEGORY_NOT_AUTHORIZED: 6,
  NEGATIVE_LIST: 7,
  PURPOSE_MISMATCH: 8,
  OPERATION_NOT_AUTHORIZED: 9,
  SUBJECT_MISMATCH: 10,
  DAILY_LIMIT_REACHED: 11,
} as const;

/** A citizen's salted reference as the chaincode writes it: 64 lowercase hex digits. */
const CITIZEN = digest('citizen-a').slice(2);
const OTHER_CITIZEN = digest('citizen-b').slice(2);

type Terms = AuthorizationRegistry.TermsStruct;
/** IAccessRecorder's AccessRequest, as the contract's methods take it. */
type AccessRequestStruct = Exclude<
  Parameters<AuthorizationRegistry['recordAccess']['populateTransaction']>[0],
  Typed
>;

function operationMask(...names: (keyof typeof Operation)[]): number {
  return names.reduce((mask, name) => mask | (1 << Operation[name]), 0);
}

interface Fixture extends Consortium {
  readonly authz: AuthorizationRegistry;
  /** A UTC midnight: the fixture's chain time. Block time only moves forward, so each fixture
   * starts at the first midnight a day or more after the chain time it was built at. */
  readonly base: number;
}

async function deployAuthorizations(): Promise<Fixture> {
  const consortium = await deployConsortium();
  const authz = await (
    await ethers.getContractFactory('AuthorizationRegistry', consortium.governance)
  ).deploy(await consortium.registry.getAddress());
  const base = (Math.floor((await time.latest()) / DAY) + 2) * DAY;
  await time.increaseTo(base);
  return { ...consortium, authz, base };
}

/** AUTH-1: citizen-services lets city-bank READ/VERIFY identity and medical records. */
function citizenTerms(f: Fixture, overrides: Partial<Terms> = {}): Terms {
  return {
    id: 'AUTH-1',
    subjectType: SubjectType.CITIZEN,
    subject: CITIZEN,
    grantee: f.requester.address,
    categories: ['identity', 'medical-record'],
    purpose: 'loan-assessment',
    legalBasis: LegalBasis.CONSENT,
    operations: operationMask('READ', 'VERIFY'),
    maxAccesses: 3,
    maxPerDay: 2,
    validFrom: f.base,
    validUntil: f.base + 30 * DAY,
    consentEvidenceHash: digest('consent'),
    ...overrides,
  };
}

/** AUTH-CR: acme-trading discloses its credit report to city-bank. */
function creditTerms(f: Fixture, overrides: Partial<Terms> = {}): Terms {
  return citizenTerms(f, {
    id: 'AUTH-CR',
    subjectType: SubjectType.ENTERPRISE,
    subject: ACME_CODE,
    categories: ['credit-report'],
    operations: operationMask('READ'),
    maxAccesses: 5,
    maxPerDay: 0,
    ...overrides,
  });
}

function access(overrides: Partial<AccessRequestStruct> = {}): AccessRequestStruct {
  return {
    authorizationId: 'AUTH-1',
    subject: '',
    category: 'identity',
    purpose: 'loan-assessment',
    operation: Operation.READ,
    recordCount: 1,
    requestHash: digest('GET /people/1'),
    ...overrides,
  };
}

async function withAuth1(): Promise<Fixture> {
  const f = await deployAuthorizations();
  await f.authz.connect(f.holder).create(citizenTerms(f));
  return f;
}

/** Everything the registry keeps, for before/after comparisons around a revert. */
async function snapshot(authz: AuthorizationRegistry) {
  const all = await authz.list();
  const heads = await Promise.all(all.map((a) => authz.trailHead(a.id)));
  return JSON.stringify([all, heads, await authz.reportRegistry()], (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

async function lastEvent(authz: AuthorizationRegistry, id: string): Promise<AccessEvent> {
  const trail = await readTrail(authz, id);
  const last = trail[trail.length - 1];
  if (!last) throw new Error(`authorization ${id} has no events`);
  return last;
}

describe('AuthorizationRegistry', () => {
  describe('create', () => {
    it('a DATA_HOLDER creates a citizen authorization on consent', async () => {
      const f = await loadFixture(deployAuthorizations);
      const terms = citizenTerms(f);
      await time.setNextBlockTimestamp(f.base + 100);
      await expect(f.authz.connect(f.holder).create(terms))
        .to.emit(f.authz, 'AuthorizationCreated')
        .withArgs('AUTH-1', f.requester.address, f.holder.address);
      const stored = await f.authz.get('AUTH-1');
      expect(stored.subjectType).to.equal(SubjectType.CITIZEN);
      expect(stored.subject).to.equal(CITIZEN);
      expect(stored.createdBy).to.equal(f.holder.address);
      expect(stored.grantee).to.equal(f.requester.address);
      expect(stored.categories).to.deep.equal(['identity', 'medical-record']);
      expect(stored.purpose).to.equal('loan-assessment');
      expect(stored.legalBasis).to.equal(LegalBasis.CONSENT);
      expect(stored.operations).to.equal(operationMask('READ', 'VERIFY'));
      expect(stored.maxAccesses).to.equal(3);
      expect(stored.maxPerDay).to.equal(2);
      expect(stored.validFrom).to.equal(f.base);
      expect(stored.validUntil).to.equal(f.base + 30 * DAY);
      expect(stored.consentEvidenceHash).to.equal(digest('consent'));
      expect(stored.status).to.equal(Status.ACTIVE);
      expect(stored.used).to.equal(0);
      expect(stored.eventCount).to.equal(0);
      expect(stored.headHash).to.equal(ZeroHash);
      expect(stored.revokedAt).to.equal(0);
      expect(stored.createdAt).to.equal(f.base + 100);
      expect(await f.authz.trailHead('AUTH-1')).to.deep.equal([ZeroHash, 0n, 0n]);
    });

    it('an enterprise authorizes its own credit report; a DATA_HOLDER any other category of it', async () => {
      const f = await loadFixture(deployAuthorizations);
      await expect(f.authz.connect(f.enterprise).create(creditTerms(f)))
        .to.emit(f.authz, 'AuthorizationCreated')
        .withArgs('AUTH-CR', f.requester.address, f.enterprise.address);
      await f.authz
        .connect(f.holder)
        .create(creditTerms(f, { id: 'AUTH-E', categories: ['identity'] }));
      const listed = await f.authz.listBySubject(ACME_CODE);
      expect(listed.map((a) => [a.id, a.createdBy])).to.deep.equal([
        ['AUTH-CR', f.enterprise.address],
        ['AUTH-E', f.holder.address],
      ]);
    });

    it('accepts no limits (0) and every legal basis', async () => {
      const f = await loadFixture(deployAuthorizations);
      for (const [index, basis] of Object.values(LegalBasis).entries())
        await f.authz.connect(f.holder).create(
          citizenTerms(f, {
            id: `AUTH-${index}`,
            legalBasis: basis,
            maxAccesses: 0,
            maxPerDay: 0,
          }),
        );
      const all = await f.authz.list();
      expect(all.map((a) => a.legalBasis)).to.deep.equal([0n, 1n, 2n, 3n]);
      expect(all.every((a) => a.maxAccesses === 0n && a.maxPerDay === 0n)).to.equal(true);
    });

    describe('who may create', () => {
      const cases: [string, (f: Fixture) => Promise<void>][] = [
        [
          'a REQUESTER',
          async (f) =>
            expect(f.authz.connect(f.requester).create(citizenTerms(f)))
              .to.be.revertedWithCustomError(f.authz, 'MissingRole')
              .withArgs(f.requester.address, Role.DATA_HOLDER),
        ],
        [
          'an unregistered account',
          async (f) =>
            expect(f.authz.connect(f.outsider).create(citizenTerms(f)))
              .to.be.revertedWithCustomError(f.authz, 'MissingRole')
              .withArgs(f.outsider.address, Role.DATA_HOLDER),
        ],
        [
          "an enterprise for a citizen's data",
          async (f) =>
            expect(f.authz.connect(f.enterprise).create(citizenTerms(f)))
              .to.be.revertedWithCustomError(f.authz, 'MissingRole')
              .withArgs(f.enterprise.address, Role.DATA_HOLDER),
        ],
        [
          'an enterprise for another enterprise',
          async (f) =>
            expect(f.authz.connect(f.otherEnterprise).create(creditTerms(f)))
              .to.be.revertedWithCustomError(f.authz, 'MissingRole')
              .withArgs(f.otherEnterprise.address, Role.DATA_HOLDER),
        ],
        [
          "a DATA_HOLDER for an enterprise's credit report",
          async (f) =>
            expect(f.authz.connect(f.holder).create(creditTerms(f)))
              .to.be.revertedWithCustomError(f.authz, 'CreditReportNotBySubject')
              .withArgs(f.holder.address),
        ],
        [
          'a DATA_HOLDER for itself',
          async (f) =>
            expect(f.authz.connect(f.holder).create(citizenTerms(f, { grantee: f.holder.address })))
              .to.be.revertedWithCustomError(f.authz, 'SelfGrant')
              .withArgs(f.holder.address),
        ],
        [
          'an enterprise for itself as grantee',
          async (f) =>
            expect(
              f.authz
                .connect(f.enterprise)
                .create(creditTerms(f, { grantee: f.enterprise.address })),
            )
              .to.be.revertedWithCustomError(f.authz, 'SelfGrant')
              .withArgs(f.enterprise.address),
        ],
        [
          'for an unregistered grantee',
          async (f) =>
            expect(
              f.authz.connect(f.holder).create(citizenTerms(f, { grantee: f.outsider.address })),
            )
              .to.be.revertedWithCustomError(f.authz, 'UnknownOrganization')
              .withArgs(f.outsider.address),
        ],
        [
          'for a grantee that is no REQUESTER',
          async (f) =>
            expect(
              f.authz.connect(f.holder).create(citizenTerms(f, { grantee: f.auditor.address })),
            )
              .to.be.revertedWithCustomError(f.authz, 'MissingRole')
              .withArgs(f.auditor.address, Role.REQUESTER),
        ],
      ];
      for (const [title, attempt] of cases)
        it(`refuses ${title}, changing nothing`, async () => {
          const f = await loadFixture(deployAuthorizations);
          const before = await snapshot(f.authz);
          await attempt(f);
          expect(await snapshot(f.authz)).to.equal(before);
        });
    });

    describe('bad terms', () => {
      const cases: [string, (f: Fixture) => Partial<Terms>, string, (f: Fixture) => unknown[]][] = [
        ['an invalid id', () => ({ id: '-x' }), 'InvalidIdentifier', () => ['-x']],
        [
          'an uppercase citizen reference',
          () => ({ subject: CITIZEN.toUpperCase() }),
          'InvalidSubject',
          () => [SubjectType.CITIZEN, CITIZEN.toUpperCase()],
        ],
        [
          'a 0x-prefixed citizen reference',
          () => ({ subject: `0x${CITIZEN}` }),
          'InvalidSubject',
          () => [SubjectType.CITIZEN, `0x${CITIZEN}`],
        ],
        [
          'a plaintext citizen id',
          () => ({ subject: 'citizen-0001' }),
          'InvalidSubject',
          () => [SubjectType.CITIZEN, 'citizen-0001'],
        ],
        [
          'a citizen reference as an enterprise',
          () => ({ subjectType: SubjectType.ENTERPRISE, subject: CITIZEN }),
          'InvalidSubject',
          () => [SubjectType.ENTERPRISE, CITIZEN],
        ],
        ['no category', () => ({ categories: [] }), 'InvalidCategoryCount', () => [0]],
        [
          '33 categories',
          () => ({ categories: Array.from({ length: 33 }, (_, i) => `c${i}`) }),
          'InvalidCategoryCount',
          () => [33],
        ],
        [
          'a repeated category',
          () => ({ categories: ['identity', 'identity'] }),
          'DuplicateCategory',
          () => ['identity'],
        ],
        [
          'a category that is no token',
          () => ({ categories: ['Identity'] }),
          'InvalidToken',
          () => ['Identity'],
        ],
        [
          'a category outside the catalog',
          () => ({ categories: ['identity', 'genome-data'] }),
          'CategoryNotInCatalog',
          () => ['genome-data'],
        ],
        [
          'a purpose that is no token',
          () => ({ purpose: 'Loans!' }),
          'InvalidToken',
          () => ['Loans!'],
        ],
        ['no operation', () => ({ operations: 0 }), 'InvalidOperations', () => [0]],
        [
          'an operation bit past COMPUTE',
          () => ({ operations: 16 }),
          'InvalidOperations',
          () => [16],
        ],
        [
          'maxAccesses over 1,000,000',
          () => ({ maxAccesses: 1_000_001 }),
          'InvalidLimits',
          () => [1_000_001, 2],
        ],
        [
          'maxPerDay over 100,000',
          () => ({ maxPerDay: 100_001 }),
          'InvalidLimits',
          () => [3, 100_001],
        ],
        [
          'a window that ends before it starts',
          (f) => ({ validFrom: f.base + 10 * DAY, validUntil: f.base + 5 * DAY }),
          'InvalidWindow',
          (f) => [f.base + 10 * DAY, f.base + 5 * DAY],
        ],
        [
          'an empty window',
          (f) => ({ validFrom: f.base + 10 * DAY, validUntil: f.base + 10 * DAY }),
          'InvalidWindow',
          (f) => [f.base + 10 * DAY, f.base + 10 * DAY],
        ],
        [
          'a window already over',
          (f) => ({ validFrom: f.base - 10 * DAY, validUntil: f.base - DAY }),
          'WindowOver',
          (f) => [f.base - DAY, f.base + 1],
        ],
        [
          'a zero consent evidence hash',
          () => ({ consentEvidenceHash: ZeroHash }),
          'ZeroHash',
          () => [],
        ],
      ];
      for (const [title, overrides, error, args] of cases)
        it(`refuses ${title}, changing nothing`, async () => {
          const f = await loadFixture(deployAuthorizations);
          const before = await snapshot(f.authz);
          await time.setNextBlockTimestamp(f.base + 1);
          await expect(f.authz.connect(f.holder).create(citizenTerms(f, overrides(f))))
            .to.be.revertedWithCustomError(f.authz, error)
            .withArgs(...args(f));
          expect(await snapshot(f.authz)).to.equal(before);
        });

      it('refuses a category on the negative list, changing nothing', async () => {
        const f = await loadFixture(deployAuthorizations);
        await f.registry.addToNegativeList('medical-record', 'health secrecy');
        const before = await snapshot(f.authz);
        await expect(f.authz.connect(f.holder).create(citizenTerms(f)))
          .to.be.revertedWithCustomError(f.authz, 'NegativeListed')
          .withArgs('medical-record');
        expect(await snapshot(f.authz)).to.equal(before);
      });

      it('refuses an id that exists, changing nothing', async () => {
        const f = await loadFixture(withAuth1);
        const before = await snapshot(f.authz);
        await expect(f.authz.connect(f.holder).create(citizenTerms(f, { subject: OTHER_CITIZEN })))
          .to.be.revertedWithCustomError(f.authz, 'AuthorizationExists')
          .withArgs('AUTH-1');
        expect(await snapshot(f.authz)).to.equal(before);
      });
    });
  });

  describe('revoke', () => {
    it('its creator revokes it, for good, with a reason', async () => {
      const f = await loadFixture(withAuth1);
      await time.setNextBlockTimestamp(f.base + DAY);
      await expect(f.authz.connect(f.holder).revoke('AUTH-1', 'Citizen withdrew consent'))
        .to.emit(f.authz, 'AuthorizationRevoked')
        .withArgs('AUTH-1', f.holder.address);
      const revoked = await f.authz.get('AUTH-1');
      expect(revoked.status).to.equal(Status.REVOKED);
      expect(revoked.revokedAt).to.equal(f.base + DAY);
      expect(revoked.revocationReason).to.equal('Citizen withdrew consent');
      const before = await snapshot(f.authz);
      await expect(f.authz.connect(f.holder).revoke('AUTH-1', 'again'))
        .to.be.revertedWithCustomError(f.authz, 'InvalidTransition')
        .withArgs('AUTH-1', Status.REVOKED, Status.REVOKED);
      expect(await snapshot(f.authz)).to.equal(before);
    });

    it('the subject enterprise revokes what a DATA_HOLDER created for it', async () => {
      const f = await loadFixture(deployAuthorizations);
      await f.authz.connect(f.holder).create(creditTerms(f, { categories: ['identity'] }));
      await expect(f.authz.connect(f.enterprise).revoke('AUTH-CR', 'consent withdrawn'))
        .to.emit(f.authz, 'AuthorizationRevoked')
        .withArgs('AUTH-CR', f.enterprise.address);
      expect((await f.authz.get('AUTH-CR')).status).to.equal(Status.REVOKED);
    });

    it('refuses the grantee, another enterprise and strangers, changing nothing', async () => {
      const f = await loadFixture(deployAuthorizations);
      await f.authz.connect(f.enterprise).create(creditTerms(f));
      const before = await snapshot(f.authz);
      for (const signer of [f.requester, f.otherEnterprise, f.holder, f.outsider])
        await expect(f.authz.connect(signer).revoke('AUTH-CR', 'no'))
          .to.be.revertedWithCustomError(f.authz, 'NotCreatorOrSubject')
          .withArgs('AUTH-CR', signer.address);
      expect(await snapshot(f.authz)).to.equal(before);
    });

    it('refuses an unknown id and a blank reason, changing nothing', async () => {
      const f = await loadFixture(withAuth1);
      const before = await snapshot(f.authz);
      await expect(f.authz.connect(f.holder).revoke('AUTH-404', 'done'))
        .to.be.revertedWithCustomError(f.authz, 'UnknownAuthorization')
        .withArgs('AUTH-404');
      await expect(f.authz.connect(f.holder).revoke('AUTH-1', '  '))
        .to.be.revertedWithCustomError(f.authz, 'InvalidText')
        .withArgs('  ', 500);
      expect(await snapshot(f.authz)).to.equal(before);
    });

    it('an EXPIRED authorization cannot be revoked; an EXHAUSTED one can', async () => {
      const f = await loadFixture(withAuth1);
      await f.authz
        .connect(f.holder)
        .create(citizenTerms(f, { id: 'AUTH-ONE', maxAccesses: 1, maxPerDay: 0 }));
      await f.authz.connect(f.requester).recordAccess(access({ authorizationId: 'AUTH-ONE' }));
      expect((await f.authz.get('AUTH-ONE')).status).to.equal(Status.EXHAUSTED);
      await time.increaseTo(f.base + 30 * DAY);
      expect((await f.authz.get('AUTH-1')).status).to.equal(Status.EXPIRED);
      const before = await snapshot(f.authz);
      await expect(f.authz.connect(f.holder).revoke('AUTH-1', 'late'))
        .to.be.revertedWithCustomError(f.authz, 'InvalidTransition')
        .withArgs('AUTH-1', Status.EXPIRED, Status.REVOKED);
      expect(await snapshot(f.authz)).to.equal(before);
      await f.authz.connect(f.holder).revoke('AUTH-ONE', 'closing');
      expect((await f.authz.get('AUTH-ONE')).status).to.equal(Status.REVOKED);
    });
  });

  describe('recordAccess', () => {
    it('records an allowed access as the first link of the chain', async () => {
      const f = await loadFixture(withAuth1);
      const request = access({ recordCount: 7 });
      const [allowed] = await f.authz.connect(f.requester).recordAccess.staticCall(request);
      expect(allowed).to.equal(true);
      await time.setNextBlockTimestamp(f.base + 3600);
      await expect(f.authz.connect(f.requester).recordAccess(request))
        .to.emit(f.authz, 'AccessRecorded')
        .withArgs(keyOf('AUTH-1'), f.requester.address, f.requester.address, anyValue);
      const event = await lastEvent(f.authz, 'AUTH-1');
      expect(event).to.deep.include({
        authorizationId: 'AUTH-1',
        seq: 0,
        at: f.base + 3600,
        actor: f.requester.address,
        category: 'identity',
        purpose: 'loan-assessment',
        operation: 'READ',
        recordCount: 7,
        requestHash: digest('GET /people/1'),
        allowed: true,
        reason: null,
        prevHash: ZeroHash,
      });
      // The encoding the contract's NatSpec documents, written out as an auditor would.
      const recomputed = sha256(
        AbiCoder.defaultAbiCoder().encode(
          [
            'bytes32',
            'string',
            'uint64',
            'address',
            'bool',
            'uint8',
            'string',
            'string',
            'uint8',
            'uint32',
            'bytes32',
            'uint64',
          ],
          [
            ZeroHash,
            'AUTH-1',
            0,
            f.requester.address,
            true,
            Reason.NONE,
            'identity',
            'loan-assessment',
            Operation.READ,
            7,
            digest('GET /people/1'),
            f.base + 3600,
          ],
        ),
      );
      expect(event.eventHash).to.equal(recomputed);
      expect(await f.authz.trailHead('AUTH-1')).to.deep.equal([recomputed, 1n, 1n]);
      expect(await f.authz.usedOnDay('AUTH-1', f.base / DAY)).to.equal(1);
    });

    it('chains each link to the one before', async () => {
      const f = await loadFixture(withAuth1);
      await f.authz.connect(f.requester).recordAccess(access());
      const first = await lastEvent(f.authz, 'AUTH-1');
      await f.authz.connect(f.requester).recordAccess(access({ purpose: 'marketing' }));
      const second = await lastEvent(f.authz, 'AUTH-1');
      expect(second.seq).to.equal(1);
      expect(second.prevHash).to.equal(first.eventHash);
      expect(second.eventHash).to.equal(linkHash(second));
      expect((await f.authz.trailHead('AUTH-1'))[0]).to.equal(second.eventHash);
    });

    describe('each denial is recorded, not reverted', () => {
      const cases: [
        keyof typeof Reason,
        (f: Fixture) => Promise<{ signer: Fixture['requester']; request: AccessRequestStruct }>,
      ][] = [
        ['NOT_GRANTEE', async (f) => ({ signer: f.otherRequester, request: access() })],
        [
          'REVOKED',
          async (f) => {
            await f.authz.connect(f.holder).revoke('AUTH-1', 'withdrawn');
            return { signer: f.requester, request: access() };
          },
        ],
        [
          'NOT_YET_VALID',
          async (f) => {
            await f.authz
              .connect(f.holder)
              .create(citizenTerms(f, { id: 'AUTH-LATER', validFrom: f.base + 10 * DAY }));
            return { signer: f.requester, request: access({ authorizationId: 'AUTH-LATER' }) };
          },
        ],
        [
          'EXPIRED',
          async (f) => {
            await time.increaseTo(f.base + 30 * DAY);
            return { signer: f.requester, request: access() };
          },
        ],
        [
          'CATEGORY_NOT_AUTHORIZED',
          async (f) => ({ signer: f.requester, request: access({ category: 'credit-report' }) }),
        ],
        [
          'NEGATIVE_LIST',
          async (f) => {
            await f.registry.addToNegativeList('identity', 'ruling');
            return { signer: f.requester, request: access() };
          },
        ],
        [
          'PURPOSE_MISMATCH',
          async (f) => ({ signer: f.requester, request: access({ purpose: 'marketing' }) }),
        ],
        [
          'OPERATION_NOT_AUTHORIZED',
          async (f) => ({ signer: f.requester, request: access({ operation: Operation.COPY }) }),
        ],
        [
          'SUBJECT_MISMATCH',
          async (f) => ({ signer: f.requester, request: access({ subject: OTHER_CITIZEN }) }),
        ],
      ];
      for (const [reason, setUp] of cases)
        it(reason, async () => {
          const f = await loadFixture(withAuth1);
          const { signer, request } = await setUp(f);
          const id = request.authorizationId;
          const [, countBefore, usedBefore] = await f.authz.trailHead(id);
          const [allowed] = await f.authz.connect(signer).recordAccess.staticCall(request);
          expect(allowed).to.equal(false);
          await expect(f.authz.connect(signer).recordAccess(request)).to.emit(
            f.authz,
            'AccessRecorded',
          );
          const event = await lastEvent(f.authz, id);
          expect(event).to.deep.include({ allowed: false, reason, actor: signer.address });
          expect(event.seq).to.equal(Number(countBefore));
          const [head, count, used] = await f.authz.trailHead(id);
          expect([head, count, used]).to.deep.equal([
            event.eventHash,
            countBefore + 1n,
            usedBefore,
          ]);
          expect(await f.authz.usedOnDay(id, Math.floor((await time.latest()) / DAY))).to.equal(0);
        });

      it('the matching subject is allowed', async () => {
        const f = await loadFixture(withAuth1);
        await f.authz.connect(f.requester).recordAccess(access({ subject: CITIZEN }));
        expect(await lastEvent(f.authz, 'AUTH-1')).to.deep.include({ allowed: true, reason: null });
      });
    });

    it('a category put on the negative list after creation is denied, and allowed again once lifted', async () => {
      const f = await loadFixture(withAuth1);
      await f.authz.connect(f.requester).recordAccess(access({ category: 'medical-record' }));
      await f.registry.addToNegativeList('medical-record', 'health secrecy ruling');
      await f.authz.connect(f.requester).recordAccess(access({ category: 'medical-record' }));
      expect(await lastEvent(f.authz, 'AUTH-1')).to.deep.include({
        allowed: false,
        reason: 'NEGATIVE_LIST',
      });
      await f.registry.removeFromNegativeList('medical-record', 'ruling overturned');
      await time.increaseTo(f.base + DAY);
      await f.authz.connect(f.requester).recordAccess(access({ category: 'medical-record' }));
      expect(await lastEvent(f.authz, 'AUTH-1')).to.deep.include({ allowed: true });
      const audit = await verifyAuthorizationTrail(f.authz, 'AUTH-1');
      expect(audit).to.deep.include({ intact: true, events: 3, allowed: 2, denied: 1 });
      expect(audit.violations).to.deep.equal([]);
    });

    it('counts the daily limit per UTC day of the block time', async () => {
      const f = await loadFixture(withAuth1);
      const day = f.base / DAY + 1;
      const midnight = day * DAY + DAY;
      await time.setNextBlockTimestamp(midnight - 10);
      await f.authz.connect(f.requester).recordAccess(access());
      await time.setNextBlockTimestamp(midnight - 5);
      await f.authz.connect(f.requester).recordAccess(access());
      await time.setNextBlockTimestamp(midnight - 1);
      await f.authz.connect(f.requester).recordAccess(access());
      expect(await lastEvent(f.authz, 'AUTH-1')).to.deep.include({
        allowed: false,
        reason: 'DAILY_LIMIT_REACHED',
        at: midnight - 1,
      });
      expect(await f.authz.usedOnDay('AUTH-1', day)).to.equal(2);
      await time.setNextBlockTimestamp(midnight);
      await f.authz.connect(f.requester).recordAccess(access());
      expect(await lastEvent(f.authz, 'AUTH-1')).to.deep.include({ allowed: true, at: midnight });
      expect(await f.authz.usedOnDay('AUTH-1', day)).to.equal(2);
      expect(await f.authz.usedOnDay('AUTH-1', day + 1)).to.equal(1);
      expect((await f.authz.get('AUTH-1')).used).to.equal(3);
    });

    it('exhausts at maxAccesses: EXHAUSTED, announced, and later accesses denied', async () => {
      const f = await loadFixture(withAuth1);
      await f.authz.connect(f.requester).recordAccess(access());
      await f.authz.connect(f.requester).recordAccess(access({ operation: Operation.VERIFY }));
      await time.increaseTo(f.base + DAY);
      await expect(f.authz.connect(f.requester).recordAccess(access()))
        .to.emit(f.authz, 'AuthorizationExhausted')
        .withArgs('AUTH-1');
      const exhausted = await f.authz.get('AUTH-1');
      expect([exhausted.status, exhausted.used, exhausted.eventCount]).to.deep.equal([
        BigInt(Status.EXHAUSTED),
        3n,
        3n,
      ]);
      await expect(f.authz.connect(f.requester).recordAccess(access())).not.to.emit(
        f.authz,
        'AuthorizationExhausted',
      );
      expect(await lastEvent(f.authz, 'AUTH-1')).to.deep.include({
        allowed: false,
        reason: 'EXHAUSTED',
        seq: 3,
      });
      expect((await f.authz.get('AUTH-1')).used).to.equal(3);
      expect((await f.authz.listByGrantee(f.requester.address)).map((a) => a.status)).to.deep.equal(
        [BigInt(Status.EXHAUSTED)],
      );
      // Past its window an EXHAUSTED authorization stays EXHAUSTED, and is denied as such.
      await time.increaseTo(f.base + 31 * DAY);
      expect((await f.authz.get('AUTH-1')).status).to.equal(Status.EXHAUSTED);
    });

    it('an access after revocation is denied REVOKED even when exhausted', async () => {
      const f = await loadFixture(deployAuthorizations);
      await f.authz.connect(f.holder).create(citizenTerms(f, { maxAccesses: 1, maxPerDay: 0 }));
      await f.authz.connect(f.requester).recordAccess(access());
      await f.authz.connect(f.holder).revoke('AUTH-1', 'closing');
      await f.authz.connect(f.requester).recordAccess(access());
      expect(await lastEvent(f.authz, 'AUTH-1')).to.deep.include({ reason: 'REVOKED' });
    });

    describe('refusals revert and change nothing', () => {
      const cases: [string, (f: Fixture) => Promise<void>][] = [
        [
          'a caller that is no REQUESTER',
          async (f) =>
            expect(f.authz.connect(f.holder).recordAccess(access()))
              .to.be.revertedWithCustomError(f.authz, 'MissingRole')
              .withArgs(f.holder.address, Role.REQUESTER),
        ],
        [
          'an unregistered caller',
          async (f) =>
            expect(f.authz.connect(f.outsider).recordAccess(access()))
              .to.be.revertedWithCustomError(f.authz, 'MissingRole')
              .withArgs(f.outsider.address, Role.REQUESTER),
        ],
        [
          'an unknown authorization',
          async (f) =>
            expect(
              f.authz.connect(f.requester).recordAccess(access({ authorizationId: 'AUTH-404' })),
            )
              .to.be.revertedWithCustomError(f.authz, 'UnknownAuthorization')
              .withArgs('AUTH-404'),
        ],
        [
          'a zero request hash',
          async (f) =>
            expect(
              f.authz.connect(f.requester).recordAccess(access({ requestHash: ZeroHash })),
            ).to.be.revertedWithCustomError(f.authz, 'ZeroHash'),
        ],
        [
          'more than 1,000,000 records',
          async (f) =>
            expect(f.authz.connect(f.requester).recordAccess(access({ recordCount: 1_000_001 })))
              .to.be.revertedWithCustomError(f.authz, 'InvalidRecordCount')
              .withArgs(1_000_001),
        ],
        [
          'a category that is no token',
          async (f) =>
            expect(
              f.authz.connect(f.requester).recordAccess(access({ category: 'Social Security' })),
            )
              .to.be.revertedWithCustomError(f.authz, 'InvalidToken')
              .withArgs('Social Security'),
        ],
        [
          'an invalid authorization id',
          async (f) =>
            expect(f.authz.connect(f.requester).recordAccess(access({ authorizationId: '' })))
              .to.be.revertedWithCustomError(f.authz, 'InvalidIdentifier')
              .withArgs(''),
        ],
      ];
      for (const [title, attempt] of cases)
        it(title, async () => {
          const f = await loadFixture(withAuth1);
          await f.authz.connect(f.requester).recordAccess(access());
          const before = await snapshot(f.authz);
          await attempt(f);
          expect(await snapshot(f.authz)).to.equal(before);
        });
    });
  });

  describe('recordAccessFor (the credit registry)', () => {
    /** A contract account standing in for the credit registry: any code will do. */
    async function withReportRegistry() {
      const f = await withAuth1();
      await f.authz.connect(f.enterprise).create(creditTerms(f));
      const stand = await (await ethers.getContractFactory('OrgRegistry')).deploy();
      const address = await stand.getAddress();
      await f.authz.connect(f.governance).trustReportRegistry(address);
      await impersonateAccount(address);
      await setBalance(address, 10n ** 18n);
      return { ...f, reportRegistry: await ethers.getSigner(address) };
    }

    it('only governance trusts a report registry, once, and it must be a contract', async () => {
      const f = await loadFixture(withAuth1);
      const address = await f.registry.getAddress();
      const before = await snapshot(f.authz);
      await expect(f.authz.connect(f.holder).trustReportRegistry(address))
        .to.be.revertedWithCustomError(f.authz, 'MissingRole')
        .withArgs(f.holder.address, Role.GOVERNANCE);
      await expect(f.authz.connect(f.governance).trustReportRegistry(f.outsider.address))
        .to.be.revertedWithCustomError(f.authz, 'InvalidReportRegistry')
        .withArgs(f.outsider.address);
      expect(await snapshot(f.authz)).to.equal(before);
      await expect(f.authz.connect(f.governance).trustReportRegistry(address))
        .to.emit(f.authz, 'ReportRegistryTrusted')
        .withArgs(address);
      expect(await f.authz.reportRegistry()).to.equal(address);
      const authz = await f.authz.getAddress();
      await expect(f.authz.connect(f.governance).trustReportRegistry(authz))
        .to.be.revertedWithCustomError(f.authz, 'ReportRegistryAlreadyTrusted')
        .withArgs(address);
      expect(await f.authz.reportRegistry()).to.equal(address);
    });

    it('refuses any other caller, trusted registry or not, changing nothing', async () => {
      const f = await loadFixture(withAuth1);
      const request = access();
      await expect(f.authz.connect(f.requester).recordAccessFor(f.requester.address, request))
        .to.be.revertedWithCustomError(f.authz, 'UntrustedCaller')
        .withArgs(f.requester.address);
      const g = await loadFixture(withReportRegistry);
      const before = await snapshot(g.authz);
      await expect(g.authz.connect(g.governance).recordAccessFor(g.requester.address, request))
        .to.be.revertedWithCustomError(g.authz, 'UntrustedCaller')
        .withArgs(g.governance.address);
      expect(await snapshot(g.authz)).to.equal(before);
    });

    it('records a credit-report access for the requester, checking the subject', async () => {
      const f = await loadFixture(withReportRegistry);
      const report = (subject: string) =>
        access({ authorizationId: 'AUTH-CR', category: 'credit-report', subject });
      await expect(
        f.authz.connect(f.reportRegistry).recordAccessFor(f.requester.address, report(ACME_CODE)),
      )
        .to.emit(f.authz, 'AccessRecorded')
        .withArgs(keyOf('AUTH-CR'), f.requester.address, f.requester.address, anyValue);
      expect(await lastEvent(f.authz, 'AUTH-CR')).to.deep.include({
        allowed: true,
        actor: f.requester.address,
      });
      await f.authz
        .connect(f.reportRegistry)
        .recordAccessFor(f.requester.address, report(BETA_CODE));
      expect(await lastEvent(f.authz, 'AUTH-CR')).to.deep.include({
        allowed: false,
        reason: 'SUBJECT_MISMATCH',
      });
      await f.authz
        .connect(f.reportRegistry)
        .recordAccessFor(f.otherRequester.address, report(ACME_CODE));
      expect(await lastEvent(f.authz, 'AUTH-CR')).to.deep.include({
        allowed: false,
        reason: 'NOT_GRANTEE',
        actor: f.otherRequester.address,
      });
      const [, count, used] = await f.authz.trailHead('AUTH-CR');
      expect([count, used]).to.deep.equal([3n, 1n]);
    });

    it('refuses a requester without the REQUESTER role, changing nothing', async () => {
      const f = await loadFixture(withReportRegistry);
      const before = await snapshot(f.authz);
      await expect(
        f.authz
          .connect(f.reportRegistry)
          .recordAccessFor(
            f.enterprise.address,
            access({ authorizationId: 'AUTH-CR', category: 'credit-report' }),
          ),
      )
        .to.be.revertedWithCustomError(f.authz, 'MissingRole')
        .withArgs(f.enterprise.address, Role.REQUESTER);
      expect(await snapshot(f.authz)).to.equal(before);
    });
  });

  describe('forget', () => {
    it('records the request of a DATA_HOLDER that took in the subject: event and time', async () => {
      const f = await loadFixture(withAuth1);
      await time.setNextBlockTimestamp(f.base + 500);
      await expect(f.authz.connect(f.holder).forget(CITIZEN))
        .to.emit(f.authz, 'SubjectForgotten')
        .withArgs(CITIZEN, f.holder.address);
      expect(await f.authz.forgottenAt(f.holder.address, CITIZEN)).to.equal(f.base + 500);
      // Only hashes are on chain: the authorization and its trail stay as they were.
      expect((await f.authz.get('AUTH-1')).subject).to.equal(CITIZEN);
      await expect(f.authz.connect(f.holder).forget(CITIZEN))
        .to.be.revertedWithCustomError(f.authz, 'UnknownSubject')
        .withArgs(f.holder.address, CITIZEN);
      // A new consent taken in makes a new request possible.
      await f.authz.connect(f.holder).create(citizenTerms(f, { id: 'AUTH-2' }));
      await f.authz.connect(f.holder).forget(CITIZEN);
    });

    it('refuses other roles, bad references and unknown subjects, changing nothing', async () => {
      const f = await loadFixture(withAuth1);
      const before = await f.authz.forgottenAt(f.holder.address, CITIZEN);
      await expect(f.authz.connect(f.requester).forget(CITIZEN))
        .to.be.revertedWithCustomError(f.authz, 'MissingRole')
        .withArgs(f.requester.address, Role.DATA_HOLDER);
      await expect(f.authz.connect(f.holder).forget('citizen-0001'))
        .to.be.revertedWithCustomError(f.authz, 'InvalidSubject')
        .withArgs(SubjectType.CITIZEN, 'citizen-0001');
      await expect(f.authz.connect(f.holder).forget(OTHER_CITIZEN))
        .to.be.revertedWithCustomError(f.authz, 'UnknownSubject')
        .withArgs(f.holder.address, OTHER_CITIZEN);
      expect(await f.authz.forgottenAt(f.holder.address, CITIZEN)).to.equal(before);
      expect(before).to.equal(0);
    });
  });

  describe('views', () => {
    it('lists all, by grantee and by subject, in creation order; get refuses unknown ids', async () => {
      const f = await loadFixture(withAuth1);
      await f.authz.connect(f.enterprise).create(creditTerms(f));
      await f.authz
        .connect(f.holder)
        .create(citizenTerms(f, { id: 'AUTH-2', grantee: f.otherRequester.address }));
      const ids = (list: { id: string }[]) => list.map((a) => a.id);
      expect(ids(await f.authz.list())).to.deep.equal(['AUTH-1', 'AUTH-CR', 'AUTH-2']);
      expect(ids(await f.authz.listByGrantee(f.requester.address))).to.deep.equal([
        'AUTH-1',
        'AUTH-CR',
      ]);
      expect(ids(await f.authz.listByGrantee(f.otherRequester.address))).to.deep.equal(['AUTH-2']);
      expect(ids(await f.authz.listBySubject(CITIZEN))).to.deep.equal(['AUTH-1', 'AUTH-2']);
      expect(ids(await f.authz.listBySubject(OTHER_CITIZEN))).to.deep.equal([]);
      await expect(f.authz.get('AUTH-404'))
        .to.be.revertedWithCustomError(f.authz, 'UnknownAuthorization')
        .withArgs('AUTH-404');
      await expect(f.authz.trailHead('AUTH-404'))
        .to.be.revertedWithCustomError(f.authz, 'UnknownAuthorization')
        .withArgs('AUTH-404');
      expect(await f.authz.orgRegistry()).to.equal(await f.registry.getAddress());
    });
  });

  describe('access-trail verifier', () => {
    /** AUTH-1 with five events over two days: allowed, denied, allowed, limit, allowed. */
    async function withTrail() {
      const f = await withAuth1();
      await f.authz.connect(f.requester).recordAccess(access());
      await f.authz.connect(f.otherRequester).recordAccess(access());
      await f.authz.connect(f.requester).recordAccess(access({ category: 'medical-record' }));
      await f.authz.connect(f.requester).recordAccess(access());
      await time.increaseTo(f.base + DAY + 3600);
      await f.authz.connect(f.requester).recordAccess(access({ operation: Operation.VERIFY }));
      return f;
    }

    async function termsAndEvents(f: Fixture) {
      return {
        terms: trailTerms(await f.authz.get('AUTH-1')),
        events: await readTrail(f.authz, 'AUTH-1'),
      };
    }

    it('an intact trail verifies, ending at the stored head', async () => {
      const f = await loadFixture(withTrail);
      const audit = await verifyAuthorizationTrail(f.authz, 'AUTH-1');
      expect(audit).to.deep.equal({
        authorizationId: 'AUTH-1',
        intact: true,
        events: 5,
        allowed: 3,
        denied: 2,
        violations: [],
        headHash: (await f.authz.trailHead('AUTH-1'))[0],
      });
    });

    it('a trail with an event removed is reported broken', async () => {
      const f = await loadFixture(withTrail);
      const { terms, events } = await termsAndEvents(f);
      const removed = events.filter((event) => event.seq !== 2);
      const audit = auditTrail(terms, removed, () => false);
      expect(audit.intact).to.equal(false);
      expect(audit.violations.map((v) => [v.seq, v.problem])).to.deep.equal([
        [3, 'BAD_SEQUENCE'],
        [3, 'BROKEN_CHAIN'],
        [4, 'BAD_SEQUENCE'],
        [4, 'MISSING_EVENTS'],
      ]);
    });

    it('a trail with the last event cut off is reported incomplete', async () => {
      const f = await loadFixture(withTrail);
      const { terms, events } = await termsAndEvents(f);
      const audit = auditTrail(terms, events.slice(0, -1), () => false);
      expect(audit.intact).to.equal(false);
      expect(audit.violations).to.deep.equal([{ seq: 4, eventId: '', problem: 'MISSING_EVENTS' }]);
    });

    it('an altered event is reported with a bad hash', async () => {
      const f = await loadFixture(withTrail);
      const { terms, events } = await termsAndEvents(f);
      const altered = events.map((event) =>
        event.seq === 1 ? { ...event, recordCount: 1000 } : event,
      );
      const audit = auditTrail(terms, altered, () => false);
      expect(audit.intact).to.equal(false);
      expect(audit.violations).to.deep.equal([
        { seq: 1, eventId: events[1]?.eventId, problem: 'BAD_HASH' },
      ]);
    });

    it('a rehashed trail that allows what the terms forbid is intact as a chain, yet flagged', async () => {
      const f = await loadFixture(withTrail);
      const { terms, events } = await termsAndEvents(f);
      // A forger turns the NOT_GRANTEE denial into an allowed access and rebuilds every hash.
      let prevHash = ZeroHash;
      const forged = events.map((event) => {
        const content = {
          ...event,
          prevHash,
          ...(event.seq === 1 ? { allowed: true, reason: null } : {}),
        };
        const rebuilt = { ...content, eventHash: linkHash(content) };
        prevHash = rebuilt.eventHash;
        return rebuilt;
      });
      const audit = auditTrail({ ...terms, headHash: prevHash }, forged, () => false);
      expect(audit.intact).to.equal(true);
      expect(audit.violations.map((v) => [v.seq, v.problem])).to.deep.equal([
        [1, 'NOT_GRANTEE'],
        [2, 'DAILY_LIMIT_REACHED'],
        [4, 'EXHAUSTED'],
      ]);
      // Against the head stored on chain, the forgery does not end where the chain does.
      expect(auditTrail(terms, forged, () => false).intact).to.equal(false);
    });

    it('re-checks allowed events against the negative list as it stood at their time', async () => {
      const f = await loadFixture(withTrail);
      const { terms, events } = await termsAndEvents(f);
      const audit = auditTrail(terms, events, (category) => category === 'medical-record');
      expect(audit.violations.map((v) => [v.seq, v.problem])).to.deep.equal([[2, 'NEGATIVE_LIST']]);
      await f.registry.addToNegativeList('medical-record', 'later ruling');
      expect((await verifyAuthorizationTrail(f.authz, 'AUTH-1')).violations).to.deep.equal([]);
    });

    it('verifies by grantee over a period, counting the events inside it', async () => {
      const f = await loadFixture(withTrail);
      await f.authz.connect(f.enterprise).create(creditTerms(f));
      await f.authz
        .connect(f.requester)
        .recordAccess(access({ authorizationId: 'AUTH-CR', category: 'credit-report' }));
      const grantee = f.requester.address;
      const firstDay = await verifyGranteeTrails(f.authz, grantee, f.base, f.base + DAY);
      expect(firstDay).to.deep.include({ intact: true, events: 4, allowed: 2, denied: 2 });
      expect(firstDay.violations).to.deep.equal([]);
      expect(firstDay.authorizations).to.deep.equal([
        { id: 'AUTH-1', intact: true, headHash: (await f.authz.trailHead('AUTH-1'))[0] },
        { id: 'AUTH-CR', intact: true, headHash: (await f.authz.trailHead('AUTH-CR'))[0] },
      ]);
      const all = await verifyGranteeTrails(f.authz, grantee, f.base, f.base + 30 * DAY);
      expect(all).to.deep.include({ intact: true, events: 6, allowed: 4, denied: 2 });
      const other = await verifyGranteeTrails(
        f.authz,
        f.otherRequester.address,
        f.base,
        f.base + DAY,
      );
      expect(other).to.deep.include({ intact: true, events: 0, authorizations: [] });
      let refused: unknown;
      await verifyGranteeTrails(f.authz, grantee, f.base + DAY, f.base).catch((error: unknown) => {
        refused = error;
      });
      expect(refused).to.be.instanceOf(RangeError);
    });
  });
});
