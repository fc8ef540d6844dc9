import { canonicalHash, type GeneratedReport } from '@citytrust/domain';
import { hasRole, type Caller } from '../../auth/caller';
import { LedgerRefusal, type HubLedger } from '../../ledgers/hub-ledger';
import { submitAccess } from '../authorizations/access-service';
import type { ReportQuery, ReportToVerify } from './schemas';

/** What a report read asks: whose report, under which authorization, in which request. */
export interface ReportRequest extends ReportQuery {
  readonly subject: string;
  /** The API request's id: part of what the access event's `requestHash` hashes. */
  readonly requestId: string;
}

/** The report a read was allowed; a denied read was already turned into its problem. */
function pick(generated: GeneratedReport) {
  if (!generated.allowed) throw new Error('a denied report read reached the answer');
  const { report, reportHash, anchoredAt, txId } = generated;
  return { report, reportHash, anchoredAt, txId };
}

/**
 * The credit report of an enterprise, for the enterprise itself or for a REQUESTER through a
 * `credit-report` authorization from it. Every report is anchored (its hash on the ledger, so
 * a bank can verify it later); a requester's read is an access event in the trail, and a
 * denied one is recorded too. Who may read it, and that an authorization comes with its
 * purpose, the ledger decides: both backends refuse anyone else (403) and a missing purpose
 * (400) before anything is recorded.
 */
export async function generateReport(ledger: HubLedger, caller: Caller, input: ReportRequest) {
  const { subject, authorizationId, purpose } = input;
  if (hasRole(caller, 'ENTERPRISE') && caller.org.creditCode === subject) {
    const { result, blockNumber } = await ledger.submit({
      org: caller.org.id,
      fn: 'credit:generateReport',
      args: { subject },
    });
    return { ...pick(result), blockNumber };
  }
  // What was asked, by whom, in which request: its hash is the access event's requestHash.
  const requestHash = canonicalHash({
    method: 'GET',
    path: `/v1/enterprises/${subject}/credit-report`,
    subject,
    authorizationId,
    purpose,
    requester: caller.org.id,
    requestId: input.requestId,
  });
  const { outcome, submitted } = await submitAccess(ledger, {
    org: caller.org.id,
    fn: 'credit:generateReport',
    args: { subject, authorizationId, purpose, requestHash },
  });
  // The ledger reads a report for anyone but the enterprise only under an authorization.
  if (authorizationId === undefined)
    throw new Error('the ledger answered a report read without an authorization');
  return {
    ...pick(submitted.result),
    blockNumber: submitted.blockNumber,
    access: {
      authorizationId,
      eventId: outcome?.eventId ?? submitted.txId,
      ...(outcome ? { eventHash: outcome.eventHash } : {}),
      requestHash,
    },
  };
}

/**
 * Anyone may check a credit report they were shown: its canonical hash must be anchored on the
 * ledger for the same subject and time. A changed report hashes differently and is not found.
 * Anchors are public; the hub reads them as `readerOrg` (its governance identity).
 */
export async function verifyReport(ledger: HubLedger, readerOrg: string, report: ReportToVerify) {
  const reportHash = canonicalHash(report);
  let anchor: { subject: string; generatedAt: string; txId: string } | null = null;
  try {
    anchor = await ledger.evaluate({
      org: readerOrg,
      fn: 'credit:getReportAnchor',
      args: { reportHash },
    });
  } catch (error) {
    if (!(error instanceof LedgerRefusal && error.code === 'NOT_FOUND')) throw error;
  }
  const valid =
    anchor !== null &&
    anchor.subject === report.subject &&
    anchor.generatedAt === report.generatedAt;
  return {
    valid,
    anchored: anchor !== null,
    generatedAt: anchor?.generatedAt ?? null,
    reportHash,
    subject: report.subject,
    txId: anchor?.txId ?? null,
  };
}
