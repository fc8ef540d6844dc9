import { resolve } from 'node:path';
import type { LedgerBackend } from './ledgers/hub-ledger';

/** Everything the hub reads from its environment, read once at start (API.md, "embedded default"). */
export interface HubConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly ledger: LedgerBackend;
  readonly bootstrap: 'demo' | 'none';
  /** Base URL the hub is reached at, for links it writes (credential status). */
  readonly publicUrl: string;
  /** When set, `/metrics` answers only this bearer key. */
  readonly metricsKey: string | undefined;
  /** Largest request body, bytes: a 100,000-item batch fits. */
  readonly bodyLimit: number;
  readonly maxBatch: number;
  /** Requests per minute per API key (per address without one). */
  readonly rateLimitPerMinute: number;
  readonly logLevel: string;
  /** How long an `Idempotency-Key`'s answer is remembered. */
  readonly idempotencyTtlHours: number;
  /** The organization the hub reads the ledger as for callers without a key (verification). */
  readonly readerOrg: string;
  readonly evmRpc: string | undefined;
  readonly keychainSecret: string | undefined;
}

/** A setting that cannot be used: the message names the variable and what it accepts. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(values as readonly string[]).includes(raw))
    throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  return raw as T;
}

export function loadConfig(env: Env = process.env): HubConfig {
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.HUB_PUBLIC_URL || `http://${host}:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(publicUrl))
    throw new ConfigError(`HUB_PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
  return {
    port,
    host,
    dataDir: resolve(env.HUB_DATA_DIR || './data'),
    ledger: oneOf(env, 'HUB_LEDGER', ['embedded', 'fabric', 'evm'] as const, 'embedded'),
    bootstrap: oneOf(env, 'HUB_BOOTSTRAP', ['demo', 'none'] as const, 'demo'),
    publicUrl,
    metricsKey: env.HUB_METRICS_KEY || undefined,
    bodyLimit: integer(env, 'HUB_BODY_LIMIT', 128 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxBatch: integer(env, 'HUB_MAX_BATCH', 100_000, 1, 100_000),
    rateLimitPerMinute: integer(env, 'HUB_RATE_LIMIT', 6000, 1, 10_000_000),
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    idempotencyTtlHours: integer(env, 'HUB_IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 365),
    readerOrg: env.HUB_READER_ORG || 'city-data-bureau',
    evmRpc: env.HUB_EVM_RPC || undefined,
    keychainSecret: env.HUB_KEYCHAIN_SECRET || undefined,
  };
}
