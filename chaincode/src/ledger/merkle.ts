import { createHash } from 'node:crypto';
import { canonicalHash } from './canonical';

/**
 * A batch member's leaf binds its id to its document: SHA-256 over the canonical JSON
 * `{"documentHash":…,"id":…}`. Being JSON text, a leaf's preimage can never be taken for
 * an inner node's 64 raw bytes.
 */
export function batchLeaf(memberId: string, documentHash: string): string {
  return canonicalHash({ documentHash, id: memberId });
}

/** Inner node: SHA-256 of the two children's bytes, smaller first (order-free proofs). */
export function hashPair(left: string, right: string): string {
  const [a, b] = left <= right ? [left, right] : [right, left];
  return createHash('sha256')
    .update(Buffer.from(a, 'hex'))
    .update(Buffer.from(b, 'hex'))
    .digest('hex');
}

export function rootFromProof(leaf: string, proof: readonly string[]): string {
  return proof.reduce((node, sibling) => hashPair(node, sibling), leaf);
}
