import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIPluginKeychain } from '@hyperledger/cactus-core-api';
import {
  FileKeychain,
  KEYCHAIN_DIR,
  KEYCHAIN_FILE,
  KEYCHAIN_SECRET_ENV,
  KeychainError,
  MASTER_KEY_FILE,
} from './file-keychain';

const SECRET = 'correct horse battery staple';
const VALUE = 'value-that-must-never-appear-in-the-file';

let dataDir: string;
const keychainPath = (): string => join(dataDir, KEYCHAIN_DIR, KEYCHAIN_FILE);
const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'citytrust-keychain-'));
  delete process.env.HUB_KEYCHAIN_SECRET;
});

afterEach(async () => {
  delete process.env.HUB_KEYCHAIN_SECRET;
  await rm(dataDir, { recursive: true, force: true });
});

describe('FileKeychain', () => {
  it('is a Cactus keychain plugin', async () => {
    const { keychain } = await FileKeychain.open({ dataDir, secret: SECRET, instanceId: 'kc-1' });
    expect(isIPluginKeychain(keychain)).toBe(true);
    expect(keychain.getInstanceId()).toBe('kc-1');
    expect(keychain.getKeychainId()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps values across a reopen with the same secret, and the keychain id with them', async () => {
    const first = await FileKeychain.open({ dataDir, secret: SECRET });
    expect(first.usesLocalMasterKey).toBe(false);
    await first.keychain.set('identity/org-a', VALUE);
    await first.keychain.set('identity/org-b', 'ünïcödé ✓');

    const second = await FileKeychain.open({ dataDir, secret: SECRET });
    expect(second.keychain.getKeychainId()).toBe(first.keychain.getKeychainId());
    expect(await second.keychain.has('identity/org-a')).toBe(true);
    expect(await second.keychain.get('identity/org-a')).toBe(VALUE);
    expect(await second.keychain.get('identity/org-b')).toBe('ünïcödé ✓');
  });

  it('reads the secret from HUB_KEYCHAIN_SECRET', async () => {
    process.env[KEYCHAIN_SECRET_ENV] = SECRET;
    const first = await FileKeychain.open({ dataDir });
    expect(first.usesLocalMasterKey).toBe(false);
    await first.keychain.set('k', VALUE);
    const reopened = await FileKeychain.open({ dataDir, secret: SECRET });
    expect(await reopened.keychain.get('k')).toBe(VALUE);
  });

  it('writes no plaintext value to disk, and seals equal values differently', async () => {
    const { keychain } = await FileKeychain.open({ dataDir, secret: SECRET });
    await keychain.set('a', VALUE);
    await keychain.set('b', VALUE);
    const raw = await readFile(keychainPath(), 'utf8');
    expect(raw).not.toContain(VALUE);
    expect(raw).not.toContain(Buffer.from(VALUE).toString('base64'));
    expect(raw).not.toContain(Buffer.from(VALUE).toString('hex'));
    expect(raw).not.toContain(SECRET);
    const file = JSON.parse(raw) as {
      entries: { a: { iv: string; data: string }; b: { iv: string; data: string } };
    };
    expect(file.entries.a.iv).not.toBe(file.entries.b.iv);
    expect(file.entries.a.data).not.toBe(file.entries.b.data);
  });

  it('refuses a wrong secret with a clear error and leaves the file as it was', async () => {
    const { keychain } = await FileKeychain.open({ dataDir, secret: SECRET });
    await keychain.set('k', VALUE);
    const before = await readFile(keychainPath());
    await expect(FileKeychain.open({ dataDir, secret: 'wrong secret' })).rejects.toThrow(
      new KeychainError(
        `keychain ${keychainPath()}: ${KEYCHAIN_SECRET_ENV} is wrong (the key check failed authentication)`,
      ),
    );
    await expect(FileKeychain.open({ dataDir })).rejects.toThrow(
      /HUB_KEYCHAIN_SECRET, which is not set/,
    );
    expect(await readFile(keychainPath())).toEqual(before);
  });

  it('detects a tampered value (authentication tag) instead of returning garbage', async () => {
    const { keychain } = await FileKeychain.open({ dataDir, secret: SECRET });
    await keychain.set('k', VALUE);
    const file = JSON.parse(await readFile(keychainPath(), 'utf8')) as {
      entries: { k: { data: string } };
    };
    const data = Buffer.from(file.entries.k.data, 'base64');
    data.writeUInt8(data.readUInt8(0) ^ 0x01, 0);
    file.entries.k.data = data.toString('base64');
    await writeFile(keychainPath(), JSON.stringify(file));
    await expect(FileKeychain.open({ dataDir, secret: SECRET })).rejects.toThrow(
      /entry "k" failed authentication \(GCM tag mismatch\): the file was tampered with/,
    );
  });

  it('detects a value moved to another key name', async () => {
    const { keychain } = await FileKeychain.open({ dataDir, secret: SECRET });
    await keychain.set('admin', 'admin-value');
    await keychain.set('guest', 'guest-value');
    const file = JSON.parse(await readFile(keychainPath(), 'utf8')) as {
      entries: Record<string, unknown>;
    };
    file.entries.guest = file.entries.admin;
    await writeFile(keychainPath(), JSON.stringify(file));
    await expect(FileKeychain.open({ dataDir, secret: SECRET })).rejects.toThrow(
      /entry "guest" failed authentication/,
    );
  });

  it('refuses a file that is not a keychain', async () => {
    await FileKeychain.open({ dataDir, secret: SECRET });
    await writeFile(keychainPath(), '{"format":"something else"}');
    await expect(FileKeychain.open({ dataDir, secret: SECRET })).rejects.toThrow(
      /is not a citytrust-keychain\/1 file/,
    );
    await writeFile(keychainPath(), '{ truncated');
    await expect(FileKeychain.open({ dataDir, secret: SECRET })).rejects.toThrow(
      /is not valid JSON/,
    );
  });

  it('throws a clear error for a missing key', async () => {
    const { keychain } = await FileKeychain.open({ dataDir, secret: SECRET });
    expect(await keychain.has('nope')).toBe(false);
    await expect(keychain.get('nope')).rejects.toThrow(
      new KeychainError(`keychain ${keychain.getKeychainId()} has no entry "nope"`),
    );
    await expect(keychain.get('')).rejects.toThrow(TypeError);
  });

  it('deletes an entry, on disk too', async () => {
    const { keychain } = await FileKeychain.open({ dataDir, secret: SECRET });
    await keychain.set('gone', VALUE);
    await keychain.set('kept', 'kept');
    await keychain.delete('gone');
    await keychain.delete('never-there');
    expect(await keychain.has('gone')).toBe(false);
    await expect(keychain.get('gone')).rejects.toThrow(/has no entry "gone"/);
    const reopened = await FileKeychain.open({ dataDir, secret: SECRET });
    expect(await reopened.keychain.has('gone')).toBe(false);
    expect(await reopened.keychain.get('kept')).toBe('kept');
    const file = JSON.parse(await readFile(keychainPath(), 'utf8')) as {
      entries: Record<string, unknown>;
    };
    expect(Object.keys(file.entries)).toEqual(['kept']);
  });

  it('serializes concurrent sets: none is lost', async () => {
    const { keychain } = await FileKeychain.open({ dataDir, secret: SECRET });
    await Promise.all(Array.from({ length: 25 }, (_, i) => keychain.set(`key-${i}`, `value-${i}`)));
    const reopened = await FileKeychain.open({ dataDir, secret: SECRET });
    for (let i = 0; i < 25; i++) expect(await reopened.keychain.get(`key-${i}`)).toBe(`value-${i}`);
  });

  it('writes the keychain 0600 in a 0700 folder, and leaves no temporary file', async () => {
    const { keychain } = await FileKeychain.open({ dataDir, secret: SECRET });
    await keychain.set('k', VALUE);
    expect(await mode(keychainPath())).toBe(0o600);
    expect(await mode(join(dataDir, KEYCHAIN_DIR))).toBe(0o700);
    expect(await readdir(join(dataDir, KEYCHAIN_DIR))).toEqual([KEYCHAIN_FILE]);
  });

  describe('without a secret', () => {
    it('generates master.key once (0600), says so, and reuses it', async () => {
      const first = await FileKeychain.open({ dataDir });
      expect(first).toMatchObject({ usesLocalMasterKey: true, masterKeyCreated: true });
      const masterKeyPath = join(dataDir, KEYCHAIN_DIR, MASTER_KEY_FILE);
      const masterKey = await readFile(masterKeyPath);
      expect(masterKey).toHaveLength(32);
      expect(await mode(masterKeyPath)).toBe(0o600);
      await first.keychain.set('k', VALUE);

      const second = await FileKeychain.open({ dataDir });
      expect(second).toMatchObject({ usesLocalMasterKey: true, masterKeyCreated: false });
      expect(await second.keychain.get('k')).toBe(VALUE);
      expect(await readFile(masterKeyPath)).toEqual(masterKey);
      expect(await readFile(keychainPath(), 'utf8')).not.toContain(VALUE);
    });

    it('refuses to open when master.key is lost or replaced, or a secret is now set', async () => {
      const { keychain } = await FileKeychain.open({ dataDir });
      await keychain.set('k', VALUE);
      const masterKeyPath = join(dataDir, KEYCHAIN_DIR, MASTER_KEY_FILE);
      await expect(FileKeychain.open({ dataDir, secret: SECRET })).rejects.toThrow(
        /is encrypted under .*master\.key, but HUB_KEYCHAIN_SECRET is set/,
      );
      await writeFile(masterKeyPath, Buffer.alloc(32, 7));
      await expect(FileKeychain.open({ dataDir })).rejects.toThrow(/master\.key does not open it/);
      await rm(masterKeyPath);
      await expect(FileKeychain.open({ dataDir })).rejects.toThrow(/is missing or damaged/);
      // Nothing was regenerated behind the caller's back.
      await expect(stat(masterKeyPath)).rejects.toThrow(/ENOENT/);
    });
  });
});
