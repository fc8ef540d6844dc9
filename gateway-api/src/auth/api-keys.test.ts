import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyStore, hashKey, keyStorePath } from './api-keys';

/** The key handed out to `org`; failing the test when there is none. */
function keyOf(keys: Readonly<Record<string, string>>, org: string): string {
  const key = keys[org];
  if (key === undefined) throw new Error(`no key was handed out to ${org}`);
  return key;
}

describe('ApiKeyStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'citytrust-keys-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('issues keys that map to their organization, across a reopen', async () => {
    const store = await ApiKeyStore.open(dir);
    const keys = await store.issue(['city-bank', 'audit-office']);
    const [bankKey, auditKey] = [keyOf(keys, 'city-bank'), keyOf(keys, 'audit-office')];
    expect(bankKey).toMatch(/^cth_[A-Za-z0-9_-]{43}$/);
    const reopened = await ApiKeyStore.open(dir);
    expect(reopened.size).toBe(2);
    expect(reopened.organizationOf(bankKey)).toBe('city-bank');
    expect(reopened.organizationOf(auditKey)).toBe('audit-office');
    expect(reopened.organizationOf('cth_not-a-key')).toBeUndefined();
  });

  it('keeps only hashes, in a file only the hub can read', async () => {
    const store = await ApiKeyStore.open(dir);
    const bankKey = keyOf(await store.issue(['city-bank']), 'city-bank');
    const content = await readFile(keyStorePath(dir), 'utf8');
    expect(content).not.toContain(bankKey);
    expect(content).toContain(hashKey(bankKey));
    expect((await stat(keyStorePath(dir))).mode & 0o777).toBe(0o600);
  });

  it('hands keys out before saving their hashes, and saves nothing when that fails', async () => {
    const store = await ApiKeyStore.open(dir);
    await expect(
      store.issue(['city-bank'], async () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(store.size).toBe(0);
    expect((await ApiKeyStore.open(dir)).size).toBe(0);
  });
});
