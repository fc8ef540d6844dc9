import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifySchemaCompiler } from 'fastify';

type ExternalSchemas = Parameters<ReturnType<typeof AjvCompiler>>[0];
/** What fastify's `schemaController.compilersFactory.buildValidator` must return. */
type AjvRouteCompiler = ReturnType<ReturnType<typeof AjvCompiler>>;

/**
 * Two Ajv instances: query strings, path parameters and headers arrive as text and are
 * coerced to their schema's types (`?limit=3` is a number); bodies are JSON and are taken as
 * they are, so `"roles": "ISSUER"` is a wrong type (400), not quietly a one-item list.
 * Neither removes unknown fields: schemas that forbid them refuse them.
 */
export function buildValidator(externalSchemas: ExternalSchemas): AjvRouteCompiler {
  const common = { removeAdditional: false as const, allErrors: false, useDefaults: true };
  const bodies = AjvCompiler()(externalSchemas, {
    customOptions: { ...common, coerceTypes: false },
  }) as unknown as FastifySchemaCompiler<unknown>;
  const text = AjvCompiler()(externalSchemas, {
    customOptions: { ...common, coerceTypes: 'array' },
  }) as unknown as FastifySchemaCompiler<unknown>;
  const byPart: FastifySchemaCompiler<unknown> = (route) =>
    route.httpPart === 'body' ? bodies(route) : text(route);
  return byPart as unknown as AjvRouteCompiler;
}
