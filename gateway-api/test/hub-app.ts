import type { FastifyInstance } from 'fastify';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { OutgoingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openLedger } from '../src/ledgers/open-ledger';
import {
  BACKENDS,
  call as callProcess,
  parseBody,
  requestOf,
  type Answer,
  type Backend,
  type CallOptions,
  type HubProcess,
} from './hub-process';

export { BACKENDS, type Answer, type Backend, type CallOptions };

/**
 * The hub built in this process (`buildApp`, as `server.ts` builds it) on a fresh temporary
 * data dir: requests go through `app.inject()`, no socket, unless a test asks to `listen()`.
 */
export interface HubApp {
  readonly app: FastifyInstance;
  readonly backend: Backend;
  readonly dataDir: string;
  /** The demo organizations' API keys, as `api-keys.json` has them. */
  readonly keys: Readonly<Record<string, string>>;
  /** The hub's public URL (`HUB_PUBLIC_URL`, in the links it writes); nothing listens there. */
  readonly url: string;
  /** `fetch` through `inject`, for clients that take one (the sdk's); the URL's origin is ignored. */
  readonly fetch: typeof fetch;
  /** Listens on a free loopback port, for clients that need a socket (streams); resolves its URL. */
  listen(): Promise<string>;
  /** Closes the app (its ledger too) and removes the data dir. */
  dispose(): Promise<void>;
}

/** Either harness's hub: `call` answers through `inject` in-process, over HTTP to a process. */
export type Hub = HubApp | HubProcess;

export interface StartAppOptions {
  readonly backend: Backend;
  /** Settings on top of the test's environment, as the process harness takes them. */
  readonly env?: Readonly<Record<string, string>>;
}

const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const;

/** The method as `inject` takes it; the tests only send these. */
function methodOf(method: string): (typeof METHODS)[number] {
  const upper = method.toUpperCase();
  const known = METHODS.find((each) => each === upper);
  if (known === undefined) throw new Error(`the in-process hub is not sent ${method}`);
  return known;
}

function headersOf(raw: OutgoingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const each of Array.isArray(value) ? value : [value]) headers.append(name, String(each));
  }
  return headers;
}

function fetchThrough(app: FastifyInstance, base: string): typeof fetch {
  return async (input, init) => {
    const request = new Request(typeof input === 'string' ? new URL(input, base) : input, init);
    const url = new URL(request.url);
    const payload = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    const response = await app.inject({
      method: methodOf(request.method),
      url: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(request.headers),
      ...(payload !== undefined && { payload }),
    });
    const bodiless = request.method === 'HEAD' || [204, 205, 304].includes(response.statusCode);
    return new Response(bodiless ? null : response.rawPayload, {
      status: response.statusCode,
      statusText: response.statusMessage,
      headers: headersOf(response.headers),
    });
  };
}

/**
 * Builds the hub in this process with the settings `server.ts` reads (`loadConfig`), a new
 * temporary `HUB_DATA_DIR` and the chosen `HUB_LEDGER`, and waits until it is ready. The evm
 * backend runs on Hardhat's in-process chain, shared by the test file.
 */
export async function startHubApp(options: StartAppOptions): Promise<HubApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'citytrust-hub-app-'));
  let app: FastifyInstance | undefined;
  try {
    const config = loadConfig({
      ...process.env,
      HOST: '127.0.0.1',
      HUB_DATA_DIR: dataDir,
      HUB_LEDGER: options.backend,
      HUB_EVM_RPC: '',
      ...options.env,
    });
    // The evm connector reads HUB_EVM_RPC from the environment, not from the config; jest
    // gives each test file its own process.env, so this stays in the file.
    process.env.HUB_EVM_RPC = config.evmRpc ?? '';
    app = await buildApp(config, { openLedger, logger: false });
    await app.ready();
    const keys = JSON.parse(await readFile(join(dataDir, 'api-keys.json'), 'utf8')) as Record<
      string,
      string
    >;
    const built = app;
    return {
      app: built,
      backend: options.backend,
      dataDir,
      keys,
      url: config.publicUrl,
      fetch: fetchThrough(built, config.publicUrl),
      listen: () => built.listen({ port: 0, host: '127.0.0.1' }),
      async dispose() {
        await built.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** One HTTP call to the hub as a city system makes it. */
export async function call<T = Record<string, unknown>>(
  hub: Hub,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  if (!('app' in hub)) return callProcess<T>(hub, method, path, options);
  const { headers, body } = requestOf(hub.keys, options);
  const response = await hub.app.inject({
    method: methodOf(method),
    url: path,
    headers,
    ...(body !== undefined && { payload: body }),
  });
  return {
    status: response.statusCode,
    headers: headersOf(response.headers),
    body: parseBody(response.payload) as T,
  };
}
