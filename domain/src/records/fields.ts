import { z } from 'zod';

/**
 * Field shapes of ledger records as the ledger writes them: instants normalized
 * (`Date#toISOString`), digests lowercase hex. A record schema names every field the ledger
 * writes; what it does not name is dropped when a result is read.
 */
export const instantField = z.string();
export const nullableInstant = instantField.nullable();
export const hashField = z.string();
export const record = <Shape extends z.ZodRawShape>(shape: Shape) => z.object(shape);
