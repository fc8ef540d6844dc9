import { randomUUID } from 'node:crypto';
import type { Objection, RepairRequest } from '@citytrust/domain';
import { hasRole, type Caller } from '../../auth/caller';
import type { HubLedger } from '../../ledgers/hub-ledger';
import { Problem } from '../../shared/problem';
import { requireCallerRole } from './record-service';
import type { NewObjection, NewRepair, Resolution } from './schemas';

// Objections (the subject enterprise disputes a record, its authority upholds or corrects it)
// and credit repair (the enterprise asks with evidence, the authority approves or rejects).

/** What the record's authority decides on a repair request. */
export type RepairDecision = 'approve' | 'reject';

/**
 * A workflow is for its record's subject enterprise, its authority and auditors. The chaincode
 * and the contract's view say so too, but EVM storage is public, so the gateway decides.
 */
async function readWorkflow(
  ledger: HubLedger,
  caller: Caller,
  fn: 'credit:getObjection',
  id: string,
  what: string,
): Promise<Objection>;
async function readWorkflow(
  ledger: HubLedger,
  caller: Caller,
  fn: 'credit:getRepairRequest',
  id: string,
  what: string,
): Promise<RepairRequest>;
async function readWorkflow(
  ledger: HubLedger,
  caller: Caller,
  fn: 'credit:getObjection' | 'credit:getRepairRequest',
  id: string,
  what: string,
): Promise<Objection | RepairRequest> {
  const workflow = await ledger.evaluate({ org: caller.org.id, fn, args: { id } });
  const record = await ledger.evaluate({
    org: caller.org.id,
    fn: 'credit:getRecord',
    args: { id: workflow.recordId },
  });
  // Stays: EVM storage is public, so who reads a workflow is the gateway's to enforce.
  const mayRead =
    caller.org.id === record.authority ||
    hasRole(caller, 'AUDITOR') ||
    (hasRole(caller, 'ENTERPRISE') && caller.org.creditCode === record.subject);
  if (!mayRead) throw new Problem('forbidden', `${caller.org.id} may not read ${what} ${id}`);
  return workflow;
}

/** The subject enterprise objects to one of its records. */
export async function fileObjection(
  ledger: HubLedger,
  caller: Caller,
  recordId: string,
  input: NewObjection,
) {
  // Stays: the ledger checks the record (404) and, on the EVM, the evidence hash (400) first.
  requireCallerRole(caller, 'ENTERPRISE');
  return ledger.submit({
    org: caller.org.id,
    fn: 'credit:fileObjection',
    args: { id: randomUUID(), recordId, ...input },
  });
}

export async function readObjection(ledger: HubLedger, caller: Caller, id: string) {
  return readWorkflow(ledger, caller, 'credit:getObjection', id, 'objection');
}

/** The record's authority upholds the record or corrects it (CORRECTED withdraws it). */
export async function resolveObjection(
  ledger: HubLedger,
  caller: Caller,
  id: string,
  input: Resolution,
) {
  // Stays: the ledger looks the objection up first: an unknown id would be 404, not 403.
  requireCallerRole(caller, 'CREDIT_AUTHORITY');
  return ledger.submit({
    org: caller.org.id,
    fn: 'credit:resolveObjection',
    args: { id, ...input },
  });
}

/** The subject enterprise asks for the repair of an adverse record. */
export async function requestRepair(
  ledger: HubLedger,
  caller: Caller,
  recordId: string,
  input: NewRepair,
) {
  // Stays: the ledger checks the record (404) and, on the EVM, the evidence hash (400) first.
  requireCallerRole(caller, 'ENTERPRISE');
  return ledger.submit({
    org: caller.org.id,
    fn: 'credit:requestRepair',
    args: { id: randomUUID(), recordId, ...input },
  });
}

export async function readRepairRequest(ledger: HubLedger, caller: Caller, id: string) {
  return readWorkflow(ledger, caller, 'credit:getRepairRequest', id, 'repair request');
}

/** The record's authority approves (the record becomes REPAIRED) or rejects a repair request. */
export async function decideRepair(
  ledger: HubLedger,
  caller: Caller,
  id: string,
  decision: RepairDecision,
  note: string,
) {
  // Stays: the ledger looks the request up first: an unknown id would be 404, not 403.
  requireCallerRole(caller, 'CREDIT_AUTHORITY');
  return ledger.submit({
    org: caller.org.id,
    fn: decision === 'approve' ? 'credit:approveRepair' : 'credit:rejectRepair',
    args: { id, note },
  });
}
