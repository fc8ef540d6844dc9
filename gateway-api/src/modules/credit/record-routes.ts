import type { RoutesPlugin } from '../../shared/type-provider';
import { callerOf } from '../../plugins/infrastructure/auth';
import { pageOf, problems } from '../../shared/schemas';
import { createRecord, listRecords, readRecord, withdrawRecord } from './record-service';
import {
  CreditRecordSchema,
  NewRecord,
  RecordAt,
  IdParams,
  RecordsQuery,
  SubjectParams,
  Withdrawal,
  WrittenRecord,
} from './schemas';

/** Credit records: a CREDIT_AUTHORITY records and withdraws them, anyone with a key reads them. */
export const creditRecordRoutes: RoutesPlugin = async (app) => {
  app.post(
    '/v1/credit-records',
    {
      config: { idempotent: true },
      schema: {
        tags: ['credit'],
        summary: 'Record a credit fact on an enterprise (CREDIT_AUTHORITY)',
        body: NewRecord,
        response: { 201: WrittenRecord, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { result, txId, blockNumber } = await createRecord(
        app.ledger,
        callerOf(request),
        request.body,
      );
      return reply.code(201).send({ ...result, txId, blockNumber });
    },
  );

  app.get(
    '/v1/credit-records/:id',
    {
      schema: {
        tags: ['credit'],
        summary: 'A credit record with its status now, or at `at`',
        params: IdParams,
        querystring: RecordAt,
        response: { 200: CreditRecordSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) =>
      readRecord(app.ledger, callerOf(request), request.params.id, request.query.at),
  );

  app.get(
    '/v1/enterprises/:subject/credit-records',
    {
      schema: {
        tags: ['credit'],
        summary: "An enterprise's credit records, optionally by status",
        params: SubjectParams,
        querystring: RecordsQuery,
        response: { 200: pageOf(CreditRecordSchema), ...problems(400, 401) },
      },
    },
    async (request) =>
      listRecords(app.ledger, callerOf(request), request.params.subject, request.query),
  );

  app.post(
    '/v1/credit-records/:id/withdraw',
    {
      config: { idempotent: true },
      schema: {
        tags: ['credit'],
        summary: "Withdraw an active record (the record's authority); it stays, as WITHDRAWN",
        params: IdParams,
        body: Withdrawal,
        response: { 200: WrittenRecord, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { result, txId, blockNumber } = await withdrawRecord(
        app.ledger,
        callerOf(request),
        request.params.id,
        request.body.reason,
      );
      return { ...result, txId, blockNumber };
    },
  );
};
