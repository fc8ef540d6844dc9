import type { Version } from './version';

/** Read/write set of one transaction on one chaincode namespace, as Fabric's kvrwset models it. */
export interface KVRead {
  readonly key: string;
  readonly version: Version | null;
}

export interface KVWrite {
  readonly key: string;
  readonly isDelete: boolean;
  /** Base64 of the value; absent for deletes. */
  readonly value?: string;
}

/** A range query done during simulation, re-executed at commit to detect phantoms. */
export interface RangeQueryInfo {
  readonly startKey: string;
  readonly endKey: string;
  readonly itrExhausted: boolean;
  readonly reads: KVRead[];
}

export interface HashedRead {
  readonly keyHash: string;
  readonly version: Version | null;
}

export interface HashedWrite {
  readonly keyHash: string;
  readonly isDelete: boolean;
  readonly isPurge: boolean;
  /** Hex SHA-256 of the private value; absent for deletes and purges. */
  readonly valueHash?: string;
}

/** What the block carries of private data: hashes only. */
export interface CollectionHashedRwSet {
  readonly collection: string;
  readonly hashedReads: HashedRead[];
  readonly hashedWrites: HashedWrite[];
}

export interface NsRwSet {
  readonly namespace: string;
  readonly reads: KVRead[];
  readonly rangeQueries: RangeQueryInfo[];
  readonly writes: KVWrite[];
  readonly collections: CollectionHashedRwSet[];
}

/** Private values written by a transaction: kept off the block, like Fabric's transient store. */
export interface PrivateWrite {
  readonly namespace: string;
  readonly collection: string;
  readonly key: string;
  readonly isDelete: boolean;
  readonly isPurge: boolean;
  /** Base64 of the value. */
  readonly value?: string;
}
