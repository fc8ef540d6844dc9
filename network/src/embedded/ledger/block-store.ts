import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Block, BlockMetadata, BlockTransaction } from './block';
import {
  CorruptRecordError,
  decodeRecordBody,
  encodeBlock,
  encodeData,
  toBlock,
} from './block-codec';
import { sha256Hex } from '../crypto/hash';

/** Makes a new file's directory entry durable, so a fresh log survives a power failure. */
async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/** The block log does not verify: a record was altered, reordered or lost. */
export class BlockLogTamperedError extends Error {
  override readonly name = 'BlockLogTamperedError';
}

const READ_CHUNK = 8 * 1024 * 1024;

interface Location {
  readonly offset: number;
  readonly length: number;
}

/** What verification found after the last complete, valid record. */
export interface TailState {
  /** Bytes after the last valid record: an interrupted append, or damage. */
  readonly trailingBytes: number;
}

/**
 * Append-only, hash-chained block log in one file. Every append is fsynced before it
 * resolves. Opening verifies every record's checksum, the header hash chain and each
 * data hash; what follows the last valid record is reported, never silently used.
 */
export class BlockStore {
  readonly #file: FileHandle;
  readonly #locations: Location[];
  #end: number;
  #lastHash: string;
  readonly #tail: TailState;

  private constructor(
    file: FileHandle,
    locations: Location[],
    end: number,
    lastHash: string,
    tail: TailState,
  ) {
    this.#file = file;
    this.#locations = locations;
    this.#end = end;
    this.#lastHash = lastHash;
    this.#tail = tail;
  }

  static async open(path: string): Promise<BlockStore> {
    const file = await open(path, 'a+');
    try {
      const { size } = await file.stat();
      if (size === 0) await syncDirectory(dirname(path));
      const locations: Location[] = [];
      let previousHash = '';
      let position = 0;
      let buffer = Buffer.alloc(0);
      let bufferStart = 0;
      const ensure = async (needed: number): Promise<boolean> => {
        // A length past the end of the file is a torn tail, not a reason to allocate it.
        if (position + needed > size) return false;
        while (position + needed > bufferStart + buffer.length) {
          const readFrom = bufferStart + buffer.length;
          if (readFrom >= size) return false;
          const chunk = Buffer.allocUnsafe(Math.max(READ_CHUNK, needed));
          const { bytesRead } = await file.read(chunk, 0, chunk.length, readFrom);
          if (bytesRead === 0) return false;
          buffer = Buffer.concat([
            buffer.subarray(position - bufferStart),
            chunk.subarray(0, bytesRead),
          ]);
          bufferStart = position;
        }
        return true;
      };
      for (;;) {
        if (!(await ensure(4))) break;
        const length = buffer.readUInt32BE(position - bufferStart);
        if (!(await ensure(4 + length))) break;
        const bodyStart = position - bufferStart + 4;
        let record;
        try {
          record = decodeRecordBody(buffer.subarray(bodyStart, bodyStart + length));
        } catch (error) {
          if (error instanceof CorruptRecordError) break;
          throw error;
        }
        const expected = locations.length;
        if (record.header.number !== expected) {
          throw new BlockLogTamperedError(`block ${expected} is numbered ${record.header.number}`);
        }
        if (record.header.previousHash !== previousHash) {
          throw new BlockLogTamperedError(
            `block ${expected} does not chain to block ${expected - 1}`,
          );
        }
        if (record.header.dataHash !== record.dataHash) {
          throw new BlockLogTamperedError(`block ${expected} data does not match its data hash`);
        }
        locations.push({ offset: position, length: 4 + length });
        previousHash = record.headerHash;
        position += 4 + length;
      }
      return new BlockStore(file, locations, position, previousHash, {
        trailingBytes: size - position,
      });
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /** Number of blocks in the log. */
  get height(): number {
    return this.#locations.length;
  }

  /** Header hash of the last block (empty when the log is empty). */
  get lastHash(): string {
    return this.#lastHash;
  }

  get tail(): TailState {
    return this.#tail;
  }

  /**
   * Drops bytes after the last valid record. Only the ledger may call this, once it has
   * established that no acknowledged block lies there.
   */
  async discardTail(): Promise<void> {
    if (this.#tail.trailingBytes === 0) return;
    await this.#file.truncate(this.#end);
    await this.#file.datasync();
  }

  /** Appends the next block and fsyncs; returns the block as stored and its header hash. */
  async append(
    data: readonly BlockTransaction[],
    metadata: BlockMetadata,
  ): Promise<{ block: Block; hash: string }> {
    const dataBytes = encodeData(data);
    const header = {
      number: this.height,
      previousHash: this.#lastHash,
      dataHash: sha256Hex(dataBytes),
    };
    const { record, headerHash } = encodeBlock(header, dataBytes, metadata);
    const { bytesWritten } = await this.#file.write(record, 0, record.length, this.#end);
    if (bytesWritten !== record.length) throw new Error('short write to block log');
    await this.#file.datasync();
    this.#locations.push({ offset: this.#end, length: record.length });
    this.#end += record.length;
    this.#lastHash = headerHash;
    return { block: { header, data: [...data], metadata }, hash: headerHash };
  }

  async readBlock(number: number): Promise<Block> {
    return toBlock(await this.#readRecord(number));
  }

  async blockHash(number: number): Promise<string> {
    return (await this.#readRecord(number)).headerHash;
  }

  async close(): Promise<void> {
    await this.#file.close();
  }

  async #readRecord(number: number) {
    const location = this.#locations[number];
    if (!Number.isSafeInteger(number) || location === undefined) {
      throw new RangeError(`block ${number} does not exist (height ${this.height})`);
    }
    const buffer = Buffer.allocUnsafe(location.length);
    await this.#file.read(buffer, 0, location.length, location.offset);
    return decodeRecordBody(buffer.subarray(4));
  }
}
