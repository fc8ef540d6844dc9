import type { RoutesPlugin } from '../../shared/type-provider';
import { callerOf } from '../../plugins/infrastructure/auth';
import { problems } from '../../shared/schemas';
import {
  NewObjection,
  NewRepair,
  Note,
  ObjectionSchema,
  IdParams,
  RepairRequestSchema,
  Resolution,
  WrittenObjection,
  WrittenRepair,
} from './schemas';
import {
  decideRepair,
  fileObjection,
  readObjection,
  readRepairRequest,
  requestRepair,
  resolveObjection,
} from './workflow-service';

/**
 * Objections (the subject enterprise disputes a record, its authority upholds or corrects it)
 * and credit repair (the enterprise asks with evidence, the authority approves or rejects).
 */
export const creditWorkflowRoutes: RoutesPlugin = async (app) => {
  app.post(
    '/v1/credit-records/:id/objections',
    {
      config: { idempotent: true },
      schema: {
        tags: ['credit'],
        summary: 'Object to a credit record (the subject enterprise)',
        params: IdParams,
        body: NewObjection,
        response: { 201: WrittenObjection, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { result, txId, blockNumber } = await fileObjection(
        app.ledger,
        callerOf(request),
        request.params.id,
        request.body,
      );
      return reply.code(201).send({ ...result, txId, blockNumber });
    },
  );

  app.get(
    '/v1/objections/:id',
    {
      schema: {
        tags: ['credit'],
        summary: "An objection (the subject enterprise, the record's authority, AUDITOR)",
        params: IdParams,
        response: { 200: ObjectionSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => readObjection(app.ledger, callerOf(request), request.params.id),
  );

  app.post(
    '/v1/objections/:id/resolve',
    {
      config: { idempotent: true },
      schema: {
        tags: ['credit'],
        summary: "Resolve an objection (the record's authority): CORRECTED withdraws the record",
        params: IdParams,
        body: Resolution,
        response: { 200: WrittenObjection, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { result, txId, blockNumber } = await resolveObjection(
        app.ledger,
        callerOf(request),
        request.params.id,
        request.body,
      );
      return { ...result, txId, blockNumber };
    },
  );

  app.post(
    '/v1/credit-records/:id/repair-requests',
    {
      config: { idempotent: true },
      schema: {
        tags: ['credit'],
        summary: 'Ask for credit repair of an adverse record (the subject enterprise)',
        params: IdParams,
        body: NewRepair,
        response: { 201: WrittenRepair, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { result, txId, blockNumber } = await requestRepair(
        app.ledger,
        callerOf(request),
        request.params.id,
        request.body,
      );
      return reply.code(201).send({ ...result, txId, blockNumber });
    },
  );

  app.get(
    '/v1/repair-requests/:id',
    {
      schema: {
        tags: ['credit'],
        summary: "A repair request (the subject enterprise, the record's authority, AUDITOR)",
        params: IdParams,
        response: { 200: RepairRequestSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => readRepairRequest(app.ledger, callerOf(request), request.params.id),
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/v1/repair-requests/:id/${decision}`,
      {
        config: { idempotent: true },
        schema: {
          tags: ['credit'],
          summary:
            decision === 'approve'
              ? "Approve a repair request (the record's authority): the record becomes REPAIRED"
              : "Reject a repair request (the record's authority): the record stays as it was",
          params: IdParams,
          body: Note,
          response: { 200: WrittenRepair, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { result, txId, blockNumber } = await decideRepair(
          app.ledger,
          callerOf(request),
          request.params.id,
          decision,
          request.body.note,
        );
        return { ...result, txId, blockNumber };
      },
    );
  }
};
