import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../ledger/errors';
import { key, readRecord } from '../ledger/state';
import type {
  CertificateType,
  DataCategory,
  NegativeListEntry,
  Organization,
  Role,
} from '@citytrust/domain';

export const orgKey = (ctx: Context, id: string): string => key(ctx, 'org', id);
export const enterpriseKey = (ctx: Context, creditCode: string): string =>
  key(ctx, 'enterprise', creditCode);
export const certificateTypeKey = (ctx: Context, id: string): string => key(ctx, 'certtype', id);
export const categoryKey = (ctx: Context, id: string): string => key(ctx, 'category', id);
export const negativeListKey = (ctx: Context, category: string): string =>
  key(ctx, 'negative', category);

export function readOrganization(ctx: Context, id: string): Promise<Organization | undefined> {
  return readRecord<Organization>(ctx, orgKey(ctx, id));
}

/** The registered organization behind the transaction's signer, found by its MSP ID. */
export async function callerOrganization(ctx: Context): Promise<Organization> {
  const mspId = ctx.clientIdentity.getMSPID();
  const org = await readOrganization(ctx, mspId);
  if (!org) throw new ChaincodeError('FORBIDDEN', `organization ${mspId} is not registered`);
  return org;
}

export async function requireRole(ctx: Context, role: Role): Promise<Organization> {
  const org = await callerOrganization(ctx);
  if (!org.roles.includes(role))
    throw new ChaincodeError('FORBIDDEN', `organization ${org.id} does not hold the ${role} role`);
  return org;
}

export function hasRole(org: Organization | undefined, role: Role): boolean {
  return org !== undefined && org.roles.includes(role);
}

export function readCertificateType(
  ctx: Context,
  id: string,
): Promise<CertificateType | undefined> {
  return readRecord<CertificateType>(ctx, certificateTypeKey(ctx, id));
}

export function readCategory(ctx: Context, id: string): Promise<DataCategory | undefined> {
  return readRecord<DataCategory>(ctx, categoryKey(ctx, id));
}

export async function isNegativeListed(ctx: Context, category: string): Promise<boolean> {
  const entry = await readRecord<NegativeListEntry>(ctx, negativeListKey(ctx, category));
  return entry?.listed === true;
}
