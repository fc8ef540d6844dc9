import { z } from 'zod';
import {
  CertificateType,
  DataCategory,
  NegativeListEntry,
  Organization,
} from '../records/registry';
import { MAX_VALIDITY_DAYS } from '../rules/certificate-validity';
import { ROLES } from '../vocabulary/roles';
import { evaluate, submit } from './call';
import { creditCode, distinct, hex64, id, noArguments, text, token } from './inputs';

const roles = z
  .array(z.enum(ROLES))
  .min(1)
  .max(ROLES.length)
  .refine(distinct, 'must not repeat a role');
const issuers = z.array(id).min(1).max(100).refine(distinct, 'must not repeat an issuer');
const byId = z.object({ id }).strict();
const negativeListRequest = z.object({ category: token, reason: text(500) }).strict();

/** `registry`: who belongs and what they may do. Only GOVERNANCE changes it. */
export const registryCalls = {
  'registry:initialize': submit(z.object({ id, name: text(200) }).strict(), Organization),
  'registry:registerOrganization': submit(
    z.object({ id, name: text(200), roles, creditCode: creditCode.optional() }).strict(),
    Organization,
  ),
  'registry:setRoles': submit(
    z.object({ id, roles, creditCode: creditCode.optional() }).strict(),
    Organization,
  ),
  'registry:getOrganization': evaluate(byId, Organization),
  'registry:listOrganizations': evaluate(noArguments, z.array(Organization)),
  'registry:defineCertificateType': submit(
    z.object({ id: token, name: text(200), schemaHash: hex64, issuers }).strict(),
    CertificateType,
  ),
  'registry:setCertificateTypeIssuers': submit(
    z.object({ id: token, issuers }).strict(),
    CertificateType,
  ),
  'registry:setCertificateTypeMaxValidity': submit(
    z
      .object({
        id: token,
        maxValidityDays: z.number().int().min(1).max(MAX_VALIDITY_DAYS).nullable(),
      })
      .strict(),
    CertificateType,
  ),
  'registry:getCertificateType': evaluate(byId, CertificateType),
  'registry:listCertificateTypes': evaluate(noArguments, z.array(CertificateType)),
  'registry:addDataCategory': submit(
    z.object({ id: token, name: text(200) }).strict(),
    DataCategory,
  ),
  'registry:listDataCategories': evaluate(noArguments, z.array(DataCategory)),
  'registry:addToNegativeList': submit(negativeListRequest, NegativeListEntry),
  'registry:removeFromNegativeList': submit(negativeListRequest, NegativeListEntry),
  'registry:getNegativeList': evaluate(noArguments, z.array(NegativeListEntry)),
} as const;
