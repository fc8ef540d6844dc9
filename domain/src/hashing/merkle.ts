import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils';
import { canonicalHash } from './canonical';
import { MEMBER_ID } from '../vocabulary/patterns';

/**
 * Batch Merkle trees, as every ledger checks them:
 * leaf = canonicalHash({documentHash, id: memberId}); inner node = SHA-256 of the two 32-byte
 * children, smaller hex first (so a proof is a plain list of siblings, no left/right flags);
 * an odd last node moves up a level unpaired.
 */

/** A batch member's id: its batch and its position in the batch. */
export function memberId(batchId: string, index: number): string {
  return `${batchId}~${index}`;
}

/** A batch member's leaf binds its id to its document (JSON text, so never an inner node). */
export function batchLeaf(memberIdValue: string, documentHash: string): string {
  return canonicalHash({ documentHash, id: memberIdValue });
}

/** Inner node: SHA-256 of the two children's bytes, smaller first (order-free proofs). */
export function hashPair(a: string, b: string): string {
  const [first, second] = a <= b ? [a, b] : [b, a];
  return bytesToHex(sha256(concatBytes(hexToBytes(first), hexToBytes(second))));
}

/** The root a leaf and its proof (siblings from the leaf up) lead to. */
export function rootFromProof(leaf: string, proof: readonly string[]): string {
  return proof.reduce((node, sibling) => hashPair(node, sibling), leaf);
}

export interface MerkleTree {
  readonly root: string;
  readonly leaves: readonly string[];
  /** Siblings of the leaf at `index`, from the leaf up: O(log n), found by position. */
  proof(index: number): string[];
}

/**
 * Builds every level once (O(n) hashes); a proof then walks the levels by position, so all
 * proofs of a batch cost O(n log n) together. Nothing here searches the leaves for a value:
 * duplicate leaves are fine and a lookup never scans the batch.
 */
export function buildMerkleTree(leaves: readonly string[]): MerkleTree {
  if (leaves.length === 0) throw new RangeError('a Merkle tree needs at least one leaf');
  const levels: (readonly string[])[] = [leaves.slice()];
  for (let level = levels[0] as readonly string[]; level.length > 1;) {
    const next: string[] = new Array<string>(Math.ceil(level.length / 2));
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as string;
      const right = level[i + 1];
      next[i >> 1] = right === undefined ? left : hashPair(left, right);
    }
    levels.push(next);
    level = next;
  }
  const root = (levels[levels.length - 1] as readonly string[])[0] as string;
  return {
    root,
    leaves: levels[0] as readonly string[],
    proof(index: number): string[] {
      if (!Number.isInteger(index) || index < 0 || index >= leaves.length)
        throw new RangeError(`no leaf at index ${index} (the tree has ${leaves.length})`);
      const proof: string[] = [];
      let position = index;
      for (let depth = 0; depth < levels.length - 1; depth++) {
        const sibling = (levels[depth] as readonly string[])[position ^ 1];
        if (sibling !== undefined) proof.push(sibling);
        position >>= 1;
      }
      return proof;
    },
  };
}

/** A batch member's batch and position, or undefined when `id` names no batch member. */
export function parseMemberId(id: string): { batchId: string; index: number } | undefined {
  const match = MEMBER_ID.exec(id);
  return match ? { batchId: match[1] as string, index: Number(match[2]) } : undefined;
}
