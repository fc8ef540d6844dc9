import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LedgerRefusal, LedgerUnavailable } from '../ledgers/hub-ledger';
import { Problem, problemOfRefusal, type ProblemKind } from '../errors/problem';

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
  if (error instanceof LedgerUnavailable) return new Problem('ledger-unavailable', error.message);
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
