// `npm start` until the gateway exists: runs the embedded ledger on the data dir and keeps it
// open until SIGINT/SIGTERM, when it commits what was ordered and closes cleanly.
import { resolve } from 'node:path';
import { EmbeddedPeer } from './peer/embedded-peer';

function log(message: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), msg: message, ...fields })}\n`,
  );
}

async function main(): Promise<void> {
  const ledger = process.env.HUB_LEDGER ?? 'embedded';
  if (ledger !== 'embedded') {
    throw new Error(`HUB_LEDGER=${ledger} is not available yet; only "embedded" is`);
  }
  const dataDir = resolve(process.env.HUB_DATA_DIR ?? './data');
  const peer = await EmbeddedPeer.open({ dataDir, chaincodes: [] });
  log('embedded ledger ready', { dataDir, ...peer.ledgerInfo() });
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const stop = (signal: string): void => {
    log('stopping', { signal });
    clearInterval(keepAlive);
    peer.close().then(
      () => {
        log('ledger closed');
      },
      (error: unknown) => {
        log('close failed', { error: String(error) });
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log('start failed', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
