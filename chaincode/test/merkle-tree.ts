import { batchLeaf, hashPair } from '../src';

/** A batch's Merkle tree: levels from the leaves up; an odd last node moves up unpaired. */
export interface BatchTree {
  readonly root: string;
  readonly leaves: readonly string[];
  proof(index: number): string[];
}

export function buildBatchTree(batchId: string, documentHashes: readonly string[]): BatchTree {
  const leaves = documentHashes.map((hash, index) => batchLeaf(`${batchId}~${index}`, hash));
  const levels: string[][] = [leaves];
  for (let level = leaves; level.length > 1;) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(
        i + 1 < level.length
          ? hashPair(level[i] as string, level[i + 1] as string)
          : (level[i] as string),
      );
    levels.push(next);
    level = next;
  }
  return {
    root: levels[levels.length - 1]?.[0] as string,
    leaves,
    proof(index: number): string[] {
      const proof: string[] = [];
      let position = index;
      for (const level of levels.slice(0, -1)) {
        const sibling = level[position ^ 1];
        if (sibling !== undefined) proof.push(sibling);
        position >>= 1;
      }
      return proof;
    },
  };
}
