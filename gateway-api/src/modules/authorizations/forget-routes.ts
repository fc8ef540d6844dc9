import type { RoutesPlugin } from '../../shared/type-provider';
import { callerOf } from '../../plugins/infrastructure/auth';
import { problems } from '../../shared/schemas';
import { forgetSubject } from './forget-service';
import { Forgotten, SubjectParams } from './schemas';

/** Forgetting: a data holder purges a citizen's personal data; the purge itself is recorded. */
export const forgetRoutes: RoutesPlugin = async (app) => {
  app.post(
    '/v1/subjects/:subject/forget',
    {
      config: { idempotent: true },
      schema: {
        tags: ['authorizations'],
        summary:
          "Purge a citizen's personal data held by the calling DATA_HOLDER; answers hashes of what was purged",
        params: SubjectParams,
        response: { 200: Forgotten, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { result, txId, blockNumber } = await forgetSubject(
        app.ledger,
        callerOf(request),
        request.params.subject,
      );
      return {
        subject: result.subject,
        purged: result.purged,
        forgottenBy: result.forgottenBy,
        forgottenAt: result.forgottenAt,
        txId,
        blockNumber,
      };
    },
  );
};
