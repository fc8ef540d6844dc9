/** EVM values in the chaincode's JSON shapes. */

/** `bytes32` back to the chaincode's lowercase hex. */
export function hex(value: string): string {
  return value.replace(/^0x/, '').toLowerCase();
}

/** Unix seconds as the chaincode's ISO instant (`...000Z`). */
export function iso(seconds: bigint | number): string {
  return new Date(Number(seconds) * 1000).toISOString();
}

/** Unix seconds, or null for the zero "unset" value. */
export function isoOrNull(seconds: bigint | number): string | null {
  return BigInt(seconds) === 0n ? null : iso(seconds);
}

/** Composite keys list in id order on Fabric; the contracts list in insertion order. */
export function byId<T extends { id: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
