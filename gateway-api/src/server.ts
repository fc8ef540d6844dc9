// Starts the hub: builds the app, listens on HOST:PORT, and on SIGTERM/SIGINT stops taking
// requests, lets in-flight writes finish, then closes the ledger.
import './ledgers/embedded/chaincode-log-level';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openLedger } from './ledgers/open-ledger';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config, { openLedger });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: finishing in-flight requests');
    app.close().then(
      () => {
        app.log.info('stopped');
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'stop failed');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { address, ledger: config.ledger, dataDir: config.dataDir },
    `CityTrust Hub listening on ${address}`,
  );
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? error.stack
        : String(error);
  process.stderr.write(`CityTrust Hub failed to start: ${message}\n`);
  process.exit(1);
});
