import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      ledger: 'embedded',
      bootstrap: 'demo',
      publicUrl: 'http://127.0.0.1:8080',
      maxBatch: 100_000,
      metricsKey: undefined,
    });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('reads the environment', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      HUB_LEDGER: 'evm',
      HUB_BOOTSTRAP: 'none',
      HUB_DATA_DIR: '/tmp/hub',
      HUB_PUBLIC_URL: 'https://hub.city.test/',
      HUB_METRICS_KEY: 'scrape',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      ledger: 'evm',
      bootstrap: 'none',
      dataDir: '/tmp/hub',
      publicUrl: 'https://hub.city.test',
      metricsKey: 'scrape',
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['HUB_LEDGER', 'postgres'],
    ['HUB_BOOTSTRAP', 'yes'],
    ['HUB_MAX_BATCH', '100001'],
    ['HUB_PUBLIC_URL', 'ftp://hub'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
