import { batchLeaf, buildMerkleTree, memberId, type MerkleTree } from '@citytrust/domain';

export type BatchTree = MerkleTree;

/** A batch's Merkle tree over its members' document hashes, as an issuer builds it. */
export function buildBatchTree(batchId: string, documentHashes: readonly string[]): BatchTree {
  return buildMerkleTree(
    documentHashes.map((hash, index) => batchLeaf(memberId(batchId, index), hash)),
  );
}
