import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  canonicalJson,
  CREDIT_REPORT_CATEGORY,
  GENESIS_HASH,
  type Authorization,
  type AuthorizationStatus,
  type Organization,
  type ParsedArgsOf,
} from '@citytrust/domain';
import { changeTime, txTime } from '../ledger/clock';
import { ChaincodeError } from '../ledger/errors';
import { emitEvent } from '../ledger/events';
import { parseArgs } from '../ledger/input';
import { exists, key, readAll, readIndex, writeIndex, writeRecord } from '../ledger/state';
import {
  callerOrganization,
  hasRole,
  isNegativeListed,
  readCategory,
  readOrganization,
  requireRole,
} from '../registry/registry-state';
import {
  authorizationKey,
  granteeIndexKey,
  mayRead,
  negativeListedAt,
  readTrail,
  recordAccessAttempt,
  requireAuthorization,
  statusOf,
  subjectIndexKey,
} from './authorization-state';
import { purgePersonalData, storePersonalData } from './personal-data';
import { auditTrail, type TrailAudit } from './trail-audit';

type AuthorizationView = Omit<Authorization, 'status'> & { status: AuthorizationStatus };

function view(authorization: Authorization, at: string): AuthorizationView {
  return { ...authorization, status: statusOf(authorization, at) };
}

async function requireReader(ctx: Context, authorization: Authorization): Promise<Organization> {
  const caller = await callerOrganization(ctx);
  if (!mayRead(caller, authorization))
    throw new ChaincodeError(
      'FORBIDDEN',
      `${caller.id} may not read authorization ${authorization.id}`,
    );
  return caller;
}

async function audit(ctx: Context, authorization: Authorization): Promise<TrailAudit> {
  const events = await readTrail(ctx, authorization.id);
  const listed = new Map<string, boolean>();
  for (const event of events.filter((e) => e.allowed)) {
    const cacheKey = `${event.category}\u0000${event.at}`;
    if (!listed.has(cacheKey))
      listed.set(cacheKey, await negativeListedAt(ctx, event.category, event.at));
  }
  return auditTrail(
    authorization,
    events,
    (category, at) => listed.get(`${category}\u0000${at}`) === true,
  );
}

type CreateInput = ParsedArgsOf<'authorizations:create'>;

/** A citizen subject is known by its salted reference, an enterprise by its credit code. */
function subjectIdOf(subject: CreateInput['subject']): string {
  return subject.type === 'CITIZEN' ? subject.ref : subject.creditCode;
}

/** The caller must be a DATA_HOLDER or the subject enterprise itself, and not the grantee. */
function requireCreator(caller: Organization, input: CreateInput): void {
  const selfEnterprise =
    hasRole(caller, 'ENTERPRISE') &&
    input.subject.type === 'ENTERPRISE' &&
    caller.creditCode === input.subject.creditCode;
  if (!hasRole(caller, 'DATA_HOLDER') && !selfEnterprise) {
    throw new ChaincodeError(
      'FORBIDDEN',
      `${caller.id} is neither a DATA_HOLDER nor the subject enterprise`,
    );
  }
  // Credit disclosure is the enterprise's own decision: no holder grants it for the enterprise.
  if (input.categories.includes(CREDIT_REPORT_CATEGORY) && !selfEnterprise)
    throw new ChaincodeError(
      'FORBIDDEN',
      `only the enterprise itself authorizes ${CREDIT_REPORT_CATEGORY}`,
    );
  if (input.grantee === caller.id)
    throw new ChaincodeError('FORBIDDEN', 'an organization cannot authorize itself');
}

/** The grantee: a registered organization holding the REQUESTER role. */
async function requireGrantee(ctx: Context, granteeId: string): Promise<Organization> {
  const grantee = await readOrganization(ctx, granteeId);
  if (!grantee) throw new ChaincodeError('NOT_FOUND', `grantee ${granteeId} is not registered`);
  if (!hasRole(grantee, 'REQUESTER'))
    throw new ChaincodeError('FORBIDDEN', `grantee ${grantee.id} does not hold the REQUESTER role`);
  return grantee;
}

/** Every category must be in the catalog and off the negative list. */
async function requireAuthorizableCategories(
  ctx: Context,
  categories: readonly string[],
): Promise<void> {
  for (const category of categories) {
    if (await isNegativeListed(ctx, category))
      throw new ChaincodeError('NEGATIVE_LIST', `category ${category} is on the negative list`);
    if (!(await readCategory(ctx, category)))
      throw new ChaincodeError('INVALID_ARGUMENT', `category ${category} is not in the catalog`);
  }
}

function requireValidityWindow(input: CreateInput, now: string): void {
  if (input.validUntil <= input.validFrom)
    throw new ChaincodeError('INVALID_ARGUMENT', 'validUntil must be after validFrom');
  if (input.validUntil <= now)
    throw new ChaincodeError('INVALID_ARGUMENT', 'validUntil must be in the future');
}

/** A citizen's personal data, if it came along, goes to private data; an enterprise has none. */
async function storeSubjectPersonalData(
  ctx: Context,
  holder: string,
  subject: CreateInput['subject'],
): Promise<void> {
  if (subject.type === 'CITIZEN') {
    await storePersonalData(ctx, holder, subject.ref);
    return;
  }
  if (ctx.stub.getTransient().size > 0)
    throw new ChaincodeError('INVALID_ARGUMENT', 'an enterprise subject has no personal data');
}

/** A new authorization, active from this transaction, with an empty trail. */
function newAuthorization(
  input: CreateInput,
  parties: { subject: string; createdBy: string; grantee: string },
  now: string,
): Authorization {
  return {
    id: input.id,
    subjectType: input.subject.type,
    subject: parties.subject,
    createdBy: parties.createdBy,
    grantee: parties.grantee,
    categories: input.categories,
    purpose: input.purpose,
    legalBasis: input.legalBasis,
    operations: input.operations,
    maxAccesses: input.maxAccesses ?? null,
    maxPerDay: input.maxPerDay ?? null,
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    consentEvidenceHash: input.consentEvidenceHash,
    status: 'ACTIVE',
    used: 0,
    eventCount: 0,
    headHash: GENESIS_HASH,
    revokedAt: null,
    revocationReason: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Data-access authorizations, every use of them as a hash-chained trail, and forgetting. */
@Info({ title: 'Authorizations', description: 'data-access authorizations and their audit trail' })
export class AuthorizationContract extends Contract {
  constructor() {
    super('authorizations');
  }

  /**
   * A DATA_HOLDER creates it on a subject's consent, or an ENTERPRISE for itself. A citizen's
   * personal data may come along in the transient field `personal`; it goes to private data.
   */
  @Transaction()
  @Returns('Authorization')
  async create(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('authorizations:create', request);
    const caller = await callerOrganization(ctx);
    requireCreator(caller, input);
    const grantee = await requireGrantee(ctx, input.grantee);
    await requireAuthorizableCategories(ctx, input.categories);
    const now = txTime(ctx);
    requireValidityWindow(input, now);
    if (await exists(ctx, authorizationKey(ctx, input.id)))
      throw new ChaincodeError('CONFLICT', `authorization ${input.id} already exists`);
    await storeSubjectPersonalData(ctx, caller.id, input.subject);
    const authorization = newAuthorization(
      input,
      { subject: subjectIdOf(input.subject), createdBy: caller.id, grantee: grantee.id },
      now,
    );
    await writeRecord(ctx, authorizationKey(ctx, authorization.id), authorization);
    await writeIndex(ctx, granteeIndexKey(ctx, authorization.grantee, authorization.id));
    await writeIndex(ctx, subjectIndexKey(ctx, authorization.subject, authorization.id));
    emitEvent(ctx, 'AuthorizationCreated', {
      authorizationId: authorization.id,
      grantee: authorization.grantee,
      createdBy: caller.id,
      categories: authorization.categories,
    });
    return canonicalJson(view(authorization, now));
  }

  /** Only its creator revokes it; revocation is final. */
  @Transaction()
  @Returns('Authorization')
  async revoke(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('authorizations:revoke', request);
    const authorization = await requireAuthorization(ctx, input.id);
    const caller = await callerOrganization(ctx);
    const subjectItself =
      authorization.subjectType === 'ENTERPRISE' &&
      hasRole(caller, 'ENTERPRISE') &&
      caller.creditCode === authorization.subject;
    if (caller.id !== authorization.createdBy && !subjectItself) {
      throw new ChaincodeError(
        'FORBIDDEN',
        `only ${authorization.createdBy}, its creator, or the subject enterprise may revoke it`,
      );
    }
    const now = changeTime(ctx, authorization.updatedAt);
    const status = statusOf(authorization, now);
    if (status !== 'ACTIVE' && status !== 'EXHAUSTED')
      throw new ChaincodeError('INVALID_STATE', `authorization ${authorization.id} is ${status}`);
    const revoked: Authorization = {
      ...authorization,
      status: 'REVOKED',
      revokedAt: now,
      revocationReason: input.reason,
      updatedAt: now,
    };
    await writeRecord(ctx, authorizationKey(ctx, authorization.id), revoked);
    emitEvent(ctx, 'AuthorizationRevoked', { authorizationId: authorization.id });
    return canonicalJson(view(revoked, now));
  }

  /**
   * The grantee reports one use of data. Allowed or denied, the attempt is appended to the
   * trail and committed; a denial is the answer `{allowed:false, reason}`, not an error.
   */
  @Transaction()
  @Returns('string')
  async recordAccess(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('authorizations:recordAccess', request);
    // Only requesters use data; among them, any but the grantee gets a recorded NOT_GRANTEE.
    const caller = await requireRole(ctx, 'REQUESTER');
    return canonicalJson(await recordAccessAttempt(ctx, caller, input));
  }

  @Transaction(false)
  @Returns('Authorization')
  async get(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('authorizations:get', request);
    const authorization = await requireAuthorization(ctx, input.id);
    await requireReader(ctx, authorization);
    return canonicalJson(view(authorization, txTime(ctx)));
  }

  /** The authorizations the caller may read, filtered by subject, grantee and status. */
  @Transaction(false)
  @Returns('Authorization[]')
  async list(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('authorizations:list', request);
    const caller = await callerOrganization(ctx);
    const now = txTime(ctx);
    let ids: string[];
    if (input.grantee !== undefined)
      ids = (await readIndex(ctx, 'authzgrantee', [input.grantee])).map((a) => a[1] as string);
    else if (input.subject !== undefined)
      ids = (await readIndex(ctx, 'authzsubject', [input.subject])).map((a) => a[1] as string);
    else ids = (await readAll<Authorization>(ctx, 'authz', [])).map((a) => a.id);
    const out: AuthorizationView[] = [];
    for (const authorizationId of ids) {
      const authorization = await requireAuthorization(ctx, authorizationId);
      const shown = view(authorization, now);
      if (!mayRead(caller, authorization)) continue;
      if (input.subject !== undefined && authorization.subject !== input.subject) continue;
      if (input.status !== undefined && shown.status !== input.status) continue;
      out.push(shown);
    }
    return canonicalJson(out);
  }

  @Transaction(false)
  @Returns('AccessEvent[]')
  async trail(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('authorizations:trail', request);
    const authorization = await requireAuthorization(ctx, input.id);
    await requireReader(ctx, authorization);
    return canonicalJson(await readTrail(ctx, authorization.id));
  }

  /**
   * AUDITOR only: recomputes the chain of one authorization, or of every authorization of a
   * grantee with the events between `from` and `to` counted, and re-checks allowed events.
   */
  @Transaction(false)
  @Returns('string')
  async verifyTrail(ctx: Context, request: string): Promise<string> {
    await requireRole(ctx, 'AUDITOR');
    const input = parseArgs('authorizations:verifyTrail', request);
    if ('authorizationId' in input) {
      return canonicalJson(
        await audit(ctx, await requireAuthorization(ctx, input.authorizationId)),
      );
    }
    if (input.to <= input.from)
      throw new ChaincodeError('INVALID_ARGUMENT', 'to must be after from');
    const audits: TrailAudit[] = [];
    let events = 0;
    let allowed = 0;
    for (const [, authorizationId] of await readIndex(ctx, 'authzgrantee', [input.grantee])) {
      const authorization = await requireAuthorization(ctx, authorizationId as string);
      audits.push(await audit(ctx, authorization));
      for (const event of await readTrail(ctx, authorization.id)) {
        if (event.at < input.from || event.at >= input.to) continue;
        events += 1;
        if (event.allowed) allowed += 1;
      }
    }
    return canonicalJson({
      intact: audits.every((a) => a.intact),
      events,
      allowed,
      denied: events - allowed,
      violations: audits.flatMap((a) =>
        a.violations.map((violation) => ({ authorizationId: a.authorizationId, ...violation })),
      ),
      authorizations: audits.map((a) => ({
        id: a.authorizationId,
        intact: a.intact,
        headHash: a.headHash,
      })),
    });
  }

  /**
   * A DATA_HOLDER purges a citizen's personal data from the private collection. What stays is
   * the record that it happened: hashes of what was purged, who asked, when.
   */
  @Transaction()
  @Returns('string')
  async forget(ctx: Context, request: string): Promise<string> {
    const holder = await requireRole(ctx, 'DATA_HOLDER');
    const input = parseArgs('authorizations:forget', request);
    const purged = await purgePersonalData(ctx, holder.id, input.subject);
    if (!purged)
      throw new ChaincodeError('NOT_FOUND', `${holder.id} holds no personal data of this subject`);
    const record = {
      subject: input.subject,
      purged: [purged],
      forgottenBy: holder.id,
      forgottenAt: txTime(ctx),
      txId: ctx.stub.getTxID(),
    };
    await writeRecord(ctx, key(ctx, 'forgotten', input.subject, record.txId), record);
    emitEvent(ctx, 'SubjectForgotten', { subject: input.subject, purged: 1 });
    return canonicalJson(record);
  }
}
