import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { HubConfig } from '../../config';

declare module 'fastify' {
  interface FastifyInstance {
    config: HubConfig;
  }
}

export const configPlugin = fp(
  async (app: FastifyInstance, options: { config: HubConfig }) => {
    app.decorate('config', options.config);
  },
  { name: 'config' },
);
