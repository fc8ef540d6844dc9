/** Where the hub's records live: the embedded peer, a Fabric network or an EVM chain. */
export const LEDGER_BACKENDS = ['embedded', 'fabric', 'evm'] as const;
export type LedgerBackend = (typeof LEDGER_BACKENDS)[number];
