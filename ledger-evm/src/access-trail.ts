/**
 * Off-chain audit of AuthorizationRegistry trails, the EVM counterpart of the chaincode's
 * `verifyTrail` (chaincode/src/authorizations/trail-audit.ts): reads an authorization's
 * `AccessRecorded` events, recomputes every link hash, checks the chain runs unbroken from
 * the genesis hash to the head stored on chain, and re-checks every allowed event against
 * the authorization's terms as they stood when it happened. Results have the chaincode's
 * shape; values are the EVM's (accounts for organizations, unix seconds for instants,
 * `0x` hex for hashes, transaction hashes for event ids). The rules and the audit are the
 * sdk's, shared with the chaincode; this file supplies the EVM's link hash and values.
 */
import { AbiCoder, id as keccakOfText, sha256, ZeroHash, type BlockTag } from 'ethers';
import {
  DENIAL_REASONS as DOMAIN_DENIAL_REASONS,
  OPERATIONS,
  type DenialReason,
  type Operation,
  decideAccess as decideSharedAccess,
  utcDayOf,
  type AccessAttempt,
  type AccessTerms,
} from '@citytrust/domain';
import {
  auditTrail as auditSharedTrail,
  type TrailAudit as SharedTrailAudit,
  type TrailAuditViolation,
  type TrailProblem as SharedTrailProblem,
} from '@citytrust/domain';
import { OrgRegistry__factory } from '@citytrust/contracts';
import type { AuthorizationRegistry, OrgRegistry } from '@citytrust/contracts';

/** The first `prevHash` of every trail: bytes32(0), the chaincode's 64 zeros. */
export const GENESIS_HASH = ZeroHash;

export { OPERATIONS, type DenialReason, type Operation } from '@citytrust/domain';

/** `AuthorizationRegistry.DenialReason` in enum order; index 0 is NONE (allowed). */
export const DENIAL_REASONS = ['NONE', ...DOMAIN_DENIAL_REASONS] as const;

/**
 * One link of a trail, named as the chaincode's `AccessEvent`. Solidity's `AccessLink` names:
 * `seq` = sequence, `actor` = requester, `prevHash` = previousHash, `at` = timestamp.
 */
export interface AccessEvent {
  readonly authorizationId: string;
  readonly seq: number;
  /** The transaction that recorded it. */
  readonly eventId: string;
  /** Unix seconds: the block time of that transaction. */
  readonly at: number;
  /** The requester's account. */
  readonly actor: string;
  readonly category: string;
  readonly purpose: string;
  readonly operation: Operation;
  readonly recordCount: number;
  readonly requestHash: string;
  readonly allowed: boolean;
  readonly reason: DenialReason | null;
  readonly prevHash: string;
  readonly eventHash: string;
}

/** The terms of an authorization a trail is audited against, and its stored head. */
export interface TrailTerms {
  readonly id: string;
  readonly grantee: string;
  readonly categories: readonly string[];
  readonly purpose: string;
  /** Bit `1 << operation` per allowed operation. */
  readonly operations: number;
  /** 0: no limit. */
  readonly maxAccesses: number;
  /** 0: no limit. */
  readonly maxPerDay: number;
  readonly validFrom: number;
  readonly validUntil: number;
  /** 0: not revoked. */
  readonly revokedAt: number;
  readonly eventCount: number;
  readonly headHash: string;
}

export type TrailProblem = SharedTrailProblem;
export type TrailViolation = TrailAuditViolation;
export type TrailAudit = SharedTrailAudit;

/** The audit of a grantee's authorizations, with the events in `[from, to)` counted. */
export interface GranteeTrailAudit {
  readonly intact: boolean;
  readonly events: number;
  readonly allowed: number;
  readonly denied: number;
  readonly violations: (TrailViolation & { readonly authorizationId: string })[];
  readonly authorizations: {
    readonly id: string;
    readonly intact: boolean;
    readonly headHash: string;
  }[];
}

/** Where and when to read: one block for every read, so terms, head and events agree. */
export interface ReadOptions {
  /** The block the audit reads at; the latest when absent. */
  readonly blockTag?: number;
  /** The first block to search for events (the registry's deployment block saves work). */
  readonly fromBlock?: number;
}

const LINK_TYPES = [
  'bytes32', // previousHash
  'string', // authorizationId
  'uint64', // sequence
  'address', // requester
  'bool', // allowed
  'uint8', // reason
  'string', // category
  'string', // purpose
  'uint8', // operation
  'uint32', // recordCount
  'bytes32', // requestHash
  'uint64', // timestamp
] as const;

/** The link hash AuthorizationRegistry computes: sha256 over the flat ABI encoding. */
export function linkHash(event: Omit<AccessEvent, 'eventHash' | 'eventId'>): string {
  const reason = event.reason === null ? 0 : DENIAL_REASONS.indexOf(event.reason);
  return sha256(
    AbiCoder.defaultAbiCoder().encode(LINK_TYPES, [
      event.prevHash,
      event.authorizationId,
      event.seq,
      event.actor,
      event.allowed,
      reason,
      event.category,
      event.purpose,
      OPERATIONS.indexOf(event.operation),
      event.recordCount,
      event.requestHash,
      event.at,
    ]),
  );
}

const MILLISECONDS_PER_SECOND = 1000;

/** The UTC day of unix seconds `at`, as the contract counts daily limits. */
export function utcDay(at: number): number {
  return utcDayOf(at * MILLISECONDS_PER_SECOND);
}

/** Accounts compare in any hex case; the shared rules compare exactly, so both go lowercase. */
function account(address: string): string {
  return address.toLowerCase();
}

/** The sdk's reading of EVM terms: epoch milliseconds, null for "no limit", operation names. */
function accessTerms(terms: TrailTerms): AccessTerms {
  return {
    grantee: account(terms.grantee),
    categories: terms.categories,
    purpose: terms.purpose,
    operations: OPERATIONS.filter((_, bit) => (terms.operations & (1 << bit)) !== 0),
    maxAccesses: terms.maxAccesses === 0 ? null : terms.maxAccesses,
    maxPerDay: terms.maxPerDay === 0 ? null : terms.maxPerDay,
    validFrom: terms.validFrom * MILLISECONDS_PER_SECOND,
    validUntil: terms.validUntil * MILLISECONDS_PER_SECOND,
    revokedAt: terms.revokedAt === 0 ? null : terms.revokedAt * MILLISECONDS_PER_SECOND,
  };
}

type RecordedAccess = Pick<AccessEvent, 'actor' | 'at' | 'category' | 'purpose' | 'operation'>;

/** An access as the sdk's rules read it: the account lowercase, the instant in milliseconds. */
function accessOf(request: RecordedAccess): AccessAttempt {
  return {
    actor: account(request.actor),
    at: request.at * MILLISECONDS_PER_SECOND,
    category: request.category,
    purpose: request.purpose,
    operation: request.operation,
  };
}

export interface AccessContext {
  /** Allowed accesses before this one, in the same UTC day. */
  readonly usedToday: number;
  readonly negativeListed: boolean;
}

/**
 * The chaincode's `decideAccess` on EVM values: the first rule the access breaks, or null.
 * `used` is the allowed accesses before this one.
 */
export function decideAccess(
  terms: TrailTerms & { readonly used: number },
  request: RecordedAccess,
  context: AccessContext,
): DenialReason | null {
  return decideSharedAccess(accessTerms(terms), accessOf(request), {
    used: terms.used,
    ...context,
  });
}

/**
 * Recomputes a trail's hash chain and re-checks every allowed event against the terms in
 * force when it happened: counts rebuilt from the trail itself, revocation from `revokedAt`,
 * the negative list as it stood at the event's time. Pure: `events` may come from anywhere.
 */
export function auditTrail(
  terms: TrailTerms,
  events: readonly AccessEvent[],
  negativeListedAt: (category: string, at: number) => boolean,
): TrailAudit {
  return auditSharedTrail<AccessEvent>(
    { ...accessTerms(terms), id: terms.id, eventCount: terms.eventCount, headHash: terms.headHash },
    events,
    {
      genesisHash: GENESIS_HASH,
      // An event naming another authorization is no link of this trail, whatever its hash.
      linkHash: (event) => (event.authorizationId === terms.id ? linkHash(event) : null),
      sameHash: (a, b) => a.toLowerCase() === b.toLowerCase(),
      accessOf,
      negativeListedAt: (event) => negativeListedAt(event.category, event.at),
    },
  );
}

type AuthorizationOutput = Awaited<ReturnType<AuthorizationRegistry['get']>>;

/** The audit terms of an authorization as `get` returns it. */
export function trailTerms(authorization: AuthorizationOutput): TrailTerms {
  return {
    id: authorization.id,
    grantee: authorization.grantee,
    categories: [...authorization.categories],
    purpose: authorization.purpose,
    operations: Number(authorization.operations),
    maxAccesses: Number(authorization.maxAccesses),
    maxPerDay: Number(authorization.maxPerDay),
    validFrom: Number(authorization.validFrom),
    validUntil: Number(authorization.validUntil),
    revokedAt: Number(authorization.revokedAt),
    eventCount: Number(authorization.eventCount),
    headHash: authorization.headHash,
  };
}

function toEvent(log: {
  readonly transactionHash: string;
  readonly args: { readonly link: AuthorizationRegistry.AccessLinkStructOutput };
}): AccessEvent {
  const link = log.args.link;
  const reason = DENIAL_REASONS[Number(link.reason)];
  const operation = OPERATIONS[Number(link.operation)];
  if (reason === undefined || operation === undefined)
    throw new Error(`event ${log.transactionHash} has an unknown reason or operation`);
  return {
    authorizationId: link.authorizationId,
    seq: Number(link.sequence),
    eventId: log.transactionHash,
    at: Number(link.timestamp),
    actor: link.requester,
    category: link.category,
    purpose: link.purpose,
    operation,
    recordCount: Number(link.recordCount),
    requestHash: link.requestHash,
    allowed: link.allowed,
    reason: reason === 'NONE' ? null : reason,
    prevHash: link.previousHash,
    eventHash: link.eventHash,
  };
}

function inChainOrder<T extends { blockNumber: number; index: number }>(logs: T[]): T[] {
  return logs.sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
}

/** The access events of authorization `authorizationId`, in the order they were recorded. */
export async function readTrail(
  registry: AuthorizationRegistry,
  authorizationId: string,
  options: ReadOptions = {},
): Promise<AccessEvent[]> {
  const key = keyOf(authorizationId);
  const logs = await registry.queryFilter(
    registry.filters.AccessRecorded(key),
    options.fromBlock ?? 0,
    options.blockTag ?? 'latest',
  );
  return inChainOrder(logs).map(toEvent);
}

/** `keccak256(bytes(id))`: the key the registry stores and indexes an authorization by. */
export function keyOf(authorizationId: string): string {
  return keccakOfText(authorizationId);
}

/** Whether each allowed event's category was on the negative list at its time. */
async function negativeListLookup(
  orgRegistry: OrgRegistry,
  events: readonly AccessEvent[],
  blockTag: BlockTag,
): Promise<(category: string, at: number) => boolean> {
  const listed = new Map<string, boolean>();
  for (const event of events) {
    if (!event.allowed) continue;
    const cacheKey = `${event.category}\u0000${event.at}`;
    if (!listed.has(cacheKey))
      listed.set(
        cacheKey,
        await orgRegistry.wasNegativeListedAt(event.category, event.at, { blockTag }),
      );
  }
  return (category, at) => listed.get(`${category}\u0000${at}`) === true;
}

async function latest(registry: AuthorizationRegistry, options: ReadOptions): Promise<number> {
  if (options.blockTag !== undefined) return options.blockTag;
  const provider = registry.runner?.provider;
  if (!provider) throw new Error('the registry has no provider to read the chain with');
  return provider.getBlockNumber();
}

async function orgRegistryOf(registry: AuthorizationRegistry): Promise<OrgRegistry> {
  return OrgRegistry__factory.connect(await registry.orgRegistry(), registry.runner);
}

/** Audits one authorization's trail, reading everything at one block. */
export async function verifyAuthorizationTrail(
  registry: AuthorizationRegistry,
  authorizationId: string,
  options: ReadOptions = {},
): Promise<TrailAudit> {
  const blockTag = await latest(registry, options);
  const terms = trailTerms(await registry.get(authorizationId, { blockTag }));
  const events = await readTrail(registry, authorizationId, { ...options, blockTag });
  const orgRegistry = await orgRegistryOf(registry);
  return auditTrail(terms, events, await negativeListLookup(orgRegistry, events, blockTag));
}

/**
 * Audits every authorization of `grantee` (their whole trails: a chain is only intact as a
 * whole) and counts the events in `[from, to)`, unix seconds; the chaincode's
 * `verifyTrail({grantee, from, to})`.
 */
export async function verifyGranteeTrails(
  registry: AuthorizationRegistry,
  grantee: string,
  from: number,
  to: number,
  options: ReadOptions = {},
): Promise<GranteeTrailAudit> {
  if (to <= from) throw new RangeError('to must be after from');
  const blockTag = await latest(registry, options);
  const authorizations = await registry.listByGrantee(grantee, { blockTag });
  // One query for the grantee's events of every authorization, grouped by authorization.
  const logs = inChainOrder(
    await registry.queryFilter(
      registry.filters.AccessRecorded(undefined, grantee),
      options.fromBlock ?? 0,
      blockTag,
    ),
  );
  const trails = new Map<string, AccessEvent[]>();
  for (const log of logs) {
    const event = toEvent(log);
    const trail = trails.get(event.authorizationId) ?? [];
    trail.push(event);
    trails.set(event.authorizationId, trail);
  }
  const orgRegistry = await orgRegistryOf(registry);
  const audits: TrailAudit[] = [];
  let events = 0;
  let allowed = 0;
  for (const authorization of authorizations) {
    const terms = trailTerms(authorization);
    const trail = trails.get(terms.id) ?? [];
    audits.push(auditTrail(terms, trail, await negativeListLookup(orgRegistry, trail, blockTag)));
    for (const event of trail) {
      if (event.at < from || event.at >= to) continue;
      events += 1;
      if (event.allowed) allowed += 1;
    }
  }
  return {
    intact: audits.every((audit) => audit.intact),
    events,
    allowed,
    denied: events - allowed,
    violations: audits.flatMap((audit) =>
      audit.violations.map((violation) => ({
        authorizationId: audit.authorizationId,
        ...violation,
      })),
    ),
    authorizations: audits.map((audit) => ({
      id: audit.authorizationId,
      intact: audit.intact,
      headHash: audit.headHash,
    })),
  };
}
