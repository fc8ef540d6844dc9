import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LedgerRefusal, LedgerUnavailable } from '../../ledgers/hub-ledger';
import {
  Problem,
  PROBLEM_KINDS,
  problemOfRefusal,
  problemType,
  type ProblemKind,
} from '../../shared/problem';

const KIND_BY_STATUS: Readonly<Record<number, ProblemKind>> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
};

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && ('statusCode' in error || 'validation' in error);
}

/** Whatever went wrong, as the problem the caller gets. Only unexpected errors are 500s. */
export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof LedgerRefusal) return problemOfRefusal(error);
  // What failed inside (addresses, node messages) goes to the log, not to the caller.
  if (error instanceof LedgerUnavailable)
    return new Problem('ledger-unavailable', 'the ledger did not answer; retry later');
  if (isFastifyError(error)) {
    if (error.validation) {
      const detail = error.validation
        .map((issue) =>
          `${issue.instancePath || error.validationContext || 'body'} ${issue.message ?? ''}`.trim(),
        )
        .join('; ');
      return new Problem('validation', detail, {
        errors: error.validation.map((issue) => ({
          path: issue.instancePath,
          message: issue.message,
        })),
      });
    }
    const status = error.statusCode ?? 500;
    const kind = KIND_BY_STATUS[status];
    if (kind) return new Problem(kind, error.message);
    if (status >= 400 && status < 500) return new Problem('validation', error.message);
  }
  return new Problem('internal', 'the request could not be completed; it has been logged');
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Problem,
): FastifyReply {
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send(problem.body(request.url));
}

/** Every error becomes `application/problem+json` (RFC 9457), unknown routes included. */
export const problemsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error, request, reply) => {
      const problem = toProblem(error);
      if (problem.kind === 'internal') request.log.error({ err: error }, 'request failed');
      else if (problem.kind === 'ledger-unavailable')
        request.log.warn({ err: error }, 'ledger unavailable');
      return sendProblem(request, reply, problem);
    });
    // A problem's `type` resolves here: what the kind means, for people and machines.
    app.get<{ Params: { kind: string } }>(
      '/errors/:kind',
      { config: { public: true }, schema: { hide: true } },
      async (request) => {
        const kind = request.params.kind;
        if (!Object.hasOwn(PROBLEM_KINDS, kind))
          throw new Problem('not-found', `no error kind ${kind}`);
        const known = PROBLEM_KINDS[kind as ProblemKind];
        return { type: problemType(kind as ProblemKind), title: known.title, status: known.status };
      },
    );
    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        request,
        reply,
        new Problem('not-found', `no route ${request.method} ${request.url.split('?')[0]}`),
      ),
    );
  },
  { name: 'problems' },
);
