import type { Block, BlockTransaction } from './block';
import type { PrivateWrite } from './rwset';
import type { StateOperation } from './state-store';
import {
  hashedKey,
  pendingEraseKey,
  historyPrefix,
  pendingPrivateKey,
  privateKey,
  SAVEPOINT_KEY,
  stateKey,
  txKey,
} from './state-keys';
import { encodeVersioned, heightKey, type Version } from './version';

/** Keys a purge removed, so the store can compact them away after the batch lands. */
export interface PurgedKey {
  readonly namespace: string;
  readonly collection: string;
  readonly key: string;
}

/**
 * The state changes one committed block makes, as a single batch: world state, private
 * state and hashes for valid transactions, history, the transaction index for every
 * transaction (valid or not, as Fabric indexes them), and the savepoint.
 * A pure function of the block and its private writes, so recovery replays it exactly.
 */
export function blockEffects(
  block: Block,
  blockHash: string,
  privateWrites: readonly (readonly PrivateWrite[])[],
): { operations: StateOperation[]; purged: PurgedKey[] } {
  const operations: StateOperation[] = [];
  const purged: PurgedKey[] = [];
  const blockNumber = block.header.number;
  block.data.forEach((tx, txNumber) => {
    const validationCode = block.metadata.validationCodes[txNumber];
    // A duplicate keeps the index pointing at the transaction that first used the id.
    if (validationCode === 'DUPLICATE_TXID') return;
    operations.push({
      type: 'put',
      key: txKey(tx.txId),
      value: Buffer.from(JSON.stringify({ blockNumber, txNumber, validationCode })),
    });
    if (validationCode !== 'VALID') return;
    const version = { blockNumber, txNumber };
    operations.push(...publicWriteOperations(tx, version), ...hashedWriteOperations(tx, version));
    for (const write of privateWrites[txNumber] ?? []) {
      operations.push(privateWriteOperation(write, version));
      if (write.isPurge)
        purged.push({ namespace: write.namespace, collection: write.collection, key: write.key });
    }
  });
  operations.push({ type: 'del', key: pendingPrivateKey(blockNumber) });
  if (purged.length > 0) {
    // Recorded with the savepoint, so an erase cut short by a crash is redone on open.
    operations.push({
      type: 'put',
      key: pendingEraseKey(blockNumber),
      value: Buffer.from(JSON.stringify(purged)),
    });
  }
  operations.push({
    type: 'put',
    key: SAVEPOINT_KEY,
    value: Buffer.from(JSON.stringify({ blockNumber, blockHash })),
  });
  return { operations, purged };
}

/** World state and history for a valid transaction's public writes, write by write. */
function publicWriteOperations(tx: BlockTransaction, version: Version): StateOperation[] {
  const ns = tx.rwset.namespace;
  return tx.rwset.writes.flatMap((write): StateOperation[] => {
    const key = stateKey(ns, write.key);
    const value = write.isDelete ? Buffer.alloc(0) : Buffer.from(write.value ?? '', 'base64');
    const entry = {
      txId: tx.txId,
      timestamp: tx.timestamp,
      isDelete: write.isDelete,
      value: write.isDelete ? '' : write.value,
    };
    return [
      write.isDelete
        ? { type: 'del', key }
        : { type: 'put', key, value: encodeVersioned(version, value) },
      {
        type: 'put',
        key: historyPrefix(ns, write.key) + heightKey(version),
        value: Buffer.from(JSON.stringify(entry)),
      },
    ];
  });
}

/** The private data hashes a valid transaction's block entry carries, collection by collection. */
function hashedWriteOperations(tx: BlockTransaction, version: Version): StateOperation[] {
  const ns = tx.rwset.namespace;
  return tx.rwset.collections.flatMap((set) =>
    set.hashedWrites.map((write): StateOperation => {
      const key = hashedKey(ns, set.collection, write.keyHash);
      return write.isDelete
        ? { type: 'del', key }
        : {
            type: 'put',
            key,
            value: encodeVersioned(version, Buffer.from(write.valueHash ?? '', 'hex')),
          };
    }),
  );
}

/** A private value of a valid transaction, from the writes kept off the block. */
function privateWriteOperation(write: PrivateWrite, version: Version): StateOperation {
  const key = privateKey(write.namespace, write.collection, write.key);
  if (write.isDelete) return { type: 'del', key };
  return {
    type: 'put',
    key,
    value: encodeVersioned(version, Buffer.from(write.value ?? '', 'base64')),
  };
}
