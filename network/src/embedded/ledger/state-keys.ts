/**
 * Key layout of the state database. Namespaces and collections never contain U+0000, so
 * it separates them; state keys may contain it (composite keys), so they come last or,
 * in the history index, length-prefixed.
 */
const SEP = '\u0000';

export const stateKey = (ns: string, key: string): string => `s${SEP}${ns}${SEP}${key}`;
export const statePrefix = (ns: string): string => `s${SEP}${ns}${SEP}`;
/** First key after every state key of the namespace. */
export const stateEnd = (ns: string): string => `s${SEP}${ns}\u0001`;

export const privateKey = (ns: string, collection: string, key: string): string =>
  `p${SEP}${ns}${SEP}${collection}${SEP}${key}`;
export const privatePrefix = (ns: string, collection: string): string =>
  `p${SEP}${ns}${SEP}${collection}${SEP}`;
export const privateEnd = (ns: string, collection: string): string =>
  `p${SEP}${ns}${SEP}${collection}\u0001`;

export const hashedKey = (ns: string, collection: string, keyHash: string): string =>
  `h${SEP}${ns}${SEP}${collection}${SEP}${keyHash}`;

export const historyPrefix = (ns: string, key: string): string =>
  `k${SEP}${ns}${SEP}${Buffer.byteLength(key).toString(16).padStart(8, '0')}${key}`;

export const txKey = (txId: string): string => `t${SEP}${txId}`;

export const SAVEPOINT_KEY = `m${SEP}savepoint`;
/** Keys a block purged whose physical erase is not yet done, one entry per block. */
export const pendingEraseKey = (blockNumber: number): string =>
  `m${SEP}erase${SEP}${blockNumber.toString(16).padStart(12, '0')}`;
export const PENDING_ERASE_PREFIX = `m${SEP}erase${SEP}`;
export const PENDING_ERASE_END = `m${SEP}erase\u0001`;
/** Written and deleted around a purge's compaction; never read. */
export const ERASE_MARKER = `m${SEP}erase-marker`;
export const pendingPrivateKey = (blockNumber: number): string =>
  `m${SEP}pvt${SEP}${blockNumber.toString(16).padStart(12, '0')}`;
export const PENDING_PRIVATE_PREFIX = `m${SEP}pvt${SEP}`;
export const PENDING_PRIVATE_END = `m${SEP}pvt\u0001`;
