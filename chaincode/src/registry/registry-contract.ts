import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  canonicalJson,
  type CertificateType,
  type DataCategory,
  type NegativeListEntry,
  type Organization,
  type Role,
} from '@citytrust/domain';
import { changeTime, txTime } from '../ledger/clock';
import { ChaincodeError } from '../ledger/errors';
import { emitEvent } from '../ledger/events';
import { parseArgs } from '../ledger/input';
import { exists, readAll, readRecord, writeRecord } from '../ledger/state';
import {
  categoryKey,
  certificateTypeKey,
  enterpriseKey,
  negativeListKey,
  orgKey,
  readCertificateType,
  readOrganization,
  requireRole,
} from './registry-state';

/** ENTERPRISE is bound to a credit code, and only ENTERPRISE carries one. */
function checkEnterpriseBinding(roleList: readonly Role[], code: string | undefined): void {
  const isEnterprise = roleList.includes('ENTERPRISE');
  if (isEnterprise && !code)
    throw new ChaincodeError('INVALID_ARGUMENT', 'creditCode: an ENTERPRISE needs its credit code');
  if (!isEnterprise && code)
    throw new ChaincodeError(
      'INVALID_ARGUMENT',
      'creditCode: only an ENTERPRISE has a credit code',
    );
}

async function bindCreditCode(ctx: Context, orgId: string, code: string | null): Promise<void> {
  if (!code) return;
  const bound = await readRecord<{ orgId: string }>(ctx, enterpriseKey(ctx, code));
  if (bound && bound.orgId !== orgId)
    throw new ChaincodeError('CONFLICT', `credit code ${code} is bound to ${bound.orgId}`);
  if (!bound) await writeRecord(ctx, enterpriseKey(ctx, code), { orgId, creditCode: code });
}

async function governanceCount(ctx: Context): Promise<number> {
  const orgs = await readAll<Organization>(ctx, 'org', []);
  return orgs.filter((org) => org.roles.includes('GOVERNANCE')).length;
}

async function checkIssuersRegistered(ctx: Context, issuerIds: readonly string[]): Promise<void> {
  for (const issuer of issuerIds) {
    if (!(await readOrganization(ctx, issuer)))
      throw new ChaincodeError('NOT_FOUND', `issuer ${issuer} is not a registered organization`);
  }
}

async function changeNegativeList(ctx: Context, request: string, listed: boolean): Promise<string> {
  const call = listed ? 'registry:addToNegativeList' : 'registry:removeFromNegativeList';
  await requireRole(ctx, 'GOVERNANCE');
  const input = parseArgs(call, request);
  const stateKey = negativeListKey(ctx, input.category);
  const current = await readRecord<NegativeListEntry>(ctx, stateKey);
  if ((current?.listed ?? false) === listed) {
    throw new ChaincodeError(
      'INVALID_STATE',
      `${input.category} is ${listed ? 'already' : 'not'} on the negative list`,
    );
  }
  const updatedAt = current ? changeTime(ctx, current.updatedAt) : txTime(ctx);
  const entry: NegativeListEntry = { ...input, listed, updatedAt };
  await writeRecord(ctx, stateKey, entry);
  emitEvent(ctx, 'NegativeListChanged', { category: input.category, listed });
  return canonicalJson(entry);
}

/** Who belongs and what they may do: organizations, roles, certificate types, data categories. */
@Info({ title: 'Registry', description: 'organizations, roles, certificate types, data catalog' })
export class RegistryContract extends Contract {
  constructor() {
    super('registry');
  }

  /** Registers the caller as the first GOVERNANCE organization; possible once only. */
  @Transaction()
  @Returns('Organization')
  async initialize(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('registry:initialize', request);
    if (input.id !== ctx.clientIdentity.getMSPID())
      throw new ChaincodeError('FORBIDDEN', 'only the organization itself can become governance');
    if ((await readAll<Organization>(ctx, 'org', [])).length > 0)
      throw new ChaincodeError('CONFLICT', 'the registry is already initialized');
    const now = txTime(ctx);
    const org: Organization = {
      id: input.id,
      name: input.name,
      roles: ['GOVERNANCE'],
      creditCode: null,
      registeredAt: now,
      updatedAt: now,
    };
    await writeRecord(ctx, orgKey(ctx, org.id), org);
    emitEvent(ctx, 'RegistryInitialized', { orgId: org.id });
    return canonicalJson(org);
  }

  @Transaction()
  @Returns('Organization')
  async registerOrganization(ctx: Context, request: string): Promise<string> {
    await requireRole(ctx, 'GOVERNANCE');
    const input = parseArgs('registry:registerOrganization', request);
    checkEnterpriseBinding(input.roles, input.creditCode);
    if (await exists(ctx, orgKey(ctx, input.id)))
      throw new ChaincodeError('CONFLICT', `organization ${input.id} is already registered`);
    const now = txTime(ctx);
    const org: Organization = {
      id: input.id,
      name: input.name,
      roles: input.roles,
      creditCode: input.creditCode ?? null,
      registeredAt: now,
      updatedAt: now,
    };
    await bindCreditCode(ctx, org.id, org.creditCode);
    await writeRecord(ctx, orgKey(ctx, org.id), org);
    emitEvent(ctx, 'OrganizationRegistered', { orgId: org.id, roles: org.roles });
    return canonicalJson(org);
  }

  /** Replaces an organization's roles. The last GOVERNANCE organization cannot give it up. */
  @Transaction()
  @Returns('Organization')
  async setRoles(ctx: Context, request: string): Promise<string> {
    await requireRole(ctx, 'GOVERNANCE');
    const input = parseArgs('registry:setRoles', request);
    checkEnterpriseBinding(input.roles, input.creditCode);
    const org = await readOrganization(ctx, input.id);
    if (!org) throw new ChaincodeError('NOT_FOUND', `organization ${input.id} does not exist`);
    if (org.creditCode && input.creditCode && org.creditCode !== input.creditCode)
      throw new ChaincodeError('CONFLICT', `${org.id} is bound to credit code ${org.creditCode}`);
    if (
      org.roles.includes('GOVERNANCE') &&
      !input.roles.includes('GOVERNANCE') &&
      (await governanceCount(ctx)) === 1
    ) {
      throw new ChaincodeError('INVALID_STATE', 'the last GOVERNANCE organization must keep it');
    }
    // The code's binding outlives the role, so no other organization can take over its records.
    await bindCreditCode(ctx, org.id, input.creditCode ?? null);
    const updated: Organization = {
      ...org,
      roles: input.roles,
      creditCode: input.creditCode ?? null,
      updatedAt: changeTime(ctx, org.updatedAt),
    };
    await writeRecord(ctx, orgKey(ctx, org.id), updated);
    emitEvent(ctx, 'RolesChanged', { orgId: org.id, roles: updated.roles });
    return canonicalJson(updated);
  }

  @Transaction(false)
  @Returns('Organization')
  async getOrganization(ctx: Context, request: string): Promise<string> {
    const { id: orgId } = parseArgs('registry:getOrganization', request);
    const org = await readOrganization(ctx, orgId);
    if (!org) throw new ChaincodeError('NOT_FOUND', `organization ${orgId} does not exist`);
    return canonicalJson(org);
  }

  @Transaction(false)
  @Returns('Organization[]')
  async listOrganizations(ctx: Context): Promise<string> {
    return canonicalJson(await readAll<Organization>(ctx, 'org', []));
  }

  @Transaction()
  @Returns('CertificateType')
  async defineCertificateType(ctx: Context, request: string): Promise<string> {
    await requireRole(ctx, 'GOVERNANCE');
    const input = parseArgs('registry:defineCertificateType', request);
    if (await exists(ctx, certificateTypeKey(ctx, input.id)))
      throw new ChaincodeError('CONFLICT', `certificate type ${input.id} already exists`);
    await checkIssuersRegistered(ctx, input.issuers);
    const now = txTime(ctx);
    const type: CertificateType = { ...input, definedAt: now, updatedAt: now };
    await writeRecord(ctx, certificateTypeKey(ctx, type.id), type);
    emitEvent(ctx, 'CertificateTypeDefined', { typeId: type.id, issuers: type.issuers });
    return canonicalJson(type);
  }

  @Transaction()
  @Returns('CertificateType')
  async setCertificateTypeIssuers(ctx: Context, request: string): Promise<string> {
    await requireRole(ctx, 'GOVERNANCE');
    const input = parseArgs('registry:setCertificateTypeIssuers', request);
    const type = await readCertificateType(ctx, input.id);
    if (!type) throw new ChaincodeError('NOT_FOUND', `certificate type ${input.id} does not exist`);
    await checkIssuersRegistered(ctx, input.issuers);
    const updated: CertificateType = {
      ...type,
      issuers: input.issuers,
      updatedAt: changeTime(ctx, type.updatedAt),
    };
    await writeRecord(ctx, certificateTypeKey(ctx, type.id), updated);
    emitEvent(ctx, 'CertificateTypeIssuersChanged', { typeId: type.id, issuers: input.issuers });
    return canonicalJson(updated);
  }

  /** Sets (or, with null, lifts) the longest validity the type's certificates may have. */
  @Transaction()
  @Returns('CertificateType')
  async setCertificateTypeMaxValidity(ctx: Context, request: string): Promise<string> {
    await requireRole(ctx, 'GOVERNANCE');
    const input = parseArgs('registry:setCertificateTypeMaxValidity', request);
    const type = await readCertificateType(ctx, input.id);
    if (!type) throw new ChaincodeError('NOT_FOUND', `certificate type ${input.id} does not exist`);
    const updated: CertificateType = {
      ...type,
      maxValidityDays: input.maxValidityDays,
      updatedAt: changeTime(ctx, type.updatedAt),
    };
    await writeRecord(ctx, certificateTypeKey(ctx, type.id), updated);
    emitEvent(ctx, 'CertificateTypeMaxValidityChanged', {
      typeId: type.id,
      maxValidityDays: input.maxValidityDays,
    });
    return canonicalJson(updated);
  }

  @Transaction(false)
  @Returns('CertificateType')
  async getCertificateType(ctx: Context, request: string): Promise<string> {
    const { id: typeId } = parseArgs('registry:getCertificateType', request);
    const type = await readCertificateType(ctx, typeId);
    if (!type) throw new ChaincodeError('NOT_FOUND', `certificate type ${typeId} does not exist`);
    return canonicalJson(type);
  }

  @Transaction(false)
  @Returns('CertificateType[]')
  async listCertificateTypes(ctx: Context): Promise<string> {
    return canonicalJson(await readAll<CertificateType>(ctx, 'certtype', []));
  }

  @Transaction()
  @Returns('DataCategory')
  async addDataCategory(ctx: Context, request: string): Promise<string> {
    await requireRole(ctx, 'GOVERNANCE');
    const input = parseArgs('registry:addDataCategory', request);
    if (await exists(ctx, categoryKey(ctx, input.id)))
      throw new ChaincodeError('CONFLICT', `data category ${input.id} already exists`);
    const category: DataCategory = { ...input, addedAt: txTime(ctx) };
    await writeRecord(ctx, categoryKey(ctx, category.id), category);
    emitEvent(ctx, 'DataCategoryAdded', { categoryId: category.id });
    return canonicalJson(category);
  }

  @Transaction(false)
  @Returns('DataCategory[]')
  async listDataCategories(ctx: Context): Promise<string> {
    return canonicalJson(await readAll<DataCategory>(ctx, 'category', []));
  }

  @Transaction()
  @Returns('NegativeListEntry')
  async addToNegativeList(ctx: Context, request: string): Promise<string> {
    return changeNegativeList(ctx, request, true);
  }

  @Transaction()
  @Returns('NegativeListEntry')
  async removeFromNegativeList(ctx: Context, request: string): Promise<string> {
    return changeNegativeList(ctx, request, false);
  }

  @Transaction(false)
  @Returns('NegativeListEntry[]')
  async getNegativeList(ctx: Context): Promise<string> {
    const entries = await readAll<NegativeListEntry>(ctx, 'negative', []);
    return canonicalJson(entries.filter((entry) => entry.listed));
  }
}
