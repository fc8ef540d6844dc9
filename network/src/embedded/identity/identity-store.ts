import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createCertificateAuthority,
  issueIdentity,
  type CertifiedKeyPem,
  type IdentityRequest,
} from './certificate-authority';
import { assertPlainName } from './names';

/** An enrolled identity as files give it: certificate and private key (PEM). */
export interface StoredIdentity extends CertifiedKeyPem {
  readonly mspId: string;
  readonly name: string;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

// Private keys are written 0600 via a temporary file and rename, so a crash never leaves
// a half-written key behind a valid certificate.
async function writeAtomically(path: string, content: string, mode: number): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, content, { mode });
  await rename(temporary, path);
}

/**
 * File-backed local certificate authorities and identities, one folder per organization:
 * `<root>/<mspId>/ca/{cert,key}.pem` and `<root>/<mspId>/users/<name>/{cert,key}.pem`.
 */
export class IdentityStore {
  readonly #root: string;
  readonly #pending = new Map<string, Promise<unknown>>();

  constructor(root: string) {
    this.#root = root;
  }

  /** Creates the organization's CA on first use; returns its certificate (PEM). */
  async ensureOrganization(mspId: string): Promise<string> {
    assertPlainName('MSP id', mspId);
    const ca = await this.#once(`ca:${mspId}`, () => this.#ensureCa(mspId));
    return ca.certificatePem;
  }

  /** Issues the identity on first use (with the given attributes); later calls return it. */
  async ensureIdentity(mspId: string, request: IdentityRequest): Promise<StoredIdentity> {
    assertPlainName('MSP id', mspId);
    assertPlainName('identity name', request.name);
    return this.#once(`id:${mspId}/${request.name}`, async () => {
      const dir = join(this.#root, mspId, 'users', request.name);
      const existing = await this.#readPair(dir);
      if (existing) {
        const stored = JSON.parse(
          (await readIfExists(join(dir, 'attributes.json'))) ?? '{}',
        ) as unknown;
        if (JSON.stringify(stored) !== JSON.stringify(request.attributes ?? {})) {
          throw new Error(`identity ${request.name} of ${mspId} exists with other attributes`);
        }
        return { mspId, name: request.name, ...existing };
      }
      const ca = await this.#once(`ca:${mspId}`, () => this.#ensureCa(mspId));
      const issued = await issueIdentity(mspId, ca, request);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeAtomically(
        join(dir, 'attributes.json'),
        JSON.stringify(request.attributes ?? {}),
        0o644,
      );
      await writeAtomically(join(dir, 'key.pem'), issued.privateKeyPem, 0o600);
      await writeAtomically(join(dir, 'cert.pem'), issued.certificatePem, 0o644);
      return { mspId, name: request.name, ...issued };
    });
  }

  /** The CA certificate of every organization in the store, by MSP id. */
  async trustedRoots(): Promise<Map<string, string>> {
    const roots = new Map<string, string>();
    let entries: string[];
    try {
      entries = await readdir(this.#root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return roots;
      throw error;
    }
    for (const mspId of entries.sort()) {
      const pem = await readIfExists(join(this.#root, mspId, 'ca', 'cert.pem'));
      if (pem) roots.set(mspId, pem);
    }
    return roots;
  }

  async #ensureCa(mspId: string): Promise<CertifiedKeyPem> {
    const dir = join(this.#root, mspId, 'ca');
    const existing = await this.#readPair(dir);
    if (existing) return existing;
    const ca = await createCertificateAuthority(mspId);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeAtomically(join(dir, 'key.pem'), ca.privateKeyPem, 0o600);
    await writeAtomically(join(dir, 'cert.pem'), ca.certificatePem, 0o644);
    return ca;
  }

  async #readPair(dir: string): Promise<CertifiedKeyPem | undefined> {
    const certificatePem = await readIfExists(join(dir, 'cert.pem'));
    const privateKeyPem = await readIfExists(join(dir, 'key.pem'));
    if (certificatePem === undefined || privateKeyPem === undefined) return undefined;
    return { certificatePem, privateKeyPem };
  }

  // Serializes concurrent first uses of the same CA or identity within this process.
  async #once<T>(key: string, create: () => Promise<T>): Promise<T> {
    const running = this.#pending.get(key) as Promise<T> | undefined;
    if (running) return running;
    const promise = create().finally(() => this.#pending.delete(key));
    this.#pending.set(key, promise);
    return promise;
  }
}
