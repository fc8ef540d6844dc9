import type { registryCalls as registryCallsCatalogue } from '@citytrust/domain';
import { OrgRegistry__factory } from '@citytrust/contracts';
import type { OrgRegistry } from '@citytrust/contracts';
import { hubWiring } from '../hub';
import { Role, type RoleName, roleNames } from '../roles';
import { fields, hash, int, optionalStr, str, strList } from './call-arguments';
import { type Args, type CallContext, CallInputError, type ChaincodeCall } from './call-context';
import { byId, hex, iso } from './chaincode-values';

function registry(context: CallContext): OrgRegistry {
  return OrgRegistry__factory.connect(context.addresses.OrgRegistry, context.signer);
}

/** The chaincode's role list as OrgRegistry's mask; a set has no repeats, so none are taken. */
function roleMask(args: Args): bigint {
  const names = strList(args, 'roles');
  if (new Set(names).size !== names.length) throw new CallInputError('roles: must not repeat');
  return names.reduce((mask, name) => {
    if (!(name in Role)) throw new CallInputError(`roles: ${name} is not a role`);
    return mask | (1n << BigInt(Role[name as RoleName]));
  }, 0n);
}

type Organization = Awaited<ReturnType<OrgRegistry['getOrganization']>>;

function organizationView(org: Organization) {
  return {
    id: org.id,
    name: org.name,
    roles: roleNames(org.roles),
    creditCode: org.creditCode === '' ? null : org.creditCode,
    registeredAt: iso(org.registeredAt),
    updatedAt: iso(org.updatedAt),
    account: org.account,
  };
}

type CertificateType = Awaited<ReturnType<OrgRegistry['getCertificateType']>>;

async function certificateTypeView(context: CallContext, type: CertificateType) {
  return {
    id: type.id,
    name: type.name,
    schemaHash: hex(type.schemaHash),
    issuers: await Promise.all(type.issuers.map((account) => context.orgId(account))),
    // The contract keeps zero for "no limit", which the chaincode writes as null.
    maxValidityDays: type.maxValidityDays === 0n ? null : Number(type.maxValidityDays),
    definedAt: iso(type.definedAt),
    updatedAt: iso(type.updatedAt),
  };
}

type NegativeListEntry = Awaited<ReturnType<OrgRegistry['getNegativeList']>>[number];

function negativeListView(entry: NegativeListEntry) {
  return {
    category: entry.category,
    reason: entry.reason,
    listed: entry.listed,
    updatedAt: iso(entry.updatedAt),
  };
}

async function organization(context: CallContext, orgId: string) {
  return organizationView(await registry(context).getOrganization(await context.account(orgId)));
}

async function certificateType(context: CallContext, typeId: string) {
  return certificateTypeView(context, await registry(context).getCertificateType(typeId));
}

async function negativeListEntry(context: CallContext, category: string) {
  return negativeListView(await registry(context).getNegativeListEntry(category));
}

export const registryCalls: {
  readonly [Name in keyof typeof registryCallsCatalogue]: ChaincodeCall;
} = {
  'registry:initialize': async (context, args) => {
    fields(args, ['id', 'name']);
    // The new GOVERNANCE wires the hub in the same block, as the deploy script does.
    await context.sendWith(
      registry(context).initialize.populateTransaction(str(args, 'id'), str(args, 'name')),
      await hubWiring(context.addresses, context.signer),
    );
    return organization(context, str(args, 'id'));
  },
  'registry:registerOrganization': async (context, args) => {
    fields(args, ['id', 'name', 'roles'], ['creditCode']);
    const id = str(args, 'id');
    await context.send(
      registry(context).registerOrganization.populateTransaction(
        await context.account(id),
        id,
        str(args, 'name'),
        roleMask(args),
        optionalStr(args, 'creditCode') ?? '',
      ),
    );
    return organization(context, id);
  },
  'registry:setRoles': async (context, args) => {
    fields(args, ['id', 'roles'], ['creditCode']);
    const id = str(args, 'id');
    await context.send(
      registry(context).setRoles.populateTransaction(
        await context.account(id),
        roleMask(args),
        optionalStr(args, 'creditCode') ?? '',
      ),
    );
    return organization(context, id);
  },
  'registry:getOrganization': async (context, args) => {
    fields(args, ['id']);
    return organization(context, str(args, 'id'));
  },
  'registry:listOrganizations': async (context, args) => {
    fields(args, []);
    const organizations = await registry(context).listOrganizations();
    return byId(organizations.map(organizationView));
  },
  'registry:defineCertificateType': async (context, args) => {
    fields(args, ['id', 'name', 'schemaHash', 'issuers']);
    const id = str(args, 'id');
    await context.send(
      registry(context).defineCertificateType.populateTransaction(
        id,
        str(args, 'name'),
        hash(args, 'schemaHash'),
        await issuerAccounts(context, args),
      ),
    );
    return certificateType(context, id);
  },
  'registry:setCertificateTypeIssuers': async (context, args) => {
    fields(args, ['id', 'issuers']);
    const id = str(args, 'id');
    await context.send(
      registry(context).setCertificateTypeIssuers.populateTransaction(
        id,
        await issuerAccounts(context, args),
      ),
    );
    return certificateType(context, id);
  },
  'registry:setCertificateTypeMaxValidity': async (context, args) => {
    fields(args, ['id', 'maxValidityDays']);
    const id = str(args, 'id');
    // The connector has read the argument against the catalogue (1 to 36,500 days, or null).
    const days = args.maxValidityDays === null ? 0 : int(args, 'maxValidityDays');
    await context.send(
      registry(context).setCertificateTypeMaxValidity.populateTransaction(id, days),
    );
    return certificateType(context, id);
  },
  'registry:getCertificateType': async (context, args) => {
    fields(args, ['id']);
    return certificateType(context, str(args, 'id'));
  },
  'registry:listCertificateTypes': async (context, args) => {
    fields(args, []);
    const types = await registry(context).listCertificateTypes();
    return byId(await Promise.all(types.map((type) => certificateTypeView(context, type))));
  },
  'registry:addDataCategory': async (context, args) => {
    fields(args, ['id', 'name']);
    const id = str(args, 'id');
    await context.send(
      registry(context).addDataCategory.populateTransaction(id, str(args, 'name')),
    );
    const added = await registry(context).getDataCategory(id);
    return { id: added.id, name: added.name, addedAt: iso(added.addedAt) };
  },
  'registry:listDataCategories': async (context, args) => {
    fields(args, []);
    const categories = await registry(context).listDataCategories();
    return byId(
      categories.map((category) => ({
        id: category.id,
        name: category.name,
        addedAt: iso(category.addedAt),
      })),
    );
  },
  'registry:addToNegativeList': async (context, args) => {
    fields(args, ['category', 'reason']);
    const category = str(args, 'category');
    await context.send(
      registry(context).addToNegativeList.populateTransaction(category, str(args, 'reason')),
    );
    return negativeListEntry(context, category);
  },
  'registry:removeFromNegativeList': async (context, args) => {
    fields(args, ['category', 'reason']);
    const category = str(args, 'category');
    await context.send(
      registry(context).removeFromNegativeList.populateTransaction(category, str(args, 'reason')),
    );
    return negativeListEntry(context, category);
  },
  'registry:getNegativeList': async (context, args) => {
    fields(args, []);
    const entries = await registry(context).getNegativeList();
    return entries
      .map(negativeListView)
      .sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  },
};

/** The issuers' accounts; the chaincode refuses a repeated issuer as bad input, so does this. */
function issuerAccounts(context: CallContext, args: Args): Promise<string[]> {
  const issuers = strList(args, 'issuers');
  if (new Set(issuers).size !== issuers.length)
    throw new CallInputError('issuers: must not repeat an issuer');
  return Promise.all(issuers.map((orgId) => context.account(orgId)));
}

export const registryErrorCodes: Record<string, string> = {
  AlreadyInitialized: 'CONFLICT',
  CreditCodeMismatch: 'INVALID_ARGUMENT',
  LastGovernance: 'INVALID_STATE',
  NegativeListUnchanged: 'INVALID_STATE',
  InvalidCreditCode: 'INVALID_ARGUMENT',
  NeverNegativeListed: 'NOT_FOUND',
};
