import { randomUUID } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import {
  AUTHORIZATION_STATUSES as STATUSES,
  canonicalHash,
  LEGAL_BASES,
  OPERATIONS,
} from '@citytrust/domain';
import type { FastifyInstance } from 'fastify';
import type { RoutesPlugin } from '../../shared/type-provider';
import { callerOf } from '../../plugins/infrastructure/auth';
import { hasRole, type Caller } from '../../auth/caller';
import { Problem } from '../../shared/problem';
import {
  CreditCode,
  Hash,
  Id,
  Instant,
  LedgerCoordinates,
  Page,
  pageOf,
  problems,
  Text,
  Token,
} from '../../shared/schemas';
import { paginate } from '../../shared/pagination';
import { withLedgerSeconds } from '../../shared/ledger-time';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));
export const Operation = literals(OPERATIONS);

/**
 * Whose data. A citizen appears only as `ref`, the SHA-256 of the canonical
 * `{"pseudonym":…,"salt":…}` (never a plaintext personal id); an enterprise by its unified
 * social credit code, which is public by law.
 */
const Subject = Type.Union([
  Type.Object(
    { type: Type.Literal('CITIZEN'), ref: Hash },
    { additionalProperties: false, title: 'CitizenSubject' },
  ),
  Type.Object(
    { type: Type.Literal('ENTERPRISE'), creditCode: CreditCode },
    { additionalProperties: false, title: 'EnterpriseSubject' },
  ),
]);

/** A citizen's personal data: handed to the ledger as transient data (private, purgeable). */
const Personal = Type.Object(
  {
    pseudonym: Type.String({ minLength: 1, maxLength: 256 }),
    salt: Type.String({ pattern: '^[0-9a-f]{32,128}$', description: '16-64 random bytes, hex' }),
    attributes: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 1024 }), {
        maxProperties: 32,
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      "a citizen subject's personal data; kept in the data holder's private collection, never on the ledger, purged by forget",
  },
);

export const AuthorizationSchema = Type.Object({
  id: Type.String(),
  subjectType: Type.String({ description: 'CITIZEN or ENTERPRISE' }),
  subject: Type.String({ description: "a citizen's ref, or an enterprise's credit code" }),
  createdBy: Type.String(),
  grantee: Type.String(),
  categories: Type.Array(Type.String()),
  purpose: Type.String(),
  legalBasis: Type.String(),
  operations: Type.Array(Type.String()),
  maxAccesses: Type.Union([Type.Integer(), Type.Null()]),
  maxPerDay: Type.Union([Type.Integer(), Type.Null()]),
  validFrom: Type.String(),
  validUntil: Type.String(),
  consentEvidenceHash: Type.String(),
  status: Type.String({ description: 'ACTIVE, REVOKED, EXHAUSTED, or EXPIRED by validUntil' }),
  used: Type.Integer({ description: 'allowed accesses so far' }),
  eventCount: Type.Integer({ description: 'events in the trail, allowed and denied' }),
  headHash: Type.String({ description: "the newest event's eventHash, or 64 zeros" }),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  revocationReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export type Authorization = Static<typeof AuthorizationSchema>;

/** The creator (the subject's data holder, or the enterprise itself), the grantee, auditors. */
export function mayRead(caller: Caller, authorization: Authorization): boolean {
  return (
    caller.org.id === authorization.createdBy ||
    caller.org.id === authorization.grantee ||
    hasRole(caller, 'AUDITOR')
  );
}

/**
 * Reads one authorization for the caller. The read limit is the gateway's: the chaincode has
 * it too, but an EVM contract answers anyone.
 */
export async function readAuthorization(
  app: FastifyInstance,
  caller: Caller,
  id: string,
): Promise<Authorization> {
  const authorization = await app.ledger.evaluate({
    org: caller.org.id,
    fn: 'authorizations:get',
    args: { id },
  });
  if (!mayRead(caller, authorization))
    throw new Problem('forbidden', `${caller.org.id} may not read authorization ${id}`);
  return authorization;
}

const Written = Type.Object({ ...AuthorizationSchema.properties, ...LedgerCoordinates });

/** Data-access authorizations: granted on consent, read by their parties, revoked by their creator. */
export const authorizationRoutes: RoutesPlugin = async (app) => {
  app.post(
    '/v1/authorizations',
    {
      config: { idempotent: true },
      schema: {
        tags: ['authorizations'],
        summary: 'Authorize a REQUESTER to use data (DATA_HOLDER on consent, or the enterprise)',
        body: Type.Object(
          {
            subject: Subject,
            grantee: Id,
            categories: Type.Array(Token, { minItems: 1, maxItems: 32, uniqueItems: true }),
            purpose: Token,
            legalBasis: literals(LEGAL_BASES),
            operations: Type.Array(Operation, {
              minItems: 1,
              maxItems: OPERATIONS.length,
              uniqueItems: true,
            }),
            // No `null` for "unlimited": leave the field out. The app coerces types, and a
            // nullable union would take 0 as null, turning a mistake into no limit at all.
            maxAccesses: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
            maxPerDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
            validFrom: Instant,
            validUntil: Instant,
            consentEvidenceHash: Hash,
            personal: Type.Optional(Personal),
          },
          { additionalProperties: false },
        ),
        response: { 201: Written, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { personal, ...terms } = request.body;
      const { subject } = terms;
      const itself =
        subject.type === 'ENTERPRISE' &&
        hasRole(caller, 'ENTERPRISE') &&
        caller.org.creditCode === subject.creditCode;
      if (!hasRole(caller, 'DATA_HOLDER') && !itself)
        throw new Problem(
          'forbidden',
          `${caller.org.id} is neither a DATA_HOLDER nor the subject enterprise`,
        );
      if (personal !== undefined) {
        if (subject.type !== 'CITIZEN')
          throw new Problem('validation', 'an enterprise subject has no personal data');
        // Checked here as the chaincode does, so a backend without private data refuses alike.
        if (canonicalHash({ pseudonym: personal.pseudonym, salt: personal.salt }) !== subject.ref)
          throw new Problem('validation', 'personal data does not match the subject reference');
      }
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'authorizations:create',
        args: { id: randomUUID(), ...withLedgerSeconds(terms, ['validFrom', 'validUntil']) },
        ...(personal !== undefined ? { transient: { personal } } : {}),
      });
      return reply.code(201).send({ ...result, txId, blockNumber });
    },
  );

  app.get(
    '/v1/authorizations/:id',
    {
      schema: {
        tags: ['authorizations'],
        summary: 'One authorization with its status and use (its creator, grantee, AUDITOR)',
        params: Type.Object({ id: Id }),
        response: { 200: AuthorizationSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => readAuthorization(app, callerOf(request), request.params.id),
  );

  app.get(
    '/v1/authorizations',
    {
      schema: {
        tags: ['authorizations'],
        summary: 'The authorizations the caller may read, by subject, grantee and status',
        querystring: Type.Object(
          {
            subject: Type.Optional(Type.Union([Hash, CreditCode])),
            grantee: Type.Optional(Id),
            status: Type.Optional(literals(STATUSES)),
            ...Page,
          },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(AuthorizationSchema), ...problems(400, 401) },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { limit, cursor, ...filters } = request.query;
      const all = await app.ledger.evaluate({
        org: caller.org.id,
        fn: 'authorizations:list',
        args: filters,
      });
      return paginate(
        all.filter((authorization) => mayRead(caller, authorization)),
        (authorization) => authorization.id,
        { limit, cursor },
      );
    },
  );

  app.post(
    '/v1/authorizations/:id/revoke',
    {
      config: { idempotent: true },
      schema: {
        tags: ['authorizations'],
        summary: 'Revoke an authorization (its creator, or the subject enterprise); final',
        params: Type.Object({ id: Id }),
        body: Type.Object({ reason: Text(500) }, { additionalProperties: false }),
        response: { 200: Written, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { id } = request.params;
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'authorizations:revoke',
        args: { id, reason: request.body.reason },
      });
      return { ...result, txId, blockNumber };
    },
  );
};
