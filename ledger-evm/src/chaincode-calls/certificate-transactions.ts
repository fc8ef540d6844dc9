import type { Log } from 'ethers';
import { CertificateRegistry__factory } from '@citytrust/contracts';
import type { HubProvider } from './call-context';
import { hex } from './chaincode-values';

const registry = CertificateRegistry__factory.createInterface();

/** The CertificateRegistry events that add an entry to a certificate's history. */
const CHANGE_TOPICS = (
  [
    'CertificateIssued',
    'BatchAnchored',
    'CertificateSuspended',
    'CertificateReinstated',
    'CertificateRevoked',
    'CertificateRenewed',
  ] as const
).map((name) => registry.getEvent(name).topicHash);

/** One entry of a certificate's history as the contract keeps it: unix seconds. */
export interface TimedChange {
  readonly time: bigint;
}

/**
 * Whether a CertificateRegistry log wrote an entry of certificate `id`'s history: its issuance,
 * its batch's anchoring (a member's first entry), a status change, or a renewal (the old
 * certificate's last entry and the new one's first).
 */
function changes(log: Log, id: string, batchId: string | undefined): boolean {
  const parsed = registry.parseLog(log);
  if (!parsed) return false;
  const named = (field: string): boolean => String(parsed.args.getValue(field)) === id;
  switch (parsed.name) {
    case 'BatchAnchored':
      return batchId !== undefined && String(parsed.args.getValue('batchId')) === batchId;
    case 'CertificateRenewed':
      return named('oldId') || named('newId');
    default:
      return named('id');
  }
}

/**
 * The transaction of each entry of a certificate's history. The contract keeps each entry's
 * block time only, and its events do not index the certificate id (a string), so each entry's
 * block is found by its time (block times strictly increase on an EVM chain; a range is read
 * when a chain repeats one) and that block's CertificateRegistry events are matched to the
 * entries of that time, in log order.
 */
export async function historyTransactions(
  provider: HubProvider,
  address: string,
  id: string,
  batchId: string | undefined,
  history: readonly TimedChange[],
): Promise<string[]> {
  const blocks = new BlockTimes(provider, await provider.getBlockNumber());
  const txIds = new Array<string | undefined>(history.length);
  const byTime = new Map<number, number[]>();
  history.forEach((change, index) => {
    const time = Number(change.time);
    byTime.set(time, [...(byTime.get(time) ?? []), index]);
  });
  for (const [time, entries] of byTime) {
    const [fromBlock, toBlock] = await blocks.at(time);
    const logs =
      fromBlock > toBlock
        ? []
        : await provider.getLogs({ address, topics: [CHANGE_TOPICS], fromBlock, toBlock });
    const ofCertificate = logs
      .filter((log) => changes(log, id, batchId))
      .sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
    if (ofCertificate.length !== entries.length)
      throw new Error(
        `certificate ${id}: ${entries.length} change(s) at ${time}, ${ofCertificate.length} event(s) in blocks ${fromBlock}-${toBlock}`,
      );
    entries.forEach((entry, i) => (txIds[entry] = hex((ofCertificate[i] as Log).transactionHash)));
  }
  return txIds as string[];
}

/** Block timestamps read once per history, and the blocks of a time by binary search. */
class BlockTimes {
  private readonly known = new Map<number, number>();

  constructor(
    private readonly provider: HubProvider,
    private readonly latest: number,
  ) {}

  /** The first and last block of unix time `time` (first > last when none has it). */
  async at(time: number): Promise<[number, number]> {
    const first = await this.firstBlockFrom(0, (timestamp) => timestamp >= time);
    const after = await this.firstBlockFrom(first, (timestamp) => timestamp > time);
    return [first, after - 1];
  }

  /** The first block from `low` whose timestamp passes `test` (monotone); latest + 1 if none. */
  private async firstBlockFrom(low: number, test: (timestamp: number) => boolean): Promise<number> {
    let [from, to] = [low, this.latest + 1];
    while (from < to) {
      const middle = Math.floor((from + to) / 2);
      if (test(await this.timestamp(middle))) to = middle;
      else from = middle + 1;
    }
    return from;
  }

  private async timestamp(blockNumber: number): Promise<number> {
    let timestamp = this.known.get(blockNumber);
    if (timestamp === undefined) {
      const block = await this.provider.getBlock(blockNumber);
      if (!block) throw new Error(`block ${blockNumber} is missing`);
      timestamp = block.timestamp;
      this.known.set(blockNumber, timestamp);
    }
    return timestamp;
  }
}
