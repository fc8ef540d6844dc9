import Ajv from 'ajv';
import { Problem } from '../../shared/problem';

/** One error of a claims check, as the problem's `errors` lists it. */
interface ClaimsIssue {
  readonly path: string;
  readonly message: string;
}

type CompiledSchema = ((data: unknown) => boolean | PromiseLike<unknown>) & {
  errors?: ReadonlyArray<{ instancePath?: string; message?: string }> | null;
};

/**
 * Checks certificate claims against their type's JSON Schema. Compiled validators are kept by
 * schema hash (schemas are content-addressed, so a hash always means the same schema). Its own
 * Ajv instance, apart from fastify's: claims are checked as given, never coerced or trimmed.
 */
export class ClaimsValidator {
  readonly #ajv = new Ajv({ allErrors: true });
  readonly #compiled = new Map<string, CompiledSchema>();

  /** Throws a validation problem when `schema` is not a JSON Schema this hub can check with. */
  assertUsable(schema: Record<string, unknown>): void {
    try {
      this.#ajv.compile(schema);
    } catch (error) {
      throw new Problem(
        'validation',
        `schema is not a usable JSON Schema: ${(error as Error).message}`,
      );
    }
  }

  #validatorOf(schemaHash: string, schema: Record<string, unknown>): CompiledSchema {
    let validate = this.#compiled.get(schemaHash);
    if (!validate) {
      validate = this.#ajv.compile(schema) as CompiledSchema;
      this.#compiled.set(schemaHash, validate);
    }
    return validate;
  }

  /** The problems of `claims` under the schema; empty when they conform. */
  issues(schemaHash: string, schema: Record<string, unknown>, claims: unknown): ClaimsIssue[] {
    const validate = this.#validatorOf(schemaHash, schema);
    if (validate(claims) === true) return [];
    return (validate.errors ?? []).map((error) => ({
      path: error.instancePath ?? '',
      message: error.message ?? 'is not valid',
    }));
  }

  /** Throws a 400 naming where (`at`, e.g. `/items/3/claims`) the claims break the schema. */
  assertValid(
    schemaHash: string,
    schema: Record<string, unknown>,
    claims: unknown,
    at: string,
  ): void {
    const issues = this.issues(schemaHash, schema, claims);
    if (issues.length === 0) return;
    const errors = issues.map((issue) => ({ path: `${at}${issue.path}`, message: issue.message }));
    throw new Problem(
      'validation',
      errors.map((error) => `${error.path} ${error.message}`).join('; '),
      { errors },
    );
  }
}
