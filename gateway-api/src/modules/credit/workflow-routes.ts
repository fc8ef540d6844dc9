import { OBJECTION_OUTCOMES, type Objection, type RepairRequest } from '@citytrust/domain';
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RoutesPlugin } from '../../shared/type-provider';
import { callerOf, requireRole } from '../../plugins/infrastructure/auth';
import { hasRole, type Caller } from '../../auth/caller';
import { Problem } from '../../shared/problem';
import { Hash, Id, LedgerCoordinates, problems, StringEnum, Text } from '../../shared/schemas';

export const ObjectionSchema = Type.Object({
  id: Type.String(),
  recordId: Type.String(),
  subject: Type.String(),
  reason: Type.String(),
  evidenceHash: Type.String(),
  status: Type.String({ description: 'PENDING, UPHELD or CORRECTED' }),
  resolutionNote: Type.Union([Type.String(), Type.Null()]),
  filedBy: Type.String(),
  filedAt: Type.String(),
  resolvedAt: Type.Union([Type.String(), Type.Null()]),
});

export const RepairRequestSchema = Type.Object({
  id: Type.String(),
  recordId: Type.String(),
  subject: Type.String(),
  evidenceHash: Type.String(),
  note: Type.String(),
  status: Type.String({ description: 'PENDING, APPROVED or REJECTED' }),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
});

const Note = Type.Object({ note: Text(1000) }, { additionalProperties: false });
const WrittenObjection = Type.Object({ ...ObjectionSchema.properties, ...LedgerCoordinates });
const WrittenRepair = Type.Object({ ...RepairRequestSchema.properties, ...LedgerCoordinates });

/**
 * A workflow is for its record's subject enterprise, its authority and auditors. The chaincode
 * says so too, but an EVM contract answers anyone, so the gateway decides.
 */
async function readWorkflow(
  app: FastifyInstance,
  caller: Caller,
  fn: 'credit:getObjection',
  id: string,
  what: string,
): Promise<Objection>;
async function readWorkflow(
  app: FastifyInstance,
  caller: Caller,
  fn: 'credit:getRepairRequest',
  id: string,
  what: string,
): Promise<RepairRequest>;
async function readWorkflow(
  app: FastifyInstance,
  caller: Caller,
  fn: 'credit:getObjection' | 'credit:getRepairRequest',
  id: string,
  what: string,
): Promise<Objection | RepairRequest> {
  const workflow = await app.ledger.evaluate({
    org: caller.org.id,
    fn,
    args: { id },
  });
  const record = await app.ledger.evaluate({
    org: caller.org.id,
    fn: 'credit:getRecord',
    args: { id: workflow.recordId },
  });
  const mayRead =
    caller.org.id === record.authority ||
    hasRole(caller, 'AUDITOR') ||
    (hasRole(caller, 'ENTERPRISE') && caller.org.creditCode === record.subject);
  if (!mayRead) throw new Problem('forbidden', `${caller.org.id} may not read ${what} ${id}`);
  return workflow;
}

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
        params: Type.Object({ id: Id }),
        body: Type.Object(
          { reason: Text(1000), evidenceHash: Hash },
          { additionalProperties: false },
        ),
        response: { 201: WrittenObjection, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const caller = requireRole(request, 'ENTERPRISE');
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'credit:fileObjection',
        args: { id: randomUUID(), recordId: request.params.id, ...request.body },
      });
      return reply.code(201).send({ ...result, txId, blockNumber });
    },
  );

  app.get(
    '/v1/objections/:id',
    {
      schema: {
        tags: ['credit'],
        summary: "An objection (the subject enterprise, the record's authority, AUDITOR)",
        params: Type.Object({ id: Id }),
        response: { 200: ObjectionSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      readWorkflow(app, callerOf(request), 'credit:getObjection', request.params.id, 'objection'),
  );

  app.post(
    '/v1/objections/:id/resolve',
    {
      config: { idempotent: true },
      schema: {
        tags: ['credit'],
        summary: "Resolve an objection (the record's authority): CORRECTED withdraws the record",
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            outcome: StringEnum(OBJECTION_OUTCOMES),
            note: Text(1000),
          },
          { additionalProperties: false },
        ),
        response: { 200: WrittenObjection, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const caller = requireRole(request, 'CREDIT_AUTHORITY');
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'credit:resolveObjection',
        args: { id: request.params.id, ...request.body },
      });
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
        params: Type.Object({ id: Id }),
        body: Type.Object(
          { evidenceHash: Hash, note: Text(1000) },
          { additionalProperties: false },
        ),
        response: { 201: WrittenRepair, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const caller = requireRole(request, 'ENTERPRISE');
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'credit:requestRepair',
        args: { id: randomUUID(), recordId: request.params.id, ...request.body },
      });
      return reply.code(201).send({ ...result, txId, blockNumber });
    },
  );

  app.get(
    '/v1/repair-requests/:id',
    {
      schema: {
        tags: ['credit'],
        summary: "A repair request (the subject enterprise, the record's authority, AUDITOR)",
        params: Type.Object({ id: Id }),
        response: { 200: RepairRequestSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      readWorkflow(
        app,
        callerOf(request),
        'credit:getRepairRequest',
        request.params.id,
        'repair request',
      ),
  );

  for (const [decision, fn] of [
    ['approve', 'credit:approveRepair'],
    ['reject', 'credit:rejectRepair'],
  ] as const) {
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
          params: Type.Object({ id: Id }),
          body: Note,
          response: { 200: WrittenRepair, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const caller = requireRole(request, 'CREDIT_AUTHORITY');
        const { result, txId, blockNumber } = await app.ledger.submit({
          org: caller.org.id,
          fn,
          args: { id: request.params.id, note: request.body.note },
        });
        return { ...result, txId, blockNumber };
      },
    );
  }
};
