import { loadFixture, time } from '@nomicfoundation/hardhat-network-helpers';
import { expect } from 'chai';
import { ethers } from 'hardhat';
import type { AnchorRegistry } from '../.cache/types';
import { hashPair, rootFromProof } from '@citytrust/domain';
import { deployConsortium, digest, Role, roleMask } from './consortium';

const SOURCE = 'fabric:citytrust';
const MAX_UINT64 = 2n ** 64n - 1n;

/** Hex as the chaincode's merkle.ts writes it (no 0x) and as the contract takes it. */
const bare = (value: string): string => value.replace(/^0x/, '');
const bytes32 = (value: string): string => `0x${bare(value)}`;

/** A Merkle tree as the chaincode builds batches: an odd last node moves up unpaired. */
interface Tree {
  readonly root: string;
  readonly leaves: readonly string[];
  proof(index: number): string[];
}

function buildTree(leaves: readonly string[]): Tree {
  const levels: string[][] = [leaves.map(bare)];
  for (let level = levels[0] ?? []; level.length > 1;) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i];
      const right = level[i + 1];
      if (left === undefined) throw new Error('tree level has a hole');
      next.push(right === undefined ? left : hashPair(left, right));
    }
    levels.push(next);
    level = next;
  }
  const root = levels[levels.length - 1]?.[0];
  if (root === undefined) throw new Error('a tree needs a leaf');
  return {
    root: bytes32(root),
    leaves: leaves.map(bytes32),
    proof(index: number): string[] {
      const proof: string[] = [];
      let position = index;
      for (const level of levels.slice(0, -1)) {
        const sibling = level[position ^ 1];
        if (sibling !== undefined) proof.push(bytes32(sibling));
        position >>= 1;
      }
      return proof;
    },
  };
}

/** Leaves for blocks `from` to `to` of a source, made up for the tests. */
function blockLeaves(from: number, to: number, label = SOURCE): string[] {
  const leaves: string[] = [];
  for (let block = from; block <= to; ++block) leaves.push(digest(`${label}#${block}`));
  return leaves;
}

async function deployAnchors() {
  const consortium = await deployConsortium();
  const anchors = await (
    await ethers.getContractFactory('AnchorRegistry', consortium.governance)
  ).deploy(await consortium.registry.getAddress());
  return { ...consortium, anchors };
}

/** Everything a refused anchoring could have changed, read through the public views. */
async function snapshot(anchors: AnchorRegistry, sources: string[]): Promise<unknown> {
  const reads: unknown[] = [Array.from(await anchors.listSources())];
  for (const source of sources) {
    const count = await anchors.checkpointCount(source);
    reads.push(count.toString());
    for (let sequence = 0n; sequence < count; ++sequence)
      reads.push(Array.from(await anchors.getCheckpoint(source, sequence), String));
  }
  return reads;
}

async function unchanged(
  anchors: AnchorRegistry,
  assertion: () => PromiseLike<unknown>,
  sources: string[] = [SOURCE, 'fabric:other'],
): Promise<void> {
  const before = await snapshot(anchors, sources);
  await assertion();
  expect(await snapshot(anchors, sources)).to.deep.equal(before);
}

describe('AnchorRegistry', () => {
  it('anchors a first checkpoint starting at any block, with its event and record', async () => {
    const { anchors, auditor, registry } = await loadFixture(deployAnchors);
    expect(await anchors.orgRegistry()).to.equal(await registry.getAddress());
    const tree = buildTree(blockLeaves(1000, 1009));
    const at = BigInt(await time.latest()) + 1n;
    await time.setNextBlockTimestamp(at);
    await expect(anchors.connect(auditor).anchor(SOURCE, 1000, 1009, tree.root))
      .to.emit(anchors, 'CheckpointAnchored')
      .withArgs(SOURCE, 0, 1000, 1009, tree.root);
    const expected = [0n, 1000n, 1009n, at, auditor.address, tree.root];
    expect(Array.from(await anchors.getCheckpoint(SOURCE, 0))).to.deep.equal(expected);
    expect(Array.from(await anchors.latestCheckpoint(SOURCE))).to.deep.equal(expected);
    expect(await anchors.checkpointCount(SOURCE)).to.equal(1);
    expect(await anchors.listSources()).to.deep.equal([SOURCE]);
  });

  it('returns the new sequence', async () => {
    const { anchors, auditor } = await loadFixture(deployAnchors);
    expect(await anchors.connect(auditor).anchor.staticCall(SOURCE, 0, 0, digest('a'))).to.equal(0);
    await anchors.connect(auditor).anchor(SOURCE, 0, 0, digest('a'));
    expect(await anchors.connect(auditor).anchor.staticCall(SOURCE, 1, 5, digest('b'))).to.equal(1);
  });

  it('chains checkpoints of a source contiguously, sequence after sequence', async () => {
    const { anchors, auditor } = await loadFixture(deployAnchors);
    const ranges: [number, number][] = [
      [0, 9],
      [10, 10],
      [11, 40],
      [41, 41],
    ];
    for (const [sequence, [from, to]] of ranges.entries()) {
      const root = buildTree(blockLeaves(from, to)).root;
      await expect(anchors.connect(auditor).anchor(SOURCE, from, to, root))
        .to.emit(anchors, 'CheckpointAnchored')
        .withArgs(SOURCE, sequence, from, to, root);
    }
    expect(await anchors.checkpointCount(SOURCE)).to.equal(ranges.length);
    for (const [sequence, [from, to]] of ranges.entries()) {
      const checkpoint = await anchors.getCheckpoint(SOURCE, sequence);
      expect([checkpoint.sequence, checkpoint.fromBlock, checkpoint.toBlock]).to.deep.equal([
        BigInt(sequence),
        BigInt(from),
        BigInt(to),
      ]);
      expect(checkpoint.root).to.equal(buildTree(blockLeaves(from, to)).root);
    }
    const latest = await anchors.latestCheckpoint(SOURCE);
    expect([latest.sequence, latest.fromBlock, latest.toBlock]).to.deep.equal([3n, 41n, 41n]);
  });

  it('keeps sources apart', async () => {
    const { anchors, auditor } = await loadFixture(deployAnchors);
    await anchors.connect(auditor).anchor(SOURCE, 100, 199, digest('citytrust 0'));
    await expect(anchors.connect(auditor).anchor('fabric:other', 0, 49, digest('other 0')))
      .to.emit(anchors, 'CheckpointAnchored')
      .withArgs('fabric:other', 0, 0, 49, digest('other 0'));
    await anchors.connect(auditor).anchor(SOURCE, 200, 299, digest('citytrust 1'));
    expect(await anchors.checkpointCount(SOURCE)).to.equal(2);
    expect(await anchors.checkpointCount('fabric:other')).to.equal(1);
    expect((await anchors.latestCheckpoint('fabric:other')).root).to.equal(digest('other 0'));
    expect(await anchors.listSources()).to.deep.equal([SOURCE, 'fabric:other']);
  });

  describe('who may anchor', () => {
    it('refuses GOVERNANCE, other roles and unregistered accounts: AUDITOR only', async () => {
      const { anchors, governance, issuer, requester, enterprise, outsider } =
        await loadFixture(deployAnchors);
      for (const caller of [governance, issuer, requester, enterprise, outsider])
        await unchanged(anchors, () =>
          expect(anchors.connect(caller).anchor(SOURCE, 0, 9, digest('root')))
            .to.be.revertedWithCustomError(anchors, 'MissingRole')
            .withArgs(caller.address, Role.AUDITOR),
        );
      expect(await anchors.listSources()).to.deep.equal([]);
    });

    it('follows the registry: a governance member given AUDITOR may, an auditor who lost it may not', async () => {
      const { anchors, registry, governance, auditor } = await loadFixture(deployAnchors);
      await registry.setRoles(governance.address, roleMask('GOVERNANCE', 'AUDITOR'), '');
      await anchors.connect(governance).anchor(SOURCE, 0, 9, digest('root 0'));
      expect((await anchors.latestCheckpoint(SOURCE)).anchoredBy).to.equal(governance.address);
      await registry.setRoles(auditor.address, roleMask('REQUESTER'), '');
      await unchanged(anchors, () =>
        expect(anchors.connect(auditor).anchor(SOURCE, 10, 19, digest('root 1')))
          .to.be.revertedWithCustomError(anchors, 'MissingRole')
          .withArgs(auditor.address, Role.AUDITOR),
      );
    });
  });

  describe('refused input', () => {
    it('refuses a source that is not token-like', async () => {
      const { anchors, auditor } = await loadFixture(deployAnchors);
      const bad = [
        '',
        'Fabric:citytrust',
        'fabric citytrust',
        ':citytrust',
        'fabric:',
        'fabric::citytrust',
        '-fabric:citytrust',
        'fabric:-citytrust',
        'fabric:.citytrust',
        'fabric_citytrust',
        'fabric/citytrust',
        'fabric:citytrust\n',
        'a'.repeat(65),
      ];
      for (const source of bad)
        await unchanged(anchors, () =>
          expect(anchors.connect(auditor).anchor(source, 0, 9, digest('root')))
            .to.be.revertedWithCustomError(anchors, 'InvalidSource')
            .withArgs(source),
        );
      const good = ['citytrust', 'fabric:citytrust', 'fabric:city-trust.v2:ch1', 'a'.repeat(64)];
      for (const source of good)
        await anchors.connect(auditor).anchor(source, 0, 9, digest(source));
      expect(await anchors.listSources()).to.deep.equal(good);
    });

    it('refuses a range that ends before it starts, and a zero root', async () => {
      const { anchors, auditor } = await loadFixture(deployAnchors);
      await unchanged(anchors, () =>
        expect(anchors.connect(auditor).anchor(SOURCE, 10, 9, digest('root')))
          .to.be.revertedWithCustomError(anchors, 'InvalidBlockRange')
          .withArgs(10, 9),
      );
      await unchanged(anchors, () =>
        expect(
          anchors.connect(auditor).anchor(SOURCE, 0, 9, ethers.ZeroHash),
        ).to.be.revertedWithCustomError(anchors, 'ZeroHash'),
      );
    });

    it('refuses a gap, an overlap and a repeat, with the expected and given first block', async () => {
      const { anchors, auditor } = await loadFixture(deployAnchors);
      await anchors.connect(auditor).anchor(SOURCE, 100, 199, digest('root 0'));
      for (const from of [201, 199, 150, 100, 0])
        await unchanged(anchors, () =>
          expect(anchors.connect(auditor).anchor(SOURCE, from, 299, digest('root 1')))
            .to.be.revertedWithCustomError(anchors, 'CheckpointNotContiguous')
            .withArgs(SOURCE, 200, from),
        );
      await anchors.connect(auditor).anchor(SOURCE, 200, 299, digest('root 1'));
      await unchanged(anchors, () =>
        expect(anchors.connect(auditor).anchor(SOURCE, 200, 299, digest('root 1')))
          .to.be.revertedWithCustomError(anchors, 'CheckpointNotContiguous')
          .withArgs(SOURCE, 300, 200),
      );
    });

    it('closes a source whose checkpoint reached the last uint64 block', async () => {
      const { anchors, auditor } = await loadFixture(deployAnchors);
      await anchors.connect(auditor).anchor(SOURCE, MAX_UINT64 - 1n, MAX_UINT64, digest('end'));
      for (const from of [0n, MAX_UINT64])
        await unchanged(anchors, () =>
          expect(anchors.connect(auditor).anchor(SOURCE, from, MAX_UINT64, digest('after')))
            .to.be.revertedWithCustomError(anchors, 'CheckpointNotContiguous')
            .withArgs(SOURCE, 2n ** 64n, from),
        );
    });
  });

  describe('reads', () => {
    it('reads a source never anchored as empty or unknown', async () => {
      const { anchors } = await loadFixture(deployAnchors);
      expect(await anchors.checkpointCount(SOURCE)).to.equal(0);
      await expect(anchors.latestCheckpoint(SOURCE))
        .to.be.revertedWithCustomError(anchors, 'UnknownSource')
        .withArgs(SOURCE);
      await expect(anchors.getCheckpoint(SOURCE, 0))
        .to.be.revertedWithCustomError(anchors, 'UnknownCheckpoint')
        .withArgs(SOURCE, 0);
      await expect(anchors.checkpointOf(SOURCE, 0))
        .to.be.revertedWithCustomError(anchors, 'BlockNotAnchored')
        .withArgs(SOURCE, 0);
    });

    it('refuses a sequence past the last', async () => {
      const { anchors, auditor } = await loadFixture(deployAnchors);
      await anchors.connect(auditor).anchor(SOURCE, 0, 9, digest('root 0'));
      await expect(anchors.getCheckpoint(SOURCE, 1))
        .to.be.revertedWithCustomError(anchors, 'UnknownCheckpoint')
        .withArgs(SOURCE, 1);
      await expect(anchors.getCheckpoint(SOURCE, MAX_UINT64))
        .to.be.revertedWithCustomError(anchors, 'UnknownCheckpoint')
        .withArgs(SOURCE, MAX_UINT64);
    });

    it('finds the checkpoint covering a block, and none outside the anchored blocks', async () => {
      const { anchors, auditor } = await loadFixture(deployAnchors);
      const ranges: [number, number][] = [
        [50, 59],
        [60, 60],
        [61, 99],
        [100, 100],
        [101, 150],
      ];
      for (const [from, to] of ranges)
        await anchors.connect(auditor).anchor(SOURCE, from, to, digest(`${from}`));
      for (let block = 50; block <= 150; ++block) {
        const sequence = ranges.findIndex(([from, to]) => from <= block && block <= to);
        const checkpoint = await anchors.checkpointOf(SOURCE, block);
        expect(checkpoint.sequence, `block ${block}`).to.equal(sequence);
      }
      for (const block of [0n, 49n, 151n, MAX_UINT64])
        await expect(anchors.checkpointOf(SOURCE, block))
          .to.be.revertedWithCustomError(anchors, 'BlockNotAnchored')
          .withArgs(SOURCE, block);
    });
  });

  describe('verify', () => {
    it('verifies every leaf of trees of many shapes with proofs built off-chain', async () => {
      const { anchors, auditor } = await loadFixture(deployAnchors);
      let from = 0;
      for (const [sequence, size] of [1, 2, 3, 5, 8, 13, 33].entries()) {
        const to = from + size - 1;
        const tree = buildTree(blockLeaves(from, to));
        await anchors.connect(auditor).anchor(SOURCE, from, to, tree.root);
        for (const [index, leaf] of tree.leaves.entries()) {
          const proof = tree.proof(index);
          // The chaincode's own fold reaches the same root off-chain...
          expect(bytes32(rootFromProof(bare(leaf), proof.map(bare)))).to.equal(tree.root);
          // ...and the contract agrees on-chain.
          expect(await anchors.verify(SOURCE, sequence, leaf, proof), `${size}/${index}`).to.equal(
            true,
          );
        }
        from = to + 1;
      }
    });

    it('folds pairs as SHA-256 of the smaller then the larger child', async () => {
      const { anchors, auditor } = await loadFixture(deployAnchors);
      const [a, b] = [digest('a'), digest('b')];
      const [low, high] = BigInt(a) < BigInt(b) ? [a, b] : [b, a];
      const root = ethers.sha256(ethers.concat([low, high]));
      expect(root).to.equal(bytes32(hashPair(bare(a), bare(b))));
      await anchors.connect(auditor).anchor(SOURCE, 0, 1, root);
      expect(await anchors.verify(SOURCE, 0, a, [b])).to.equal(true);
      expect(await anchors.verify(SOURCE, 0, b, [a])).to.equal(true);
      // keccak256 folding (OpenZeppelin's default) is not this tree.
      const keccakRoot = ethers.keccak256(ethers.concat([low, high]));
      await anchors.connect(auditor).anchor(SOURCE, 2, 3, keccakRoot);
      expect(await anchors.verify(SOURCE, 1, a, [b])).to.equal(false);
    });

    it('refuses forged leaves and proofs', async () => {
      const { anchors, auditor } = await loadFixture(deployAnchors);
      const tree = buildTree(blockLeaves(0, 12));
      const other = buildTree(blockLeaves(13, 25));
      await anchors.connect(auditor).anchor(SOURCE, 0, 12, tree.root);
      await anchors.connect(auditor).anchor(SOURCE, 13, 25, other.root);
      const leaf = tree.leaves[5] ?? '';
      const proof = tree.proof(5);
      expect(proof.length).to.be.greaterThan(2);
      expect(await anchors.verify(SOURCE, 0, leaf, proof)).to.equal(true);
      const forgeries: [string, string, string[], number][] = [
        ['a leaf from outside the tree', digest('forged block'), proof, 0],
        ['another leaf with this proof', tree.leaves[9] ?? '', proof, 0],
        ['a tampered sibling', leaf, [digest('tampered'), ...proof.slice(1)], 0],
        ['a proof missing its last sibling', leaf, proof.slice(0, -1), 0],
        ['a proof with a sibling too many', leaf, [...proof, digest('extra')], 0],
        ['siblings out of order', leaf, [...proof].reverse(), 0],
        ['no proof at all', leaf, [], 0],
        ['the right proof against another checkpoint', leaf, proof, 1],
        ['the root itself as a leaf of another checkpoint', tree.root, [], 1],
      ];
      for (const [what, forgedLeaf, forgedProof, sequence] of forgeries)
        expect(await anchors.verify(SOURCE, sequence, forgedLeaf, forgedProof), what).to.equal(
          false,
        );
      // The root with an empty proof is the one-leaf case, and holds.
      expect(await anchors.verify(SOURCE, 0, tree.root, [])).to.equal(true);
    });

    it('proves an inner node with the rest of its path, as any sorted-pair tree: leaves must not look like nodes', async () => {
      const { anchors, auditor } = await loadFixture(deployAnchors);
      const tree = buildTree(blockLeaves(0, 3));
      await anchors.connect(auditor).anchor(SOURCE, 0, 3, tree.root);
      const [l0, l1] = [bare(tree.leaves[0] ?? ''), bare(tree.leaves[1] ?? '')];
      const inner = bytes32(hashPair(l0, l1));
      expect(await anchors.verify(SOURCE, 0, inner, tree.proof(0).slice(1))).to.equal(true);
    });

    it('refuses to verify against a checkpoint that does not exist', async () => {
      const { anchors, auditor } = await loadFixture(deployAnchors);
      const tree = buildTree(blockLeaves(0, 3));
      await expect(anchors.verify(SOURCE, 0, tree.leaves[0] ?? '', tree.proof(0)))
        .to.be.revertedWithCustomError(anchors, 'UnknownCheckpoint')
        .withArgs(SOURCE, 0);
      await anchors.connect(auditor).anchor(SOURCE, 0, 3, tree.root);
      await expect(anchors.verify(SOURCE, 1, tree.leaves[0] ?? '', tree.proof(0)))
        .to.be.revertedWithCustomError(anchors, 'UnknownCheckpoint')
        .withArgs(SOURCE, 1);
      await expect(anchors.verify('fabric:other', 0, tree.leaves[0] ?? '', tree.proof(0)))
        .to.be.revertedWithCustomError(anchors, 'UnknownCheckpoint')
        .withArgs('fabric:other', 0);
    });
  });
});
