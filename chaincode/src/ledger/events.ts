import type { LedgerEventName } from '@citytrust/domain';
import type { Context } from 'fabric-contract-api';
import { canonicalBytes } from './canonical';

/**
 * Sets the transaction's chaincode event. Fabric keeps one event per transaction, so each
 * transaction emits exactly one, carrying ids and hashes only, never personal data.
 */
export function emitEvent(
  ctx: Context,
  name: LedgerEventName,
  payload: Record<string, unknown>,
): void {
  ctx.stub.setEvent(name, canonicalBytes(payload));
}
