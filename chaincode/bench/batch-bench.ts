/**
 * Anchoring a batch of 100,000 documents on the embedded runtime, against a baseline measured
 * in the same run on the same peer: one certificate issued on its own (median of 50).
 */
import { performance } from 'node:perf_hooks';
import { EmbeddedLedger } from '../test/embedded-ledger';
import { bootstrapDemo, call, hex } from '../test/consortium';
import { buildBatchTree } from '../test/merkle-tree';

const COUNT = 100_000;
const SINGLES = 50;
const ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  const ledger = await EmbeddedLedger.open();
  try {
    await bootstrapDemo(ledger);
    const single: number[] = [];
    for (let i = 0; i < SINGLES; i += 1) {
      const started = performance.now();
      await call(ledger, 'market-regulation', 'certificates:issue', {
        id: `single-${i}`,
        type: 'business-license',
        holderRef: hex(`holder ${i}`),
        documentHash: hex(`single document ${i}`),
      });
      single.push(performance.now() - started);
    }
    const baseline = median(single);
    const tree: number[] = [];
    const anchor: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const documents = Array.from({ length: COUNT }, (_, i) => hex(`round ${round} doc ${i}`));
      const batchId = `bench-${round}`;
      let started = performance.now();
      const built = buildBatchTree(batchId, documents);
      for (let i = 0; i < COUNT; i += 1) built.proof(i);
      tree.push(performance.now() - started);
      started = performance.now();
      await call(ledger, 'market-regulation', 'certificates:anchorBatch', {
        id: batchId,
        type: 'business-license',
        merkleRoot: built.root,
        count: COUNT,
      });
      anchor.push(performance.now() - started);
    }
    const rows: Array<[string, number]> = [
      ['baseline: one certificate issued alone', baseline],
      [`leaves, tree and every proof for ${COUNT.toLocaleString('en')}`, median(tree)],
      [`anchoring transaction for ${COUNT.toLocaleString('en')}`, median(anchor)],
      [`batch of ${COUNT.toLocaleString('en')} end to end`, median(tree) + median(anchor)],
    ];
    console.log(
      `chaincode batch anchoring, median of ${ROUNDS} rounds (baseline median of ${SINGLES})`,
    );
    console.log('| what | ms | ratio to baseline |');
    console.log('|---|---:|---:|');
    for (const [what, ms] of rows)
      console.log(`| ${what} | ${ms.toFixed(1)} | ${(ms / baseline).toPrecision(3)} |`);
    const perDocument = (median(tree) + median(anchor)) / COUNT;
    console.log(
      `per document in a batch: ${(perDocument * 1000).toFixed(2)} µs, ${(perDocument / baseline).toPrecision(3)} of one issued alone`,
    );
  } finally {
    await ledger.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
