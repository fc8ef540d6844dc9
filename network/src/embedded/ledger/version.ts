/** Height of the transaction that last wrote a key, as Fabric's MVCC versions it. */
export interface Version {
  readonly blockNumber: number;
  readonly txNumber: number;
}

export function sameVersion(a: Version | null, b: Version | null): boolean {
  if (a === null || b === null) return a === b;
  return a.blockNumber === b.blockNumber && a.txNumber === b.txNumber;
}

const VERSION_BYTES = 10;

/** 6-byte block number and 4-byte transaction number, big-endian, so versions sort as heights. */
export function encodeVersioned(version: Version, value: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(VERSION_BYTES + value.length);
  out.writeUIntBE(version.blockNumber, 0, 6);
  out.writeUInt32BE(version.txNumber, 6);
  out.set(value, VERSION_BYTES);
  return out;
}

export function decodeVersioned(stored: Uint8Array): { version: Version; value: Buffer } {
  const buffer = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  return {
    version: { blockNumber: buffer.readUIntBE(0, 6), txNumber: buffer.readUInt32BE(6) },
    value: buffer.subarray(VERSION_BYTES),
  };
}

export function heightKey(version: Version): string {
  return (
    version.blockNumber.toString(16).padStart(12, '0') +
    version.txNumber.toString(16).padStart(8, '0')
  );
}
