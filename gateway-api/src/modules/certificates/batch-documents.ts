import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import {
  batchLeaf,
  buildMerkleTree,
  memberId,
  parseMemberId,
  type MerkleTree,
} from '@citytrust/domain';
import { ExpiringCache } from '../../shared/expiring-cache';

/** A batch member's document hash and Merkle proof, as the issuer's side keeps them. */
export interface BatchMemberProof {
  /** Lowercase hex SHA-256 of the member's canonical credential. */
  readonly documentHash: string;
  /** Siblings from the member's leaf up to its batch's Merkle root, lowercase hex. */
  readonly proof: readonly string[];
}

/** Batches whose trees are kept built, and for how long: changes come in runs per batch. */
const CACHED_TREES = 8;
const TREE_TTL_MS = 10 * 60_000;

interface BatchTree {
  readonly documentHashes: readonly string[];
  readonly tree: MerkleTree;
}

/**
 * The document hashes of each batch the gateway anchored, by batch id, in the gateway's data
 * dir (LevelDB, synced writes), written before the batch is anchored. The ledger keeps only a
 * batch's Merkle root; the hub's EVM contracts take a member's document hash and Merkle proof
 * at its first change, and this is where the issuer's side finds them again, after a restart
 * too. Hashes only: the documents themselves are not kept.
 */
export class BatchDocuments {
  readonly #db: ClassicLevel;
  readonly #trees = new ExpiringCache<BatchTree>(TREE_TTL_MS, CACHED_TREES);

  private constructor(db: ClassicLevel) {
    this.#db = db;
  }

  static async open(dataDir: string): Promise<BatchDocuments> {
    const db = new ClassicLevel<string, string>(join(dataDir, 'gateway', 'batches'), {
      valueEncoding: 'utf8',
    });
    await db.open();
    return new BatchDocuments(db);
  }

  /** Keeps a batch's document hashes, member `<batchId>~<i>`'s at index i. */
  async remember(batchId: string, documentHashes: readonly string[]): Promise<void> {
    await this.#db.put(batchId, JSON.stringify(documentHashes), { sync: true });
  }

  /** A member's document hash and proof; undefined for an id of no batch kept here. */
  async member(id: string): Promise<BatchMemberProof | undefined> {
    const member = parseMemberId(id);
    if (!member) return undefined;
    const { batchId, index } = member;
    const batch = await this.#batch(batchId);
    const documentHash = batch?.documentHashes[index];
    if (!batch || documentHash === undefined) return undefined;
    return { documentHash, proof: batch.tree.proof(index) };
  }

  async #batch(batchId: string): Promise<BatchTree | undefined> {
    const cached = this.#trees.get(batchId);
    if (cached) return cached;
    const stored = await this.#db.get(batchId);
    if (stored === undefined) return undefined;
    const documentHashes = JSON.parse(stored) as string[];
    const tree = buildMerkleTree(
      documentHashes.map((documentHash, index) =>
        batchLeaf(memberId(batchId, index), documentHash),
      ),
    );
    const batch = { documentHashes, tree };
    this.#trees.set(batchId, batch);
    return batch;
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}
