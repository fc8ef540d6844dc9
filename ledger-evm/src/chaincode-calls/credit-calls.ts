import type { creditCalls as creditCallsCatalogue } from '@citytrust/domain';
import { ZeroHash } from 'ethers';
import { buildCreditReport, canonicalHash, CREDIT_STATUSES } from '@citytrust/domain';
import {
  AuthorizationRegistry__factory,
  CreditRegistry__factory,
  OrgRegistry__factory,
} from '@citytrust/contracts';
import type { CreditRegistry, OrgRegistry } from '@citytrust/contracts';
import {
  CATEGORIES,
  ledgerRecord,
  objectionView,
  organizationId,
  recordView,
  repairView,
  SEVERITIES,
} from './credit-view';
import { accessOutcome } from './authorization-calls';
import { fields, hash, instant, optionalStr, str } from './call-arguments';
import { type Args, type CallContext, CallInputError, type ChaincodeCall } from './call-context';
import { byId, hex, iso } from './chaincode-values';

/**
 * The `credit:*` calls on CreditRegistry. Reports are what the EVM makes different: the
 * chaincode builds, hashes and anchors a report in one transaction; here the caller plays the
 * gateway, reading the subject's records from the contract, building the report with the
 * chaincode's own `buildCreditReport` for the time of the block the anchor goes in, hashing it
 * with the chaincode's `canonicalHash`, and anchoring that hash. The report's `txId` cannot be
 * the anchoring transaction's hash (the hash is inside that transaction), so it names the block
 * whose state the report was read from; the answer's `txId` is the anchoring transaction.
 */

function credit(context: CallContext): CreditRegistry {
  return CreditRegistry__factory.connect(context.addresses.CreditRegistry, context.signer);
}

function organizations(context: CallContext): OrgRegistry {
  return OrgRegistry__factory.connect(context.addresses.OrgRegistry, context.signer);
}

/** The index of the name `args[name]` among `names`; anything else is the chaincode's bad input. */
function oneOf(names: readonly string[], args: Args, name: string): number {
  const value = str(args, name);
  const index = names.indexOf(value);
  if (index < 0) throw new CallInputError(`${name}: ${value} is not one of ${names.join(', ')}`);
  return index;
}

/** An optional, nullable instant; the contract's 0 is "none". */
function optionalInstant(args: Args, name: string): bigint {
  return args[name] === undefined || args[name] === null ? 0n : instant(args, name);
}

/** The statuses a subject's records can be listed by. */
const LISTED_STATUSES = CREDIT_STATUSES;

async function record(context: CallContext, id: string) {
  return recordView(organizations(context), await credit(context).getRecord(id));
}

async function objection(context: CallContext, id: string) {
  return objectionView(organizations(context), await credit(context).getObjection(id));
}

async function repair(context: CallContext, id: string) {
  return repairView(organizations(context), await credit(context).getRepairRequest(id));
}

interface RawBlock {
  readonly hash: string;
  readonly timestamp: string;
}

function block(context: CallContext, tag: 'latest' | 'pending'): Promise<RawBlock> {
  return context.provider.send('eth_getBlockByNumber', [tag, false]) as Promise<RawBlock>;
}

/** The chaincode's credit report on `subject`, from the contract's state as the caller reads it. */
async function buildReport(context: CallContext, subject: string) {
  const registry = organizations(context);
  const records = await credit(context).listBySubject(subject);
  const [state, next] = [await block(context, 'latest'), await block(context, 'pending')];
  return buildCreditReport(
    subject,
    await Promise.all(records.map((entry) => ledgerRecord(registry, entry))),
    iso(BigInt(next.timestamp)),
    hex(state.hash),
  );
}

export const creditCalls: { readonly [Name in keyof typeof creditCallsCatalogue]: ChaincodeCall } =
  {
    'credit:createRecord': async (context, args) => {
      fields(
        args,
        ['id', 'subject', 'category', 'severity', 'title', 'decisionHash', 'effectiveAt'],
        ['publicUntil'],
      );
      const id = str(args, 'id');
      await context.send(
        credit(context).createRecord.populateTransaction(
          id,
          str(args, 'subject'),
          oneOf(CATEGORIES, args, 'category'),
          oneOf(SEVERITIES, args, 'severity'),
          str(args, 'title'),
          hash(args, 'decisionHash'),
          instant(args, 'effectiveAt'),
          optionalInstant(args, 'publicUntil'),
        ),
      );
      return record(context, id);
    },
    'credit:withdrawRecord': async (context, args) => {
      fields(args, ['id', 'reason']);
      const id = str(args, 'id');
      await context.send(
        credit(context).withdrawRecord.populateTransaction(id, str(args, 'reason')),
      );
      return record(context, id);
    },
    'credit:fileObjection': async (context, args) => {
      fields(args, ['id', 'recordId', 'reason', 'evidenceHash']);
      const id = str(args, 'id');
      await context.send(
        credit(context).fileObjection.populateTransaction(
          id,
          str(args, 'recordId'),
          str(args, 'reason'),
          hash(args, 'evidenceHash'),
        ),
      );
      return objection(context, id);
    },
    'credit:resolveObjection': async (context, args) => {
      fields(args, ['id', 'outcome', 'note']);
      const id = str(args, 'id');
      // ObjectionStatus: PENDING, UPHELD, CORRECTED; the chaincode takes the last two only.
      const outcome = oneOf(['UPHELD', 'CORRECTED'], args, 'outcome') + 1;
      await context.send(
        credit(context).resolveObjection.populateTransaction(id, outcome, str(args, 'note')),
      );
      return objection(context, id);
    },
    'credit:requestRepair': async (context, args) => {
      fields(args, ['id', 'recordId', 'evidenceHash', 'note']);
      const id = str(args, 'id');
      await context.send(
        credit(context).requestRepair.populateTransaction(
          id,
          str(args, 'recordId'),
          hash(args, 'evidenceHash'),
          str(args, 'note'),
        ),
      );
      return repair(context, id);
    },
    'credit:approveRepair': async (context, args) => {
      fields(args, ['id', 'note']);
      const id = str(args, 'id');
      await context.send(credit(context).approveRepair.populateTransaction(id, str(args, 'note')));
      return repair(context, id);
    },
    'credit:rejectRepair': async (context, args) => {
      fields(args, ['id', 'note']);
      const id = str(args, 'id');
      await context.send(credit(context).rejectRepair.populateTransaction(id, str(args, 'note')));
      return repair(context, id);
    },
    /**
     * The chaincode's one transaction, routed as it routes it: the subject enterprise anchors its
     * own report (an authorization it gives is ignored); anyone else needs an authorization and
     * goes through the requester path, where the contract checks the REQUESTER role.
     */
    'credit:generateReport': async (context, args) => {
      fields(args, ['subject'], ['authorizationId', 'purpose', 'requestHash']);
      const subject = str(args, 'subject');
      const authorizationId = optionalStr(args, 'authorizationId');
      const purpose = optionalStr(args, 'purpose');
      const requestHash = args.requestHash === undefined ? undefined : hash(args, 'requestHash');
      const contract = credit(context);
      const report = await buildReport(context, subject);
      const reportHash = `0x${canonicalHash(report)}`;
      const asRequester =
        authorizationId !== undefined &&
        !(await organizations(context).isEnterprise(context.actor, subject));
      const receipt = await context.send(
        asRequester
          ? contract.anchorReportWithAuthorization.populateTransaction(
              subject,
              reportHash,
              authorizationId,
              // Missing ones are refused by the contract after the role check, as the chaincode.
              purpose ?? '',
              requestHash ?? ZeroHash,
            )
          : contract.anchorReport.populateTransaction(subject, reportHash),
      );
      const anchored = receipt.logs.some(
        (log) => contract.interface.parseLog(log)?.name === 'CreditReportAnchored',
      );
      // The access as the recorder (the AuthorizationRegistry) announced it in this transaction.
      const access = asRequester
        ? accessOutcome(
            receipt,
            AuthorizationRegistry__factory.createInterface(),
            await contract.accessRecorder(),
          )
        : { allowed: true };
      if (access.allowed !== anchored)
        throw new Error(
          `the access was ${access.allowed ? '' : 'not '}allowed, the report anchored ${anchored}`,
        );
      if (!anchored) return { ...access, report: null, reportHash: null };
      const anchor = await contract.getReportAnchor(reportHash);
      return {
        ...access,
        report,
        reportHash: hex(reportHash),
        anchoredAt: iso(anchor.anchoredAt),
        txId: hex(receipt.hash),
      };
    },
    'credit:getReportAnchor': async (context, args) => {
      fields(args, ['reportHash']);
      const reportHash = hash(args, 'reportHash');
      const contract = credit(context);
      const anchor = await contract.getReportAnchor(reportHash);
      const blockNumber = Number(anchor.blockNumber);
      const [event] = await contract.queryFilter(
        contract.filters.CreditReportAnchored(reportHash),
        blockNumber,
        blockNumber,
      );
      if (!event) throw new Error(`no CreditReportAnchored event in block ${blockNumber}`);
      return {
        reportHash: hex(anchor.reportHash),
        subject: anchor.subject,
        // Each report is built for the block that anchors it: generated and anchored at once.
        generatedAt: iso(anchor.anchoredAt),
        anchoredAt: iso(anchor.anchoredAt),
        txId: hex(event.transactionHash),
        blockNumber,
        requestedBy: await organizationId(organizations(context), anchor.requestedBy),
      };
    },
    'credit:getRecord': async (context, args) => {
      fields(args, ['id'], ['at']);
      const id = str(args, 'id');
      if (args.at === undefined) return record(context, id);
      return recordView(
        organizations(context),
        await credit(context).recordAt(id, instant(args, 'at')),
      );
    },
    'credit:listBySubject': async (context, args) => {
      fields(args, ['subject'], ['status']);
      const status =
        args.status === undefined
          ? undefined
          : LISTED_STATUSES[oneOf(LISTED_STATUSES, args, 'status')];
      const registry = organizations(context);
      const records = await credit(context).listBySubject(str(args, 'subject'));
      const views = await Promise.all(records.map((entry) => recordView(registry, entry)));
      return byId(views.filter((view) => status === undefined || view.status === status));
    },
    'credit:getObjection': async (context, args) => {
      fields(args, ['id']);
      return objection(context, str(args, 'id'));
    },
    'credit:getRepairRequest': async (context, args) => {
      fields(args, ['id']);
      return repair(context, str(args, 'id'));
    },
  };

/** CreditRegistry's errors whose chaincode code their name alone does not tell. */
export const creditErrorCodes: Record<string, string> = {
  DateOutOfRange: 'INVALID_ARGUMENT',
  EffectiveDateInFuture: 'INVALID_ARGUMENT',
  RecordNotActive: 'INVALID_STATE',
  WorkflowPending: 'CONFLICT',
  NotRepairable: 'INVALID_STATE',
  ObjectionNotPending: 'INVALID_STATE',
  RepairNotPending: 'INVALID_STATE',
  ReadNotAllowed: 'FORBIDDEN',
  ReportAlreadyAnchored: 'CONFLICT',
};
