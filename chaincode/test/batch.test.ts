import { EmbeddedLedger } from './embedded-ledger';
import { bootstrapDemo, call, hex } from './consortium';
import { buildBatchTree, type BatchTree } from './merkle-tree';

const COUNT = 100_000;
const BATCH = 'licences-2030-q1';

describe(`a batch of ${COUNT.toLocaleString('en')} documents`, () => {
  let ledger: EmbeddedLedger;
  let tree: BatchTree;
  const documents = Array.from({ length: COUNT }, (_, index) => hex(`licence ${index}`));

  beforeAll(async () => {
    ledger = await EmbeddedLedger.open();
    await bootstrapDemo(ledger);
    tree = buildBatchTree(BATCH, documents);
  });
  afterAll(async () => {
    await ledger.close();
  });

  test('is anchored in one small transaction', async () => {
    const batch = await call(ledger, 'market-regulation', 'certificates:anchorBatch', {
      id: BATCH,
      type: 'business-license',
      merkleRoot: tree.root,
      count: COUNT,
      validUntil: '2099-01-01T00:00:00Z',
    });
    expect(batch).toMatchObject({ id: BATCH, count: COUNT, merkleRoot: tree.root });
    const height = ledger.peer.ledgerInfo().height;
    const block = await ledger.peer.getBlock(height - 1);
    const writes = block.data.flatMap((tx) => tx.rwset.writes);
    expect(writes).toHaveLength(2);
    expect(JSON.stringify(block).length).toBeLessThan(16 * 1024);
  });

  test.each([0, 1, 73_421, COUNT - 1])(
    'member %i verifies against the root with its proof',
    async (index) => {
      const answer = await call(
        ledger,
        'city-bank',
        'certificates:verifyBatchMember',
        { id: `${BATCH}~${index}`, documentHash: documents[index], proof: tree.proof(index) },
        { evaluate: true },
      );
      expect(answer).toMatchObject({
        included: true,
        certificate: { status: 'ACTIVE', batchId: BATCH },
      });
    },
  );

  test('a document, a proof or an id that do not belong are not included', async () => {
    const verify = (id: string, documentHash: string, proof: string[]) =>
      call(
        ledger,
        'city-bank',
        'certificates:verifyBatchMember',
        { id, documentHash, proof },
        { evaluate: true },
      );
    expect(await verify(`${BATCH}~5`, hex('forged'), tree.proof(5))).toMatchObject({
      included: false,
    });
    expect(await verify(`${BATCH}~5`, documents[5] as string, tree.proof(6))).toMatchObject({
      included: false,
    });
    expect(await verify(`${BATCH}~6`, documents[5] as string, tree.proof(5))).toMatchObject({
      included: false,
    });
    await expect(
      verify(`${BATCH}~${COUNT}`, documents[5] as string, tree.proof(5)),
    ).rejects.toThrow(/NOT_FOUND/);
  });

  test('one member is revoked on its own; its neighbours stay active', async () => {
    const revoked = await call(ledger, 'market-regulation', 'certificates:revoke', {
      id: `${BATCH}~73421`,
      reason: 'obtained by fraud',
    });
    expect(revoked).toMatchObject({ status: 'REVOKED', reason: 'obtained by fraud' });
    const read = (id: string) =>
      call(ledger, 'city-bank', 'certificates:get', { id }, { evaluate: true });
    expect(await read(`${BATCH}~73421`)).toMatchObject({ status: 'REVOKED' });
    expect(await read(`${BATCH}~73420`)).toMatchObject({ status: 'ACTIVE' });
    expect(await read(`${BATCH}~73422`)).toMatchObject({ status: 'ACTIVE' });
    const history = await call(
      ledger,
      'city-bank',
      'certificates:history',
      { id: `${BATCH}~73421` },
      { evaluate: true },
    );
    expect(
      (history as unknown as Array<{ record: { status: string } }>).map(
        (entry) => entry.record.status,
      ),
    ).toEqual(['ACTIVE', 'REVOKED']);
    const proof = await call(
      ledger,
      'city-bank',
      'certificates:verifyBatchMember',
      { id: `${BATCH}~73421`, documentHash: documents[73_421], proof: tree.proof(73_421) },
      { evaluate: true },
    );
    expect(proof).toMatchObject({ included: true, certificate: { status: 'REVOKED' } });
  });
});
