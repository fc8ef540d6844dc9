import { Type } from '@sinclair/typebox';
import type { RoutesPlugin } from '../../shared/type-provider';
import { requireRole } from '../../plugins/infrastructure/auth';
import { Hash, LedgerCoordinates, problems } from '../../shared/schemas';

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
        params: Type.Object({ subject: Hash }),
        response: {
          200: Type.Object({
            subject: Type.String(),
            purged: Type.Array(
              Type.Object({
                keyHash: Type.String({ description: 'SHA-256 of the private data key' }),
                valueHash: Type.String({ description: 'SHA-256 of the purged value' }),
              }),
              { description: 'empty on a ledger without private data (EVM)' },
            ),
            forgottenBy: Type.String(),
            forgottenAt: Type.String(),
            ...LedgerCoordinates,
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const caller = requireRole(request, 'DATA_HOLDER');
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'authorizations:forget',
        args: { subject: request.params.subject },
      });
      const forgotten = result;
      return {
        subject: forgotten.subject,
        purged: forgotten.purged,
        forgottenBy: forgotten.forgottenBy,
        forgottenAt: forgotten.forgottenAt,
        txId,
        blockNumber,
      };
    },
  );
};
