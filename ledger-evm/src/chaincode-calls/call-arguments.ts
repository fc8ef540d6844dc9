import { dataSlice, getAddress, id as keccakOfText } from 'ethers';
import { type Args, CallInputError } from './call-context';

/** The chaincode's JSON arguments read as ABI values, refused as its schemas refuse them. */

/** Refuses fields other than these, and missing required ones, as the chaincode's schemas do. */
export function fields(args: Args, required: readonly string[], optional: readonly string[] = []) {
  for (const name of Object.keys(args))
    if (!required.includes(name) && !optional.includes(name))
      throw new CallInputError(`${name}: unknown field`);
  for (const name of required)
    if (args[name] === undefined) throw new CallInputError(`${name}: required`);
}

export function str(args: Args, name: string): string {
  const value = args[name];
  if (typeof value !== 'string') throw new CallInputError(`${name}: must be a string`);
  return value;
}

export function optionalStr(args: Args, name: string): string | undefined {
  return args[name] === undefined ? undefined : str(args, name);
}

export function int(args: Args, name: string): number {
  const value = args[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new CallInputError(`${name}: must be a non-negative integer`);
  return value;
}

export function strList(args: Args, name: string): string[] {
  const value = args[name];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw new CallInputError(`${name}: must be a list of strings`);
  return value as string[];
}

/** A lowercase hex SHA-256 digest as `bytes32`. */
export function hash(args: Args, name: string): string {
  const value = str(args, name);
  if (!/^[0-9a-f]{64}$/.test(value))
    throw new CallInputError(`${name}: must be a lowercase hex SHA-256 digest`);
  return `0x${value}`;
}

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/** An RFC 3339 instant, as the chaincode reads it, in unix seconds. */
export function instant(args: Args, name: string): bigint {
  const value = str(args, name);
  const shape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
  const millis = Date.parse(value);
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (
    !shape.test(value) ||
    !Number.isFinite(millis) ||
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day ||
    millis < EARLIEST ||
    millis >= LATEST
  )
    throw new CallInputError(`${name}: must be a real RFC 3339 date-time between 1970 and 2200`);
  if (millis % 1000 !== 0) throw new CallInputError(`${name}: the EVM keeps whole seconds`);
  return BigInt(millis / 1000);
}

/** A deterministic account that no organization holds, for ids no organization has. */
export function strangerAccount(orgId: string): string {
  return getAddress(dataSlice(keccakOfText(`stranger:${orgId}`), 12));
}
