import canonicalize from 'canonicalize';
import { sha256, sha256Hex } from '../crypto/hash';
import type { Block, BlockHeader, BlockMetadata, BlockTransaction } from './block';

const CHECKSUM_BYTES = 32;

/**
 * One block as a log record:
 * `u32 bodyLength | u32 h | header | u32 d | data | u32 m | metadata | sha256(all before it)`.
 * The header is RFC 8785 JSON so its hash can be recomputed from its content; data and
 * metadata are hashed as stored bytes.
 */
export interface EncodedBlock {
  readonly record: Buffer;
  readonly headerHash: string;
}

function section(bytes: Buffer): Buffer[] {
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(bytes.length);
  return [length, bytes];
}

export function encodeData(data: readonly BlockTransaction[]): Buffer {
  return Buffer.from(JSON.stringify(data));
}

export function headerBytes(header: BlockHeader): Buffer {
  return Buffer.from(canonicalize(header) as string);
}

export function encodeBlock(
  header: BlockHeader,
  data: Buffer,
  metadata: BlockMetadata,
): EncodedBlock {
  const headerBuffer = headerBytes(header);
  const parts = [
    ...section(headerBuffer),
    ...section(data),
    ...section(Buffer.from(JSON.stringify(metadata))),
  ];
  const body = Buffer.concat(parts);
  const checksum = sha256(body);
  const bodyLength = Buffer.allocUnsafe(4);
  bodyLength.writeUInt32BE(body.length + CHECKSUM_BYTES);
  return {
    record: Buffer.concat([bodyLength, body, checksum]),
    headerHash: sha256Hex(headerBuffer),
  };
}

export class CorruptRecordError extends Error {
  override readonly name = 'CorruptRecordError';
}

export interface DecodedRecord {
  readonly header: BlockHeader;
  readonly headerHash: string;
  readonly dataHash: string;
  readonly dataBytes: Buffer;
  readonly metadata: BlockMetadata;
}

/** Decodes a record body (without its leading length) and checks its checksum. */
export function decodeRecordBody(body: Buffer): DecodedRecord {
  if (body.length < CHECKSUM_BYTES + 12) throw new CorruptRecordError('record too short');
  const content = body.subarray(0, body.length - CHECKSUM_BYTES);
  if (!sha256(content).equals(body.subarray(body.length - CHECKSUM_BYTES))) {
    throw new CorruptRecordError('record checksum mismatch');
  }
  let offset = 0;
  const next = (): Buffer => {
    if (offset + 4 > content.length) throw new CorruptRecordError('truncated section');
    const length = content.readUInt32BE(offset);
    const start = offset + 4;
    offset = start + length;
    if (offset > content.length) throw new CorruptRecordError('truncated section');
    return content.subarray(start, offset);
  };
  const headerBuffer = next();
  const dataBytes = next();
  const metadataBytes = next();
  if (offset !== content.length) throw new CorruptRecordError('trailing bytes in record');
  try {
    return {
      header: JSON.parse(headerBuffer.toString('utf8')) as BlockHeader,
      headerHash: sha256Hex(headerBuffer),
      dataHash: sha256Hex(dataBytes),
      dataBytes,
      metadata: JSON.parse(metadataBytes.toString('utf8')) as BlockMetadata,
    };
  } catch {
    throw new CorruptRecordError('record is not valid JSON');
  }
}

export function toBlock(record: DecodedRecord): Block {
  return {
    header: record.header,
    data: JSON.parse(record.dataBytes.toString('utf8')) as BlockTransaction[],
    metadata: record.metadata,
  };
}
