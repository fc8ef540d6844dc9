import {
  CREDIT_CATEGORIES,
  CREDIT_STATUSES,
  OBJECTION_STATUSES,
  REPAIR_STATUSES,
  SEVERITIES,
  type CreditRecord as LedgerRecord,
} from '@citytrust/domain';
import type { CreditRegistry, OrgRegistry } from '@citytrust/contracts';
import { hex, iso, isoOrNull } from './chaincode-values';

/**
 * CreditRegistry's structs in the chaincode's JSON shapes, so the domain's report builder
 * (the domain's `buildCreditReport`) builds the same
 * report from EVM state, and the calls answer as the chaincode does. Enum names are
 * in CreditRegistry.sol's declaration order; organizations are named by their registry id.
 */
export { OBJECTION_STATUSES, REPAIR_STATUSES, SEVERITIES };
export const CATEGORIES = CREDIT_CATEGORIES;
export const STATUSES = ['NOT_RECORDED', ...CREDIT_STATUSES] as const;
/** `CreditRegistry.Workflow`: NONE, then the workflows, named as the chaincode keys them. */
export const WORKFLOWS = [null, 'objection', 'repair'] as const;

export type StatusName = (typeof STATUSES)[number];
type CreditRecordStruct = CreditRegistry.CreditRecordStructOutput;

/** The name at `index` of an enum's names; throws on a value the contract cannot return. */
export function enumName<T>(names: readonly T[], index: bigint | number): T {
  const name = names[Number(index)];
  if (name === undefined) throw new Error(`no enum value ${index} in ${names.join(', ')}`);
  return name;
}

/** The id of the organization at `account` (the chaincode names organizations by id). */
export async function organizationId(registry: OrgRegistry, account: string): Promise<string> {
  return (await registry.getOrganization(account)).id;
}

/** An empty text the contract keeps for "none" as the chaincode's null. */
function textOrNull(text: string): string | null {
  return text === '' ? null : text;
}

/**
 * The record as the chaincode stores it: the recorded status (EXPIRED is derived from an ACTIVE
 * record's publicity end, so it is ACTIVE here), nulls where the contract keeps empty values.
 */
export async function ledgerRecord(
  registry: OrgRegistry,
  record: CreditRecordStruct,
): Promise<LedgerRecord> {
  const status = enumName(STATUSES, record.status);
  const workflow = enumName(WORKFLOWS, record.pendingWorkflow);
  return {
    id: record.id,
    subject: record.subject,
    category: enumName(CATEGORIES, record.category),
    severity: enumName(SEVERITIES, record.severity),
    title: record.title,
    authority: await organizationId(registry, record.authority),
    decisionHash: hex(record.decisionHash),
    effectiveAt: iso(record.effectiveAt),
    publicUntil: isoOrNull(record.publicUntil),
    status: status === 'EXPIRED' || status === 'NOT_RECORDED' ? 'ACTIVE' : status,
    statusNote: textOrNull(record.statusNote),
    pendingWorkflow: workflow === null ? null : `${workflow} ${record.pendingWorkflowId}`,
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
  };
}

/** The record as the chaincode answers a read: its status derived at the time of the read. */
export async function recordView(
  registry: OrgRegistry,
  record: CreditRecordStruct,
): Promise<Omit<LedgerRecord, 'status'> & { status: StatusName }> {
  return { ...(await ledgerRecord(registry, record)), status: enumName(STATUSES, record.status) };
}

export async function objectionView(
  registry: OrgRegistry,
  objection: CreditRegistry.ObjectionStructOutput,
) {
  return {
    id: objection.id,
    recordId: objection.recordId,
    subject: objection.subject,
    reason: objection.reason,
    evidenceHash: hex(objection.evidenceHash),
    status: enumName(OBJECTION_STATUSES, objection.status),
    resolutionNote: textOrNull(objection.resolutionNote),
    filedBy: await organizationId(registry, objection.filedBy),
    filedAt: iso(objection.filedAt),
    resolvedAt: isoOrNull(objection.resolvedAt),
  };
}

export async function repairView(
  registry: OrgRegistry,
  repair: CreditRegistry.RepairRequestStructOutput,
) {
  return {
    id: repair.id,
    recordId: repair.recordId,
    subject: repair.subject,
    evidenceHash: hex(repair.evidenceHash),
    note: repair.note,
    status: enumName(REPAIR_STATUSES, repair.status),
    decisionNote: textOrNull(repair.decisionNote),
    requestedBy: await organizationId(registry, repair.requestedBy),
    requestedAt: iso(repair.requestedAt),
    decidedAt: isoOrNull(repair.decidedAt),
  };
}
