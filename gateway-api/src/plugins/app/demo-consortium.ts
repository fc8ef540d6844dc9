import { CREDIT_CODE_PATTERN, type SubmitName } from '@citytrust/domain';
import type { FastifyBaseLogger } from 'fastify';
import { replaceFileAtomically } from '../../storage/atomic-file';
import { demoKeysPath, type ApiKeyStore } from '../../auth/api-keys';
import type { Role } from '../../auth/caller';
import type { SchemaStore } from '../../modules/registry/schema-store';
import { LedgerRefusal, type HubLedger, type LedgerCall } from '../../ledgers/hub-ledger';

export const GOVERNANCE_ORG = 'city-data-bureau';
export const DEMO_ENTERPRISE_CODE = '91330100MA2ACME01X';

interface DemoOrganization {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly creditCode?: string;
}

/** The demo consortium of API.md. */
export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  { id: 'city-data-bureau', name: 'City Data Bureau', roles: ['GOVERNANCE'] },
  {
    id: 'market-regulation',
    name: 'Market Regulation Administration',
    roles: ['ISSUER', 'CREDIT_AUTHORITY'],
  },
  { id: 'transport-bureau', name: 'Transport Bureau', roles: ['ISSUER'] },
  { id: 'citizen-services', name: 'Citizen Services Centre', roles: ['DATA_HOLDER'] },
  { id: 'city-bank', name: 'City Commercial Bank', roles: ['REQUESTER'] },
  { id: 'audit-office', name: 'Audit Office', roles: ['AUDITOR'] },
  {
    id: 'acme-trading',
    name: 'Acme Trading Co., Ltd.',
    roles: ['ENTERPRISE'],
    creditCode: DEMO_ENTERPRISE_CODE,
  },
];

const text = { type: 'string', minLength: 1, maxLength: 200 };

export const DEMO_CERTIFICATE_TYPES = [
  {
    id: 'business-license',
    name: 'Business licence',
    issuers: ['market-regulation'],
    schema: {
      type: 'object',
      required: ['companyName', 'creditCode', 'businessScope'],
      additionalProperties: false,
      properties: {
        companyName: text,
        creditCode: {
          type: 'string',
          pattern: CREDIT_CODE_PATTERN,
        },
        legalRepresentative: text,
        businessScope: { type: 'string', minLength: 1, maxLength: 2000 },
        registeredCapital: text,
      },
    },
  },
  {
    id: 'road-transport-permit',
    name: 'Road transport operation permit',
    issuers: ['transport-bureau'],
    schema: {
      type: 'object',
      required: ['operator', 'permitClass'],
      additionalProperties: false,
      properties: {
        operator: text,
        permitClass: { type: 'string', enum: ['passenger', 'freight', 'hazardous-goods'] },
        vehiclePlate: { type: 'string', minLength: 1, maxLength: 20 },
      },
    },
  },
] as const;

export const DEMO_CATEGORIES = [
  ['social-security', 'Social security'],
  ['household-registration', 'Household registration'],
  ['tax-records', 'Tax records'],
  ['credit-report', 'Credit report'],
] as const;

export const DEMO_NEGATIVE_LIST = [
  ['classified-records', 'classified records are never shared'],
] as const;

/** Submits, taking "already there" as done, so a bootstrap cut short can simply run again. */
async function ensure<Name extends SubmitName>(
  ledger: HubLedger,
  call: LedgerCall<Name>,
): Promise<void> {
  try {
    await ledger.submit(call);
  } catch (error) {
    if (
      error instanceof LedgerRefusal &&
      (error.code === 'CONFLICT' || error.code === 'INVALID_STATE')
    )
      return;
    throw error;
  }
}

/**
 * Creates the demo consortium (organizations, certificate types with their schemas, data
 * catalog, negative list) and one API key per organization, written to `api-keys.json`
 * (mode 0600) unless keys exist already. Returns that file's path when it wrote it; the keys
 * are never logged.
 */
export async function bootstrapDemo(
  ledger: HubLedger,
  apiKeys: ApiKeyStore,
  schemas: SchemaStore,
  dataDir: string,
  log: FastifyBaseLogger,
): Promise<string | undefined> {
  for (const org of DEMO_ORGANIZATIONS) await ledger.enroll(org.id);
  const governance = GOVERNANCE_ORG;
  await ensure(ledger, {
    org: governance,
    fn: 'registry:initialize',
    args: { id: governance, name: 'City Data Bureau' },
  });
  for (const org of DEMO_ORGANIZATIONS.filter((each) => each.id !== governance))
    await ensure(ledger, {
      org: governance,
      fn: 'registry:registerOrganization',
      args: {
        id: org.id,
        name: org.name,
        roles: [...org.roles],
        ...(org.creditCode ? { creditCode: org.creditCode } : {}),
      },
    });
  for (const type of DEMO_CERTIFICATE_TYPES) {
    const schemaHash = await schemas.put(type.schema);
    await ensure(ledger, {
      org: governance,
      fn: 'registry:defineCertificateType',
      args: { id: type.id, name: type.name, schemaHash, issuers: [...type.issuers] },
    });
  }
  for (const [id, name] of DEMO_CATEGORIES)
    await ensure(ledger, { org: governance, fn: 'registry:addDataCategory', args: { id, name } });
  for (const [category, reason] of DEMO_NEGATIVE_LIST)
    await ensure(ledger, {
      org: governance,
      fn: 'registry:addToNegativeList',
      args: { category, reason },
    });

  log.info({ organizations: DEMO_ORGANIZATIONS.length }, 'demo consortium on the ledger');
  // Keys already handed out (a ledger that starts empty, as Hardhat's in-process chain does)
  // still name the same organizations, so they keep working.
  if (apiKeys.size > 0) return undefined;
  const path = demoKeysPath(dataDir);
  await apiKeys.issue(
    DEMO_ORGANIZATIONS.map((org) => org.id),
    (keys) => replaceFileAtomically(path, `${JSON.stringify(keys, null, 2)}\n`, 0o600),
  );
  return path;
}
