import type { Interface, Log, LogDescription, Result } from 'ethers';
import {
  AnchorRegistry__factory,
  AuthorizationRegistry__factory,
  CertificateRegistry__factory,
  CreditRegistry__factory,
  OrgRegistry__factory,
} from '@citytrust/contracts';
import { DENIAL_REASONS } from './access-trail';
import { hex } from './chaincode-calls/chaincode-values';
import { CATEGORIES, OBJECTION_STATUSES, enumName } from './chaincode-calls/credit-view';
import { HUB_CONTRACTS, type HubAddresses, type HubContractName } from './hub';
import { roleNames } from './roles';

/**
 * The hub contracts' logs as the chaincode's events: the chaincode's event names and payload
 * fields as far as the log carries them (organizations by id, hashes in lowercase hex, enums by
 * name). Differences: an EVM transaction may log several events where the chaincode sets one
 * (a report anchored by a requester also logs its access); the events the chaincode has no
 * counterpart of keep their contract name (`AuthorizationExhausted`, `ReportRegistryTrusted`,
 * `CheckpointAnchored`); `AuthorizationCreated` has no `categories`, `SubjectForgotten` purges
 * nothing (`purged: 0`).
 */
export interface ChaincodeEvent {
  readonly name: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** The organization id of an account, its address when it is no organization's. */
export type OrgIdOf = (account: string) => Promise<string>;

type Translation = (args: Result, orgId: OrgIdOf) => Promise<ChaincodeEvent> | ChaincodeEvent;

const text = (args: Result, name: string): string => String(args.getValue(name));
const bytes32 = (args: Result, name: string): string => hex(String(args.getValue(name)));
const orgIds = (accounts: readonly unknown[], orgId: OrgIdOf): Promise<string[]> =>
  Promise.all([...accounts].map((account) => orgId(String(account))));

/** An integer field (any uint, enums included), which ethers decodes as a bigint. */
function uint(args: Result, name: string): bigint {
  const value: unknown = args.getValue(name);
  if (typeof value !== 'bigint') throw new TypeError(`log field ${name} is not an integer`);
  return value;
}

/** An array field, which ethers decodes as an array (a `Result`). */
function list(args: Result, name: string): readonly unknown[] {
  const value: unknown = args.getValue(name);
  if (!Array.isArray(value)) throw new TypeError(`log field ${name} is not an array`);
  return value;
}

function status(name: string, to: string): Translation {
  return (args) => ({ name, payload: { certificateId: text(args, 'id'), status: to } });
}

const TRANSLATIONS: Readonly<Record<string, Translation>> = {
  RegistryInitialized: (args) => ({
    name: 'RegistryInitialized',
    payload: { orgId: text(args, 'id') },
  }),
  OrganizationRegistered: (args) => ({
    name: 'OrganizationRegistered',
    payload: { orgId: text(args, 'id'), roles: roleNames(uint(args, 'roles')) },
  }),
  RolesChanged: async (args, orgId) => ({
    name: 'RolesChanged',
    payload: {
      orgId: await orgId(text(args, 'account')),
      roles: roleNames(uint(args, 'roles')),
    },
  }),
  CertificateTypeDefined: async (args, orgId) => ({
    name: 'CertificateTypeDefined',
    payload: {
      typeId: text(args, 'typeId'),
      issuers: await orgIds(list(args, 'issuers'), orgId),
    },
  }),
  CertificateTypeIssuersChanged: async (args, orgId) => ({
    name: 'CertificateTypeIssuersChanged',
    payload: {
      typeId: text(args, 'typeId'),
      issuers: await orgIds(list(args, 'issuers'), orgId),
    },
  }),
  CertificateTypeMaxValidityChanged: (args) => {
    const days = Number(args.getValue('maxValidityDays'));
    return {
      name: 'CertificateTypeMaxValidityChanged',
      payload: { typeId: text(args, 'typeId'), maxValidityDays: days === 0 ? null : days },
    };
  },
  DataCategoryAdded: (args) => ({
    name: 'DataCategoryAdded',
    payload: { categoryId: text(args, 'categoryId') },
  }),
  NegativeListChanged: (args) => ({
    name: 'NegativeListChanged',
    payload: { category: text(args, 'category'), listed: Boolean(args.getValue('listed')) },
  }),
  CertificateIssued: async (args, orgId) => ({
    name: 'CertificateIssued',
    payload: {
      certificateId: text(args, 'id'),
      type: text(args, 'typeId'),
      issuer: await orgId(text(args, 'issuer')),
      documentHash: bytes32(args, 'documentHash'),
    },
  }),
  BatchAnchored: async (args, orgId) => ({
    name: 'CertificateBatchAnchored',
    payload: {
      batchId: text(args, 'batchId'),
      type: text(args, 'typeId'),
      issuer: await orgId(text(args, 'issuer')),
      merkleRoot: bytes32(args, 'merkleRoot'),
      count: Number(args.getValue('count')),
    },
  }),
  CertificateSuspended: status('CertificateSuspended', 'SUSPENDED'),
  CertificateReinstated: status('CertificateReinstated', 'ACTIVE'),
  CertificateRevoked: status('CertificateRevoked', 'REVOKED'),
  CertificateRenewed: (args) => ({
    name: 'CertificateRenewed',
    payload: {
      certificateId: text(args, 'newId'),
      supersedes: text(args, 'oldId'),
      documentHash: bytes32(args, 'documentHash'),
    },
  }),
  AuthorizationCreated: async (args, orgId) => ({
    name: 'AuthorizationCreated',
    payload: {
      authorizationId: text(args, 'authorizationId'),
      grantee: await orgId(text(args, 'grantee')),
      createdBy: await orgId(text(args, 'createdBy')),
    },
  }),
  AuthorizationRevoked: (args) => ({
    name: 'AuthorizationRevoked',
    payload: { authorizationId: text(args, 'authorizationId') },
  }),
  AuthorizationExhausted: (args) => ({
    name: 'AuthorizationExhausted',
    payload: { authorizationId: text(args, 'authorizationId') },
  }),
  AccessRecorded: async (args, orgId) => {
    const link = args.getValue('link') as Result;
    const allowed = Boolean(link.getValue('allowed'));
    const reason = enumName(DENIAL_REASONS, uint(link, 'reason'));
    return {
      name: allowed ? 'AccessAllowed' : 'AccessDenied',
      payload: {
        authorizationId: text(link, 'authorizationId'),
        seq: Number(link.getValue('sequence')),
        eventHash: bytes32(link, 'eventHash'),
        grantee: await orgId(text(args, 'grantee')),
        reason: reason === 'NONE' ? null : reason,
      },
    };
  },
  SubjectForgotten: (args) => ({
    name: 'SubjectForgotten',
    payload: { subject: text(args, 'subjectRef'), purged: 0 },
  }),
  ReportRegistryTrusted: (args) => ({
    name: 'ReportRegistryTrusted',
    payload: { reportRegistry: text(args, 'reportRegistry') },
  }),
  CreditRecordCreated: async (args, orgId) => ({
    name: 'CreditRecordCreated',
    payload: {
      recordId: text(args, 'recordId'),
      subject: text(args, 'subject'),
      category: enumName(CATEGORIES, uint(args, 'category')),
      authority: await orgId(text(args, 'authority')),
    },
  }),
  CreditRecordWithdrawn: (args) => ({
    name: 'CreditRecordWithdrawn',
    payload: { recordId: text(args, 'recordId'), subject: text(args, 'subject') },
  }),
  ObjectionFiled: (args) => ({
    name: 'ObjectionFiled',
    payload: { objectionId: text(args, 'objectionId'), recordId: text(args, 'recordId') },
  }),
  ObjectionResolved: (args) => ({
    name: 'ObjectionResolved',
    payload: {
      objectionId: text(args, 'objectionId'),
      recordId: text(args, 'recordId'),
      outcome: enumName(OBJECTION_STATUSES, uint(args, 'outcome')),
    },
  }),
  RepairRequested: (args) => ({
    name: 'RepairRequested',
    payload: { repairId: text(args, 'repairId'), recordId: text(args, 'recordId') },
  }),
  RepairApproved: (args) => ({
    name: 'RepairApproved',
    payload: { repairId: text(args, 'repairId'), recordId: text(args, 'recordId') },
  }),
  RepairRejected: (args) => ({
    name: 'RepairRejected',
    payload: { repairId: text(args, 'repairId'), recordId: text(args, 'recordId') },
  }),
  CreditReportAnchored: async (args, orgId) => {
    const authorizationId = text(args, 'authorizationId');
    return {
      name: 'CreditReportAnchored',
      payload: {
        reportHash: bytes32(args, 'reportHash'),
        subject: text(args, 'subject'),
        requestedBy: await orgId(text(args, 'requester')),
        ...(authorizationId !== '' && {
          authorizationId,
          accessEventHash: bytes32(args, 'accessEventHash'),
        }),
      },
    };
  },
  CheckpointAnchored: (args) => ({
    name: 'CheckpointAnchored',
    payload: {
      source: text(args, 'source'),
      sequence: Number(args.getValue('sequence')),
      fromBlock: Number(args.getValue('fromBlock')),
      toBlock: Number(args.getValue('toBlock')),
      root: bytes32(args, 'root'),
    },
  }),
};

const INTERFACES: Record<HubContractName, Interface> = {
  OrgRegistry: OrgRegistry__factory.createInterface(),
  AnchorRegistry: AnchorRegistry__factory.createInterface(),
  CertificateRegistry: CertificateRegistry__factory.createInterface(),
  AuthorizationRegistry: AuthorizationRegistry__factory.createInterface(),
  CreditRegistry: CreditRegistry__factory.createInterface(),
};

/** Reads the logs of one deployed hub as chaincode events. */
export class HubEventDecoder {
  private readonly byAddress: ReadonlyMap<string, Interface>;

  constructor(addresses: HubAddresses) {
    this.byAddress = new Map(
      HUB_CONTRACTS.map((name) => [addresses[name].toLowerCase(), INTERFACES[name]]),
    );
  }

  /** The hub's contract addresses, for a log filter. */
  get addresses(): string[] {
    return [...this.byAddress.keys()];
  }

  /** The chaincode event of a hub log; undefined for a log no hub contract declares. */
  async decode(log: Log, orgId: OrgIdOf): Promise<ChaincodeEvent | undefined> {
    const contract = this.byAddress.get(log.address.toLowerCase());
    let parsed: LogDescription | null = null;
    try {
      parsed = contract?.parseLog(log) ?? null;
    } catch {
      return undefined;
    }
    const translate = parsed && TRANSLATIONS[parsed.name];
    return parsed && translate ? translate(parsed.args, orgId) : undefined;
  }
}
