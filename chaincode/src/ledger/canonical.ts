import { canonicalJson } from '@citytrust/domain';

/** What the chaincode writes to state and events: the UTF-8 bytes of the canonical JSON. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}
