import { createHash } from 'node:crypto';
import { batchLeaf, buildMerkleTree, hashPair, memberId, rootFromProof } from './merkle';

function documentHashes(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    createHash('sha256').update(`document ${i}`).digest('hex'),
  );
}

/**
 * The tree written out from its definition with node:crypto, independently of `./merkle`:
 * a leaf is SHA-256 of `{"documentHash":…,"id":…}`, a node SHA-256 of its children's bytes,
 * smaller first, and an odd node is carried up as it is.
 */
const reference = {
  batchLeaf: (id: string, documentHash: string): string =>
    createHash('sha256').update(`{"documentHash":"${documentHash}","id":"${id}"}`).digest('hex'),
  hashPair: (left: string, right: string): string => {
    const [a, b] = left <= right ? [left, right] : [right, left];
    return createHash('sha256')
      .update(Buffer.from(a, 'hex'))
      .update(Buffer.from(b, 'hex'))
      .digest('hex');
  },
  rootFromProof: (leaf: string, proof: readonly string[]): string =>
    proof.reduce((node, sibling) => reference.hashPair(node, sibling), leaf),
};

function referenceRoot(leaves: readonly string[]): string {
  let level = leaves.slice();
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(
        i + 1 < level.length
          ? reference.hashPair(level[i] as string, level[i + 1] as string)
          : (level[i] as string),
      );
    level = next;
  }
  return level[0] as string;
}

describe('batch Merkle trees', () => {
  it('computes leaves and inner nodes as their definition says', () => {
    const [a, b] = documentHashes(2) as [string, string];
    expect(memberId('batch-7', 3)).toBe('batch-7~3');
    expect(batchLeaf('batch-7~3', a)).toBe(reference.batchLeaf('batch-7~3', a));
    expect(hashPair(a, b)).toBe(reference.hashPair(a, b));
    expect(hashPair(b, a)).toBe(hashPair(a, b));
  });

  it.each([1, 2, 3, 5, 1000])(
    'gives the defined root, and proofs that lead to it, for %i leaves',
    (count) => {
      const leaves = documentHashes(count).map((hash, i) => batchLeaf(memberId('b1', i), hash));
      const tree = buildMerkleTree(leaves);
      expect(tree.root).toBe(referenceRoot(leaves));
      expect(tree.leaves).toEqual(leaves);
      const maxDepth = Math.ceil(Math.log2(count));
      leaves.forEach((leaf, i) => {
        const proof = tree.proof(i);
        expect(proof.length).toBeLessThanOrEqual(maxDepth);
        expect(reference.rootFromProof(leaf, proof)).toBe(tree.root);
        expect(rootFromProof(leaf, proof)).toBe(tree.root);
      });
    },
  );

  it('gives every proof of a 100,000-member batch (the largest) by position', () => {
    const count = 100_000;
    const leaves = Array.from({ length: count }, (_, i) =>
      batchLeaf(memberId('big', i), createHash('sha256').update(String(i)).digest('hex')),
    );
    const tree = buildMerkleTree(leaves);
    const proofs = leaves.map((_, i) => tree.proof(i));
    expect(proofs.every((proof) => proof.length <= 17)).toBe(true);
    for (const i of [0, 1, 4242, 65_535, 65_536, count - 2, count - 1])
      expect(reference.rootFromProof(leaves[i] as string, proofs[i] as string[])).toBe(tree.root);
  });

  it('a single leaf is its own root with an empty proof', () => {
    const [leaf] = documentHashes(1) as [string];
    const tree = buildMerkleTree([leaf]);
    expect(tree.root).toBe(leaf);
    expect(tree.proof(0)).toEqual([]);
  });

  it('moves an odd last node up unpaired', () => {
    const leaves = documentHashes(3);
    const tree = buildMerkleTree(leaves);
    const [l0, l1, l2] = leaves as [string, string, string];
    expect(tree.root).toBe(hashPair(hashPair(l0, l1), l2));
    expect(tree.proof(2)).toEqual([hashPair(l0, l1)]);
  });

  it('finds proofs by position, so equal leaves each get their own proof', () => {
    const [x, y] = documentHashes(2) as [string, string];
    const tree = buildMerkleTree([x, y, x]);
    expect(tree.proof(0)).toEqual([y, x]);
    expect(tree.proof(2)).toEqual([hashPair(x, y)]);
  });

  it('a wrong proof or a wrong leaf does not reach the root', () => {
    const leaves = documentHashes(5).map((hash, i) => batchLeaf(memberId('b2', i), hash));
    const tree = buildMerkleTree(leaves);
    const proof = tree.proof(1);
    expect(rootFromProof(leaves[2] as string, proof)).not.toBe(tree.root);
    expect(rootFromProof(leaves[1] as string, proof.slice(1))).not.toBe(tree.root);
    expect(rootFromProof(leaves[1] as string, [...proof].reverse())).not.toBe(tree.root);
    const otherMember = batchLeaf(memberId('b2', 2), documentHashes(5)[1] as string);
    expect(rootFromProof(otherMember, proof)).not.toBe(tree.root);
  });

  it('refuses an empty tree and an index outside it', () => {
    expect(() => buildMerkleTree([])).toThrow(RangeError);
    const tree = buildMerkleTree(documentHashes(3));
    expect(() => tree.proof(3)).toThrow(RangeError);
    expect(() => tree.proof(-1)).toThrow(RangeError);
    expect(() => tree.proof(0.5)).toThrow(RangeError);
  });
});
