// Embedded ledger benchmark. Every figure is set against a baseline measured in this run:
// committed one-key transactions per second against raw LevelDB batched puts (the ceiling
// of the storage underneath), and resident memory against the freshly opened peer's.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { connect, EmbeddedPeer, type Contract } from '../src/embedded';
import { PutContract } from './put-contract';

const SECONDS_PER_LEVEL = Number(process.env.BENCH_SECONDS ?? 4);
const MEMORY_AFTER = Number(process.env.BENCH_MEMORY_TXS ?? 100_000);
const VALUE = 'x'.repeat(64);
const BATCH = 500;

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

function percentile(sorted: number[], p: number): number {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  if (value === undefined) throw new RangeError(`no latencies to take the p${p} of`);
  return value;
}

async function rawLevelDbPutsPerSecond(dir: string): Promise<number> {
  const db = new ClassicLevel<string, string>(join(dir, 'raw'));
  await db.open();
  let written = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + SECONDS_PER_LEVEL * 1000;
  while (Date.now() < deadline) {
    const batch = db.batch();
    for (let i = 0; i < BATCH; i++) batch.put(`s\u0000bench\u0000key-${written + i}`, VALUE);
    await batch.write({ sync: true });
    written += BATCH;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await db.close();
  return written / seconds;
}

interface LevelResult {
  concurrency: number;
  committed: number;
  txPerSecond: number;
  p50: number;
  p99: number;
}

let nextKey = 0;

async function drive(
  contract: Contract,
  concurrency: number,
  until: () => boolean,
): Promise<number[]> {
  const latencies: number[] = [];
  const worker = async (): Promise<void> => {
    while (!until()) {
      const started = process.hrtime.bigint();
      await contract.submit('put', { arguments: [`key-${nextKey++}`, VALUE] });
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}

async function measure(contract: Contract, concurrency: number): Promise<LevelResult> {
  const warmupEnd = Date.now() + 500;
  await drive(contract, concurrency, () => Date.now() >= warmupEnd);
  const started = process.hrtime.bigint();
  const end = Date.now() + SECONDS_PER_LEVEL * 1000;
  const latencies = await drive(contract, concurrency, () => Date.now() >= end);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    committed: latencies.length,
    txPerSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'citytrust-bench-'));
  try {
    const ceiling = await rawLevelDbPutsPerSecond(dir);
    const peer = await EmbeddedPeer.open({
      dataDir: join(dir, 'hub'),
      chaincodes: [{ name: 'bench', contracts: [PutContract] }],
    });
    const { identity, signer } = await peer.enroll('Org1MSP', { name: 'bench' });
    const contract = connect({ peer, identity, signer })
      .getNetwork(peer.channel)
      .getContract('bench', 'bench');
    gc();
    const baselineRss = process.memoryUsage().rss;

    const results: LevelResult[] = [];
    for (const concurrency of [1, 16, 64]) results.push(await measure(contract, concurrency));

    const committedSoFar = (): number => nextKey;
    await drive(contract, 64, () => committedSoFar() >= MEMORY_AFTER);
    gc();
    const rss = process.memoryUsage().rss;
    const height = peer.ledgerInfo().height;
    await peer.close();

    console.log(
      `embedded ledger, one-key put transactions (${SECONDS_PER_LEVEL} s per level; node ${process.version})`,
    );
    console.log(
      `ceiling: raw LevelDB batched puts (batches of ${BATCH}, synced): ${ceiling.toFixed(0)} puts/s`,
    );
    console.log('');
    console.log(
      '| concurrency | committed tx/s | ratio to raw LevelDB puts | p50 submit ms | p99 submit ms |',
    );
    console.log('|---:|---:|---:|---:|---:|');
    for (const r of results) {
      console.log(
        `| ${r.concurrency} | ${r.txPerSecond.toFixed(0)} | ${(r.txPerSecond / ceiling).toPrecision(3)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`,
      );
    }
    console.log('');
    console.log(
      `resident memory after ${committedSoFar()} committed transactions (${height} blocks): ${mib(rss)} MiB; ` +
        `freshly opened peer: ${mib(baselineRss)} MiB; ratio ${(rss / baselineRss).toFixed(2)}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
