import type { HubLedger } from '../../ledgers/hub-ledger';

const names = new WeakMap<HubLedger, Promise<string>>();

/** `<backend>:<network>` (e.g. `embedded:citytrust`, `evm:31337`): what anchor proofs name. */
export function ledgerName(ledger: HubLedger): Promise<string> {
  let name = names.get(ledger);
  if (!name) {
    name = ledger.status().then((status) => `${status.backend}:${status.network}`);
    names.set(ledger, name);
    name.catch(() => names.delete(ledger));
  }
  return name;
}
