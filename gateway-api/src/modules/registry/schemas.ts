import { MAX_VALIDITY_DAYS } from '@citytrust/domain';
import { Type } from '@sinclair/typebox';
import { ROLES } from '../../auth/caller';
import { CreditCode, Hash, Id, StringEnum, Text, Token } from '../../shared/schemas';

const Role = StringEnum(ROLES);
export const Roles = Type.Array(Role, { minItems: 1, maxItems: ROLES.length, uniqueItems: true });

export const OrganizationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  registeredAt: Type.String(),
  updatedAt: Type.String(),
});

export const RegisterOrganizationBody = Type.Object(
  { id: Id, name: Text(200), roles: Roles, creditCode: Type.Optional(CreditCode) },
  { additionalProperties: false },
);

export const SetRolesBody = Type.Object(
  { roles: Roles, creditCode: Type.Optional(CreditCode) },
  { additionalProperties: false },
);

export const JsonSchema = Type.Record(Type.String(), Type.Unknown(), {
  description: "JSON Schema (draft-07) of the certificates' claims",
});

export const MaxValidityDays = Type.Union(
  [Type.Integer({ minimum: 1, maximum: MAX_VALIDITY_DAYS }), Type.Null()],
  { description: 'longest validity its certificates may have, in days; null: no limit' },
);

export const CertificateTypeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  schema: Type.Union([JsonSchema, Type.Null()], {
    description: 'null when this hub does not hold the schema the ledger names',
  }),
  schemaHash: Hash,
  issuers: Type.Array(Type.String()),
  maxValidityDays: MaxValidityDays,
  definedAt: Type.String(),
  updatedAt: Type.String(),
});

export const DefineCertificateTypeBody = Type.Object(
  {
    id: Token,
    name: Text(200),
    schema: JsonSchema,
    issuers: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true }),
  },
  { additionalProperties: false },
);
