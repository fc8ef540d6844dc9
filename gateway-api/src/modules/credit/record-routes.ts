import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../../shared/type-provider';
import { requireRole } from '../../plugins/infrastructure/auth';
import {
  CreditCode,
  Hash,
  Id,
  Instant,
  LedgerCoordinates,
  Page,
  pageOf,
  problems,
  StringEnum,
  Text,
} from '../../shared/schemas';
import { CREDIT_CATEGORIES, CREDIT_STATUSES, SEVERITIES } from '@citytrust/domain';
import { paginate } from '../../shared/pagination';
import { toLedgerSecond, withLedgerSeconds } from '../../shared/ledger-time';

const literals = <T extends string>(values: readonly T[]) => StringEnum(values);

export const CreditRecordSchema = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  category: Type.String(),
  severity: Type.String(),
  title: Type.String(),
  authority: Type.String(),
  decisionHash: Type.String(),
  effectiveAt: Type.String(),
  publicUntil: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ description: 'ACTIVE, REPAIRED, WITHDRAWN, or EXPIRED by publicUntil' }),
  statusNote: Type.Union([Type.String(), Type.Null()]),
  pendingWorkflow: Type.Union([Type.String(), Type.Null()], {
    description: 'the objection or repair request under way, if any: one at a time',
  }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** Credit records: a CREDIT_AUTHORITY records and withdraws them, anyone with a key reads them. */
export const creditRecordRoutes: RoutesPlugin = async (app) => {
  app.post(
    '/v1/credit-records',
    {
      config: { idempotent: true },
      schema: {
        tags: ['credit'],
        summary: 'Record a credit fact on an enterprise (CREDIT_AUTHORITY)',
        body: Type.Object(
          {
            subject: CreditCode,
            category: literals(CREDIT_CATEGORIES),
            severity: literals(SEVERITIES),
            title: Text(200),
            decisionHash: Hash,
            effectiveAt: Instant,
            // Left out when publicity has no end; not nullable, as the app's type coercion would
            // take "" for null.
            publicUntil: Type.Optional(Instant),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ ...CreditRecordSchema.properties, ...LedgerCoordinates }),
          ...problems(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const caller = requireRole(request, 'CREDIT_AUTHORITY');
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'credit:createRecord',
        args: {
          id: randomUUID(),
          ...withLedgerSeconds(request.body, ['effectiveAt', 'publicUntil']),
        },
      });
      return reply.code(201).send({ ...result, txId, blockNumber });
    },
  );

  app.get(
    '/v1/credit-records/:id',
    {
      schema: {
        tags: ['credit'],
        summary: 'A credit record with its status now, or at `at`',
        params: Type.Object({ id: Id }),
        querystring: Type.Object(
          {
            at: Type.Optional(
              Type.String({
                format: 'date-time',
                description: 'the status the record had then (NOT_RECORDED before it existed)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: CreditRecordSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) =>
      await app.ledger.evaluate({
        org: request.caller?.org.id as string,
        fn: 'credit:getRecord',
        args: {
          id: request.params.id,
          ...(request.query.at ? { at: toLedgerSecond(request.query.at) } : {}),
        },
      }),
  );

  app.get(
    '/v1/enterprises/:subject/credit-records',
    {
      schema: {
        tags: ['credit'],
        summary: "An enterprise's credit records, optionally by status",
        params: Type.Object({ subject: CreditCode }),
        querystring: Type.Object(
          { status: Type.Optional(literals(CREDIT_STATUSES)), ...Page },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(CreditRecordSchema), ...problems(400, 401) },
      },
    },
    async (request) => {
      const { status, ...page } = request.query;
      const all = await app.ledger.evaluate({
        org: request.caller?.org.id as string,
        fn: 'credit:listBySubject',
        args: { subject: request.params.subject, ...(status ? { status } : {}) },
      });
      return paginate(all, (record) => record.id, page);
    },
  );

  app.post(
    '/v1/credit-records/:id/withdraw',
    {
      config: { idempotent: true },
      schema: {
        tags: ['credit'],
        summary: "Withdraw an active record (the record's authority); it stays, as WITHDRAWN",
        params: Type.Object({ id: Id }),
        body: Type.Object({ reason: Text(500) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ ...CreditRecordSchema.properties, ...LedgerCoordinates }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const caller = requireRole(request, 'CREDIT_AUTHORITY');
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'credit:withdrawRecord',
        args: { id: request.params.id, reason: request.body.reason },
      });
      return { ...result, txId, blockNumber };
    },
  );
};
