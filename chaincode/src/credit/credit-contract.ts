import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  buildCreditReport,
  canonicalHash,
  canonicalJson,
  creditStatusAt,
  REPAIRABLE_CREDIT_CATEGORIES,
  type CreditRecord,
  type CreditStatus,
  type Objection,
  type Organization,
  type RepairRequest,
} from '@citytrust/domain';
import { recordAccessAttempt } from '../authorizations/authorization-state';
import { changeTime, txTime } from '../ledger/clock';
import { ChaincodeError } from '../ledger/errors';
import { emitEvent } from '../ledger/events';
import { parseArgs } from '../ledger/input';
import {
  exists,
  key,
  readHistory,
  readIndex,
  readRecord,
  requireRecord,
  writeIndex,
  writeRecord,
} from '../ledger/state';
import { callerOrganization, hasRole, requireRole } from '../registry/registry-state';

const recordKey = (ctx: Context, recordId: string): string => key(ctx, 'credit', recordId);
const subjectIndexKey = (ctx: Context, subject: string, recordId: string): string =>
  key(ctx, 'creditsubject', subject, recordId);
const objectionKey = (ctx: Context, objectionId: string): string =>
  key(ctx, 'objection', objectionId);
const repairKey = (ctx: Context, repairId: string): string => key(ctx, 'repair', repairId);
const reportKey = (ctx: Context, reportHash: string): string =>
  key(ctx, 'creditreport', reportHash);

function view(
  record: CreditRecord,
  at: string,
): Omit<CreditRecord, 'status'> & { status: CreditStatus } {
  return { ...record, status: creditStatusAt(record, at) };
}

/** The subject enterprise of a record: the ENTERPRISE organization bound to its credit code. */
async function requireSubjectEnterprise(ctx: Context, record: CreditRecord): Promise<Organization> {
  const caller = await callerOrganization(ctx);
  if (!hasRole(caller, 'ENTERPRISE') || caller.creditCode !== record.subject)
    throw new ChaincodeError('FORBIDDEN', `only the enterprise ${record.subject} may do this`);
  return caller;
}

async function requireRecordAuthority(ctx: Context, record: CreditRecord): Promise<Organization> {
  const caller = await requireRole(ctx, 'CREDIT_AUTHORITY');
  if (caller.id !== record.authority)
    throw new ChaincodeError(
      'FORBIDDEN',
      `only ${record.authority}, the record's authority, may do this`,
    );
  return caller;
}

function requireOpenForWorkflow(record: CreditRecord, now: string): void {
  const status = creditStatusAt(record, now);
  if (status !== 'ACTIVE')
    throw new ChaincodeError('INVALID_STATE', `credit record ${record.id} is ${status}`);
  if (record.pendingWorkflow !== null)
    throw new ChaincodeError(
      'CONFLICT',
      `credit record ${record.id} has ${record.pendingWorkflow} pending`,
    );
}

async function saveRecord(ctx: Context, record: CreditRecord): Promise<void> {
  await writeRecord(ctx, recordKey(ctx, record.id), record);
}

/** Credit supervision: records, objections, credit repair, and anchored credit reports. */
@Info({
  title: 'Credit',
  description: 'credit records on enterprises and verifiable credit reports',
})
export class CreditContract extends Contract {
  constructor() {
    super('credit');
  }

  @Transaction()
  @Returns('CreditRecord')
  async createRecord(ctx: Context, request: string): Promise<string> {
    const authority = await requireRole(ctx, 'CREDIT_AUTHORITY');
    const input = parseArgs('credit:createRecord', request);
    const now = txTime(ctx);
    if (input.effectiveAt > now)
      throw new ChaincodeError('INVALID_ARGUMENT', 'effectiveAt must not be in the future');
    const publicUntil = input.publicUntil ?? null;
    if (publicUntil !== null && publicUntil <= input.effectiveAt)
      throw new ChaincodeError('INVALID_ARGUMENT', 'publicUntil must be after effectiveAt');
    if (await exists(ctx, recordKey(ctx, input.id)))
      throw new ChaincodeError('CONFLICT', `credit record ${input.id} already exists`);
    const record: CreditRecord = {
      ...input,
      publicUntil,
      authority: authority.id,
      status: 'ACTIVE',
      statusNote: null,
      pendingWorkflow: null,
      createdAt: now,
      updatedAt: now,
    };
    await saveRecord(ctx, record);
    await writeIndex(ctx, subjectIndexKey(ctx, record.subject, record.id));
    emitEvent(ctx, 'CreditRecordCreated', {
      recordId: record.id,
      subject: record.subject,
      category: record.category,
      authority: authority.id,
    });
    return canonicalJson(view(record, now));
  }

  /** The authority takes back an active record it made; the record stays, as WITHDRAWN. */
  @Transaction()
  @Returns('CreditRecord')
  async withdrawRecord(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('credit:withdrawRecord', request);
    const record = await requireRecord<CreditRecord>(
      ctx,
      recordKey(ctx, input.id),
      `credit record ${input.id}`,
    );
    await requireRecordAuthority(ctx, record);
    const now = changeTime(ctx, record.updatedAt);
    requireOpenForWorkflow(record, now);
    const updated: CreditRecord = {
      ...record,
      status: 'WITHDRAWN',
      statusNote: input.reason,
      updatedAt: now,
    };
    await saveRecord(ctx, updated);
    emitEvent(ctx, 'CreditRecordWithdrawn', { recordId: record.id, subject: record.subject });
    return canonicalJson(view(updated, now));
  }

  @Transaction()
  @Returns('Objection')
  async fileObjection(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('credit:fileObjection', request);
    const record = await requireRecord<CreditRecord>(
      ctx,
      recordKey(ctx, input.recordId),
      `credit record ${input.recordId}`,
    );
    const enterprise = await requireSubjectEnterprise(ctx, record);
    const now = changeTime(ctx, record.updatedAt);
    requireOpenForWorkflow(record, now);
    if (await exists(ctx, objectionKey(ctx, input.id)))
      throw new ChaincodeError('CONFLICT', `objection ${input.id} already exists`);
    const objection: Objection = {
      ...input,
      subject: record.subject,
      status: 'PENDING',
      resolutionNote: null,
      filedBy: enterprise.id,
      filedAt: now,
      resolvedAt: null,
    };
    await writeRecord(ctx, objectionKey(ctx, objection.id), objection);
    await saveRecord(ctx, {
      ...record,
      pendingWorkflow: `objection ${objection.id}`,
      updatedAt: now,
    });
    emitEvent(ctx, 'ObjectionFiled', { objectionId: objection.id, recordId: record.id });
    return canonicalJson(objection);
  }

  /** CORRECTED withdraws the record; UPHELD leaves it as it was. */
  @Transaction()
  @Returns('Objection')
  async resolveObjection(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('credit:resolveObjection', request);
    const objection = await requireRecord<Objection>(
      ctx,
      objectionKey(ctx, input.id),
      `objection ${input.id}`,
    );
    const record = await requireRecord<CreditRecord>(
      ctx,
      recordKey(ctx, objection.recordId),
      `credit record ${objection.recordId}`,
    );
    await requireRecordAuthority(ctx, record);
    if (objection.status !== 'PENDING')
      throw new ChaincodeError('INVALID_STATE', `objection ${objection.id} is ${objection.status}`);
    const now = changeTime(ctx, record.updatedAt);
    const resolved: Objection = {
      ...objection,
      status: input.outcome,
      resolutionNote: input.note,
      resolvedAt: now,
    };
    await writeRecord(ctx, objectionKey(ctx, objection.id), resolved);
    await saveRecord(ctx, {
      ...record,
      ...(input.outcome === 'CORRECTED'
        ? { status: 'WITHDRAWN' as const, statusNote: `corrected on objection ${objection.id}` }
        : {}),
      pendingWorkflow: null,
      updatedAt: now,
    });
    emitEvent(ctx, 'ObjectionResolved', {
      objectionId: objection.id,
      recordId: record.id,
      outcome: input.outcome,
    });
    return canonicalJson(resolved);
  }

  @Transaction()
  @Returns('RepairRequest')
  async requestRepair(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('credit:requestRepair', request);
    const record = await requireRecord<CreditRecord>(
      ctx,
      recordKey(ctx, input.recordId),
      `credit record ${input.recordId}`,
    );
    const enterprise = await requireSubjectEnterprise(ctx, record);
    if (!REPAIRABLE_CREDIT_CATEGORIES.includes(record.category))
      throw new ChaincodeError('INVALID_STATE', `a ${record.category} record is not repairable`);
    const now = changeTime(ctx, record.updatedAt);
    requireOpenForWorkflow(record, now);
    if (await exists(ctx, repairKey(ctx, input.id)))
      throw new ChaincodeError('CONFLICT', `repair request ${input.id} already exists`);
    const repair: RepairRequest = {
      ...input,
      subject: record.subject,
      status: 'PENDING',
      decisionNote: null,
      requestedBy: enterprise.id,
      requestedAt: now,
      decidedAt: null,
    };
    await writeRecord(ctx, repairKey(ctx, repair.id), repair);
    await saveRecord(ctx, { ...record, pendingWorkflow: `repair ${repair.id}`, updatedAt: now });
    emitEvent(ctx, 'RepairRequested', { repairId: repair.id, recordId: record.id });
    return canonicalJson(repair);
  }

  @Transaction()
  @Returns('RepairRequest')
  async approveRepair(ctx: Context, request: string): Promise<string> {
    return decideRepair(ctx, request, 'APPROVED');
  }

  @Transaction()
  @Returns('RepairRequest')
  async rejectRepair(ctx: Context, request: string): Promise<string> {
    return decideRepair(ctx, request, 'REJECTED');
  }

  /**
   * The enterprise itself, or a REQUESTER through an authorization for `credit-report` from
   * it (the read is recorded in that trail), gets the report; its hash is anchored here.
   */
  @Transaction()
  @Returns('string')
  async generateReport(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('credit:generateReport', request);
    const caller = await callerOrganization(ctx);
    let access: Awaited<ReturnType<typeof recordAccessAttempt>> | null = null;
    if (!(hasRole(caller, 'ENTERPRISE') && caller.creditCode === input.subject)) {
      if (!hasRole(caller, 'REQUESTER') || input.authorizationId === undefined)
        throw new ChaincodeError(
          'FORBIDDEN',
          `${caller.id} needs an authorization from ${input.subject}`,
        );
      if (input.purpose === undefined || input.requestHash === undefined)
        throw new ChaincodeError(
          'INVALID_ARGUMENT',
          'purpose and requestHash come with an authorization',
        );
      access = await recordAccessAttempt(ctx, caller, {
        authorizationId: input.authorizationId,
        category: 'credit-report',
        purpose: input.purpose,
        operation: 'READ',
        recordCount: 1,
        requestHash: input.requestHash,
        subject: input.subject,
      });
      if (!access.allowed) return canonicalJson({ ...access, report: null, reportHash: null });
    }
    const now = txTime(ctx);
    const records: CreditRecord[] = [];
    for (const [, recordId] of await readIndex(ctx, 'creditsubject', [input.subject])) {
      const record = await readRecord<CreditRecord>(ctx, recordKey(ctx, recordId as string));
      if (record) records.push(record);
    }
    const report = buildCreditReport(input.subject, records, now, ctx.stub.getTxID());
    const reportHash = canonicalHash(report);
    const anchor = {
      reportHash,
      subject: input.subject,
      generatedAt: now,
      txId: report.txId,
      requestedBy: caller.id,
    };
    await writeRecord(ctx, reportKey(ctx, reportHash), anchor);
    // Fabric keeps one event per transaction: this one replaces the access's, and carries it.
    emitEvent(ctx, 'CreditReportAnchored', {
      reportHash,
      subject: input.subject,
      requestedBy: caller.id,
      ...(access
        ? { authorizationId: input.authorizationId, accessEventHash: access.eventHash }
        : {}),
    });
    return canonicalJson({
      ...(access ?? { allowed: true }),
      report,
      reportHash,
      anchoredAt: now,
      txId: report.txId,
    });
  }

  @Transaction(false)
  @Returns('string')
  async getReportAnchor(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('credit:getReportAnchor', request);
    const anchor = await readRecord(ctx, reportKey(ctx, input.reportHash));
    if (!anchor)
      throw new ChaincodeError('NOT_FOUND', `no credit report ${input.reportHash} is anchored`);
    return canonicalJson(anchor);
  }

  /** The record with its status now, or at `at` from its history (`NOT_RECORDED` before it). */
  @Transaction(false)
  @Returns('CreditRecord')
  async getRecord(ctx: Context, request: string): Promise<string> {
    await callerOrganization(ctx);
    const input = parseArgs('credit:getRecord', request);
    const stateKey = recordKey(ctx, input.id);
    if (input.at === undefined) {
      const record = await requireRecord<CreditRecord>(ctx, stateKey, `credit record ${input.id}`);
      return canonicalJson(view(record, txTime(ctx)));
    }
    const at = input.at;
    const history = await readHistory<CreditRecord>(ctx, stateKey);
    const first = history[0]?.value;
    if (!first) throw new ChaincodeError('NOT_FOUND', `credit record ${input.id} does not exist`);
    const inForce = history.filter((entry) => entry.timestamp <= at).pop()?.value;
    if (!inForce) return canonicalJson({ ...first, status: 'NOT_RECORDED' });
    return canonicalJson(view(inForce, at));
  }

  @Transaction(false)
  @Returns('CreditRecord[]')
  async listBySubject(ctx: Context, request: string): Promise<string> {
    await callerOrganization(ctx);
    const input = parseArgs('credit:listBySubject', request);
    const now = txTime(ctx);
    const out = [];
    for (const [, recordId] of await readIndex(ctx, 'creditsubject', [input.subject])) {
      const record = await readRecord<CreditRecord>(ctx, recordKey(ctx, recordId as string));
      if (!record) continue;
      const shown = view(record, now);
      if (input.status === undefined || shown.status === input.status) out.push(shown);
    }
    return canonicalJson(out);
  }

  /** Objections and repair requests are for the subject enterprise, the authority and auditors. */
  @Transaction(false)
  @Returns('Objection')
  async getObjection(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('credit:getObjection', request);
    return canonicalJson(
      await readWorkflow<Objection>(ctx, objectionKey(ctx, input.id), `objection ${input.id}`),
    );
  }

  @Transaction(false)
  @Returns('RepairRequest')
  async getRepairRequest(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('credit:getRepairRequest', request);
    return canonicalJson(
      await readWorkflow<RepairRequest>(
        ctx,
        repairKey(ctx, input.id),
        `repair request ${input.id}`,
      ),
    );
  }
}

async function readWorkflow<T extends { recordId: string }>(
  ctx: Context,
  stateKey: string,
  what: string,
): Promise<T> {
  const caller = await callerOrganization(ctx);
  const workflow = await requireRecord<T>(ctx, stateKey, what);
  const record = await requireRecord<CreditRecord>(ctx, recordKey(ctx, workflow.recordId), what);
  const allowed =
    caller.id === record.authority ||
    caller.roles.includes('AUDITOR') ||
    (hasRole(caller, 'ENTERPRISE') && caller.creditCode === record.subject);
  if (!allowed) throw new ChaincodeError('FORBIDDEN', `${caller.id} may not read ${what}`);
  return workflow;
}

async function decideRepair(
  ctx: Context,
  request: string,
  outcome: 'APPROVED' | 'REJECTED',
): Promise<string> {
  const input = parseArgs(
    outcome === 'APPROVED' ? 'credit:approveRepair' : 'credit:rejectRepair',
    request,
  );
  const repair = await requireRecord<RepairRequest>(
    ctx,
    repairKey(ctx, input.id),
    `repair request ${input.id}`,
  );
  const record = await requireRecord<CreditRecord>(
    ctx,
    recordKey(ctx, repair.recordId),
    `credit record ${repair.recordId}`,
  );
  await requireRecordAuthority(ctx, record);
  if (repair.status !== 'PENDING')
    throw new ChaincodeError('INVALID_STATE', `repair request ${repair.id} is ${repair.status}`);
  const now = changeTime(ctx, record.updatedAt);
  const decided: RepairRequest = {
    ...repair,
    status: outcome,
    decisionNote: input.note,
    decidedAt: now,
  };
  await writeRecord(ctx, repairKey(ctx, repair.id), decided);
  await saveRecord(ctx, {
    ...record,
    ...(outcome === 'APPROVED'
      ? { status: 'REPAIRED' as const, statusNote: `repaired on request ${repair.id}` }
      : {}),
    pendingWorkflow: null,
    updatedAt: now,
  });
  emitEvent(ctx, outcome === 'APPROVED' ? 'RepairApproved' : 'RepairRejected', {
    repairId: repair.id,
    recordId: record.id,
  });
  return canonicalJson(decided);
}
