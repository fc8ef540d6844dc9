import type { FastifyInstance } from 'fastify';

const names = new WeakMap<FastifyInstance, Promise<string>>();

/** `<backend>:<network>` (e.g. `embedded:citytrust`, `evm:31337`): what anchor proofs name. */
export function ledgerName(app: FastifyInstance): Promise<string> {
  let name = names.get(app);
  if (!name) {
    name = app.ledger.status().then((status) => `${status.backend}:${status.network}`);
    names.set(app, name);
    name.catch(() => names.delete(app));
  }
  return name;
}
