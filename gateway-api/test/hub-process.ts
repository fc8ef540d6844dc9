import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export type Backend = 'embedded' | 'evm';

/** The backends the black-box suite runs on (`HUB_TEST_BACKENDS=embedded,evm` to choose). */
export const BACKENDS: readonly Backend[] = (process.env.HUB_TEST_BACKENDS ?? 'embedded,evm')
  .split(',')
  .map((each) => each.trim() as Backend);

const SERVER = resolve(__dirname, '..', 'dist', 'server.js');

export interface HubProcess {
  readonly url: string;
  readonly dataDir: string;
  readonly backend: Backend;
  /** The demo organizations' API keys, as `api-keys.json` has them. */
  readonly keys: Readonly<Record<string, string>>;
  /** Log lines the hub wrote, parsed. */
  readonly logs: ReadonlyArray<Record<string, unknown>>;
  /** SIGTERM, then waits for the process to exit; resolves its exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no chance to finish anything. */
  kill(): Promise<void>;
  /** Stops the process (if running) and removes the data dir. */
  dispose(): Promise<void>;
}

export interface StartOptions {
  readonly backend: Backend;
  /** Reuse a data dir (a restart); a fresh temporary one otherwise. */
  readonly dataDir?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** A port nothing listens on now (the hub is told it, so readiness does not hang on logs). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Polls `/healthz` until it answers; fails as soon as the process has exited. */
async function untilListening(url: string, exited: Promise<number | null>): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (;;) {
    // Set by the exit callback while the loop awaits.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (gone) throw new Error('exited');
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts the built hub (`gateway-api/dist/server.js`, run `npm run build` first) as its own
 * process on a free port, as an operator would, and waits until it listens.
 */
export async function startHub(options: StartOptions): Promise<HubProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'citytrust-hub-')));
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      HUB_DATA_DIR: dataDir,
      HUB_LEDGER: options.backend,
      HUB_EVM_RPC: '',
      LOG_LEVEL: 'info',
      CORE_CHAINCODE_LOGGING_LEVEL: 'ERROR',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolveExit) =>
    child.once('exit', (code) => {
      resolveExit(code);
    }),
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      logs.push({ raw: line });
    }
  });
  const url = `http://127.0.0.1:${port}`;
  await untilListening(url, exited).catch(async () => {
    throw new Error(`the hub exited (${await exited}) before listening:\n${stderr}`);
  });
  const keys = JSON.parse(await readFile(join(dataDir, 'api-keys.json'), 'utf8')) as Record<
    string,
    string
  >;
  const hub: HubProcess = {
    url,
    dataDir,
    backend: options.backend,
    keys,
    logs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async dispose() {
      await hub.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return hub;
}

export interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** What `call` sends besides the method and path; `org` sends that organization's demo key. */
export interface CallOptions {
  org?: string;
  key?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** The headers and body `call` sends, whichever way it reaches the hub. */
export function requestOf(
  keys: Readonly<Record<string, string>>,
  options: CallOptions,
): { headers: Record<string, string>; body: string | undefined } {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key ?? (options.org ? keys[options.org] : undefined);
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  return { headers, body };
}

/** An answer's body: JSON parsed, anything else (metrics, docs) left as text. */
export function parseBody(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

/** One HTTP call to the hub as a city system makes it. */
export async function call<T = Record<string, unknown>>(
  hub: HubProcess,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const { headers, body } = requestOf(hub.keys, options);
  const response = await fetch(`${hub.url}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: parseBody(text) as T };
}
