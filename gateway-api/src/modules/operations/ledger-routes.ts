import { LEDGER_BACKENDS } from '@citytrust/domain';
import type { RoutesPlugin } from '../../shared/type-provider';
import { Type } from '@sinclair/typebox';
import { problems, StringEnum } from '../../shared/schemas';

export const ledgerRoutes: RoutesPlugin = async (app) => {
  app.get(
    '/v1/ledger',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Which ledger the hub runs on, and its height',
        response: {
          200: Type.Object({
            backend: StringEnum(LEDGER_BACKENDS),
            network: Type.String({ description: 'channel name, or EVM chain id' }),
            height: Type.Integer({ minimum: 0 }),
          }),
          ...problems(401),
        },
      },
    },
    async () => app.ledger.status(),
  );
};
