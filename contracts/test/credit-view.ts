import type { CreditRecord as LedgerRecord } from '../../chaincode/src/credit/credit-record';
import type { CreditRegistry, OrgRegistry } from '../.cache/types';

/**
 * CreditRegistry's records in the chaincode's JSON shape, so the chaincode's own report
 * builder (`chaincode/src/credit/credit-report.ts`, pure and free of the Fabric runtime) builds
 * the same report from EVM state. Enum names follow CreditRegistry.sol's declaration order.
 */
export const CATEGORIES = [
  'LICENSE',
  'PENALTY',
  'RED_LIST',
  'BLACK_LIST',
  'ABNORMAL_OPERATION',
] as const;
export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'SEVERE'] as const;
export const STATUSES = ['NOT_RECORDED', 'ACTIVE', 'REPAIRED', 'WITHDRAWN', 'EXPIRED'] as const;
export const WORKFLOWS = [null, 'objection', 'repair'] as const;
export const OBJECTION_STATUSES = ['PENDING', 'UPHELD', 'CORRECTED'] as const;
export const REPAIR_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;

export type StatusName = (typeof STATUSES)[number];

/** The name at `index` of an enum's names; throws on a value the contract cannot return. */
export function enumName<T>(names: readonly T[], index: bigint | number): T {
  const name = names[Number(index)];
  if (name === undefined) throw new Error(`no enum value ${index} in ${names.join(', ')}`);
  return name;
}

/** Unix seconds as the chaincode writes instants: RFC 3339 UTC with milliseconds. */
export function isoTime(seconds: bigint | number): string {
  return new Date(Number(seconds) * 1000).toISOString();
}

/** A contract hash as the chaincode writes it: lowercase hex without `0x`. */
export function hex(hash: string): string {
  return hash.replace(/^0x/, '').toLowerCase();
}

/** The id of the organization at `account` (the chaincode names organizations by id). */
export async function organizationId(registry: OrgRegistry, account: string): Promise<string> {
  return (await registry.getOrganization(account)).id;
}

/**
 * The record as the chaincode stores it: the recorded status (EXPIRED is derived from an ACTIVE
 * record's publicity end, so it is ACTIVE here), nulls where the contract keeps empty values.
 */
export async function ledgerRecord(
  registry: OrgRegistry,
  record: CreditRegistry.CreditRecordStructOutput,
): Promise<LedgerRecord> {
  const status = enumName(STATUSES, record.status);
  const recorded = status === 'EXPIRED' || status === 'NOT_RECORDED' ? 'ACTIVE' : status;
  const workflow = enumName(WORKFLOWS, record.pendingWorkflow);
  return {
    id: record.id,
    subject: record.subject,
    category: enumName(CATEGORIES, record.category),
    severity: enumName(SEVERITIES, record.severity),
    title: record.title,
    authority: await organizationId(registry, record.authority),
    decisionHash: hex(record.decisionHash),
    effectiveAt: isoTime(record.effectiveAt),
    publicUntil: record.publicUntil === 0n ? null : isoTime(record.publicUntil),
    status: recorded,
    statusNote: record.statusNote === '' ? null : record.statusNote,
    pendingWorkflow: workflow === null ? null : `${workflow} ${record.pendingWorkflowId}`,
    createdAt: isoTime(record.createdAt),
    updatedAt: isoTime(record.updatedAt),
  };
}

/** The record as the chaincode answers a read: its status derived at the time of the read. */
export async function recordView(
  registry: OrgRegistry,
  record: CreditRegistry.CreditRecordStructOutput,
): Promise<Omit<LedgerRecord, 'status'> & { status: StatusName }> {
  return { ...(await ledgerRecord(registry, record)), status: enumName(STATUSES, record.status) };
}
