import type { Context } from 'fabric-contract-api';
import {
  utcDay,
  type AccessEvent,
  type Authorization,
  type AuthorizationStatus,
  type DenialReason,
  type NegativeListEntry,
  type Operation,
  type Organization,
} from '@citytrust/domain';
import { changeTime } from '../ledger/clock';
import { ChaincodeError } from '../ledger/errors';
import { emitEvent } from '../ledger/events';
import { key, readAll, readHistory, readRecord, writeRecord } from '../ledger/state';
import { isNegativeListed, negativeListKey } from '../registry/registry-state';
import { decideAccess } from './access-decision';
import { eventHash } from './trail-audit';

export const authorizationKey = (ctx: Context, id: string): string => key(ctx, 'authz', id);
export const granteeIndexKey = (ctx: Context, grantee: string, id: string): string =>
  key(ctx, 'authzgrantee', grantee, id);
export const subjectIndexKey = (ctx: Context, subject: string, id: string): string =>
  key(ctx, 'authzsubject', subject, id);
/** Zero-padded so the trail reads back in order from one range scan. */
export const eventKey = (ctx: Context, authorizationId: string, seq: number): string =>
  key(ctx, 'authzevent', authorizationId, String(seq).padStart(10, '0'));
const dailyKey = (ctx: Context, authorizationId: string, day: string): string =>
  key(ctx, 'authzday', authorizationId, day);

export function statusOf(authorization: Authorization, at: string): AuthorizationStatus {
  if (authorization.status === 'ACTIVE' && at >= authorization.validUntil) return 'EXPIRED';
  return authorization.status;
}

export async function requireAuthorization(ctx: Context, id: string): Promise<Authorization> {
  const authorization = await readRecord<Authorization>(ctx, authorizationKey(ctx, id));
  if (!authorization) throw new ChaincodeError('NOT_FOUND', `authorization ${id} does not exist`);
  return authorization;
}

/** The creator, the grantee and auditors may read an authorization and its trail. */
export function mayRead(org: Organization, authorization: Authorization): boolean {
  return (
    org.id === authorization.createdBy ||
    org.id === authorization.grantee ||
    org.roles.includes('AUDITOR')
  );
}

export function readTrail(ctx: Context, authorizationId: string): Promise<AccessEvent[]> {
  return readAll<AccessEvent>(ctx, 'authzevent', [authorizationId]);
}

/** Whether `category` was on the negative list at `at`, from the entry's history. */
export async function negativeListedAt(
  ctx: Context,
  category: string,
  at: string,
): Promise<boolean> {
  const history = await readHistory<NegativeListEntry>(ctx, negativeListKey(ctx, category));
  const inForce = history.filter((entry) => entry.timestamp <= at).pop();
  return inForce?.value?.listed === true;
}

export interface AccessAttempt {
  readonly authorizationId: string;
  readonly category: string;
  readonly purpose: string;
  readonly operation: Operation;
  readonly recordCount: number;
  readonly requestHash: string;
  /** Set when the access is about a known subject (a credit report), checked against the terms. */
  readonly subject?: string;
}

export interface AccessOutcome {
  readonly allowed: boolean;
  readonly eventId: string;
  readonly eventHash: string;
  readonly reason: DenialReason | null;
  readonly seq: number;
}

/**
 * Decides one access and appends it to the trail either way: a denial is committed like an
 * allowed access, so it must be returned, never thrown.
 */
export async function recordAccessAttempt(
  ctx: Context,
  caller: Organization,
  attempt: AccessAttempt,
): Promise<AccessOutcome> {
  const authorization = await requireAuthorization(ctx, attempt.authorizationId);
  const at = changeTime(ctx, authorization.updatedAt);
  const day = utcDay(at);
  const daily = (await readRecord<{ count: number }>(
    ctx,
    dailyKey(ctx, authorization.id, day),
  )) ?? {
    count: 0,
  };
  const reason = decideAccess(
    authorization,
    {
      actor: caller.id,
      at,
      category: attempt.category,
      purpose: attempt.purpose,
      operation: attempt.operation,
      subject: attempt.subject,
    },
    {
      usedToday: daily.count,
      negativeListed: await isNegativeListed(ctx, attempt.category),
    },
  );
  const content: Omit<AccessEvent, 'eventHash'> = {
    authorizationId: authorization.id,
    seq: authorization.eventCount,
    eventId: ctx.stub.getTxID(),
    at,
    actor: caller.id,
    category: attempt.category,
    purpose: attempt.purpose,
    operation: attempt.operation,
    recordCount: attempt.recordCount,
    requestHash: attempt.requestHash,
    allowed: reason === null,
    reason,
    prevHash: authorization.headHash,
  };
  const event: AccessEvent = { ...content, eventHash: eventHash(content) };
  const used = authorization.used + (event.allowed ? 1 : 0);
  const exhausted = authorization.maxAccesses !== null && used >= authorization.maxAccesses;
  await writeRecord(ctx, eventKey(ctx, authorization.id, event.seq), event);
  if (event.allowed)
    await writeRecord(ctx, dailyKey(ctx, authorization.id, day), { count: daily.count + 1 });
  await writeRecord(ctx, authorizationKey(ctx, authorization.id), {
    ...authorization,
    used,
    eventCount: authorization.eventCount + 1,
    headHash: event.eventHash,
    status: authorization.status === 'ACTIVE' && exhausted ? 'EXHAUSTED' : authorization.status,
    updatedAt: at,
  });
  emitEvent(ctx, event.allowed ? 'AccessAllowed' : 'AccessDenied', {
    authorizationId: authorization.id,
    seq: event.seq,
    eventHash: event.eventHash,
    grantee: authorization.grantee,
    reason,
  });
  return {
    allowed: event.allowed,
    eventId: event.eventId,
    eventHash: event.eventHash,
    reason,
    seq: event.seq,
  };
}
