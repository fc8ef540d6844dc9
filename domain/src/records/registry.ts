import { z } from 'zod';
import { ROLES } from '../vocabulary/roles';
import { hashField, instantField, record } from './fields';

/** A member organization; its id is its Fabric MSP ID (or its EVM registry id). */
export const Organization = record({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  /** Set for ENTERPRISE: the unified social credit code it acts for. */
  creditCode: z.string().nullable(),
  registeredAt: instantField,
  updatedAt: instantField,
});
export type Organization = z.infer<typeof Organization>;

export const CertificateType = record({
  id: z.string(),
  name: z.string(),
  /** SHA-256 of the canonical JSON schema the claims follow. */
  schemaHash: hashField,
  /** Organizations that may issue this type (they also need the ISSUER role). */
  issuers: z.array(z.string()),
  /** Longest validity its certificates may have, in days; null (or absent): no limit. */
  maxValidityDays: z.number().int().nullable().optional(),
  definedAt: instantField,
  updatedAt: instantField,
});
export type CertificateType = z.infer<typeof CertificateType>;

/** A category of data in the catalog that authorizations may name. */
export const DataCategory = record({ id: z.string(), name: z.string(), addedAt: instantField });
export type DataCategory = z.infer<typeof DataCategory>;

/** A category that may never be authorized or accessed while `listed`. */
export const NegativeListEntry = record({
  category: z.string(),
  reason: z.string(),
  listed: z.boolean(),
  updatedAt: instantField,
});
export type NegativeListEntry = z.infer<typeof NegativeListEntry>;
