import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchLeaf, buildMerkleTree, memberId, rootFromProof, sha256Hex } from '@citytrust/sdk';
import { BatchDocuments } from './batch-documents';

const hashes = (count: number): string[] =>
  Array.from({ length: count }, (_, index) => sha256Hex(`document ${index}`));

describe('BatchDocuments', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'batch-documents-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('gives a member its document hash and the proof to its batch root, after a reopen', async () => {
    const documents = hashes(5);
    const root = buildMerkleTree(
      documents.map((hash, index) => batchLeaf(memberId('batch-1', index), hash)),
    ).root;
    const first = await BatchDocuments.open(dataDir);
    await first.remember('batch-1', documents);
    await first.close();

    const reopened = await BatchDocuments.open(dataDir);
    try {
      for (const index of [0, 3, 4]) {
        const member = await reopened.member(memberId('batch-1', index));
        expect(member?.documentHash).toBe(documents[index]);
        const leaf = batchLeaf(memberId('batch-1', index), documents[index] ?? '');
        expect(rootFromProof(leaf, member?.proof ?? [])).toBe(root);
      }
    } finally {
      await reopened.close();
    }
  });

  it('knows nothing of other ids: plain certificates, other batches, indexes past the end', async () => {
    const documents = await BatchDocuments.open(dataDir);
    try {
      await documents.remember('batch-2', hashes(2));
      for (const id of ['LIC-0001', 'batch-3~0', 'batch-2~2', 'batch-2~01', 'batch-2~-1'])
        expect(await documents.member(id)).toBeUndefined();
    } finally {
      await documents.close();
    }
  });
});
