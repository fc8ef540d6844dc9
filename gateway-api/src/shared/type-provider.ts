import type {
  FastifyPluginAsync,
  FastifyPluginOptions,
  FastifyTypeProvider,
  RawServerDefault,
} from 'fastify';
import type { Static, TSchema } from '@sinclair/typebox';

/**
 * Route types from the TypeBox schemas. `@fastify/type-provider-typebox` does the same, but it
 * takes TypeBox as a peer and resolves the copy Jest brings (0.27), whose `Static` does not
 * read 0.34 schemas; these few lines bind to ours.
 */
export interface TypeBoxTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
  serializer: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
}

export type RoutesPlugin<Options extends FastifyPluginOptions = FastifyPluginOptions> =
  FastifyPluginAsync<Options, RawServerDefault, TypeBoxTypeProvider>;
