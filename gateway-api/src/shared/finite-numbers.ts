import { Problem } from './problem';

/**
 * The path of the first number JSON text can hold but JSON values cannot (`1e400` parses to
 * Infinity), or undefined. Such a number has no canonical form (RFC 8785), so a body holding
 * one could be neither hashed nor written; it is refused before anything reads it.
 */
export function firstNonFiniteNumber(value: unknown, path = ''): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path || '/';
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNonFiniteNumber(value[i], `${path}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = firstNonFiniteNumber(item, `${path}/${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function assertFiniteNumbers(body: unknown): void {
  const path = firstNonFiniteNumber(body);
  if (path !== undefined)
    throw new Problem('validation', `body${path} is a number too large for JSON values`);
}
