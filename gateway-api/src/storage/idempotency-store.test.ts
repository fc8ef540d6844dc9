import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { InMemoryKeychain } from '../keychain/in-memory-keychain';
import { IdempotencyStore, isPending, type Remembered } from './idempotency-store';

const HOUR = 3_600_000;
const answer: Remembered = {
  fingerprint: 'f1',
  status: 201,
  contentType: 'application/json',
  body: '{"apiKey":"cth_secret-key","holder":{"id":"110101199003074512"}}',
};

describe('IdempotencyStore', () => {
  let dir: string;
  const keychain = new InMemoryKeychain();
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'citytrust-idempotency-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('gives the remembered answer back, across a reopen', async () => {
    const store = await IdempotencyStore.open(dir, keychain, 24 * HOUR);
    await store.put('org\u0000key-1', answer);
    await store.close();
    const reopened = await IdempotencyStore.open(dir, keychain, 24 * HOUR);
    expect(await reopened.get('org\u0000key-1')).toEqual(answer);
    expect(await reopened.get('org\u0000key-2')).toBeUndefined();
    await reopened.close();
  });

  it('keeps answers sealed: nothing of the body is at rest in the clear', async () => {
    const store = await IdempotencyStore.open(dir, keychain, 24 * HOUR);
    await store.put('org\u0000key-1', answer);
    await store.close();
    const raw = new ClassicLevel<string, string>(join(dir, 'gateway', 'idempotency'));
    const stored = (await raw.get('org\u0000key-1')) as string;
    await raw.close();
    expect(stored).not.toContain('cth_secret-key');
    expect(stored).not.toContain('110101199003074512');
  });

  it('refuses an answer moved to another entry (the entry is bound to its seal)', async () => {
    const store = await IdempotencyStore.open(dir, keychain, 24 * HOUR);
    await store.put('org-a\u0000key', answer);
    await store.close();
    const raw = new ClassicLevel<string, string>(join(dir, 'gateway', 'idempotency'));
    await raw.put('org-b\u0000key', (await raw.get('org-a\u0000key')) as string);
    await raw.close();
    const reopened = await IdempotencyStore.open(dir, keychain, 24 * HOUR);
    await expect(reopened.get('org-b\u0000key')).rejects.toThrow('does not open');
    await reopened.close();
  });

  it('forgets answers after the TTL, on reading and on opening', async () => {
    const store = await IdempotencyStore.open(dir, keychain, HOUR);
    const now = Date.now();
    await store.put('old', answer, now - 2 * HOUR);
    await store.put('older', answer, now - 3 * HOUR);
    await store.put('fresh', answer, now);
    expect(await store.get('old', now)).toBeUndefined();
    expect(await store.forgetExpired(now)).toBe(1);
    expect(await store.get('fresh', now)).toEqual(answer);
    await store.close();
  });

  it('keeps a started request as pending until its answer replaces it, or forgets it', async () => {
    const store = await IdempotencyStore.open(dir, keychain, 24 * HOUR);
    await store.putPending('org\u0000key', 'f1');
    await store.close();
    const reopened = await IdempotencyStore.open(dir, keychain, 24 * HOUR);
    const pending = await reopened.get('org\u0000key');
    expect(pending && isPending(pending)).toBe(true);
    await reopened.put('org\u0000key', answer);
    const answered = await reopened.get('org\u0000key');
    expect(answered && isPending(answered)).toBe(false);
    await reopened.putPending('org\u0000other', 'f2');
    await reopened.delete('org\u0000other');
    expect(await reopened.get('org\u0000other')).toBeUndefined();
    await reopened.close();
  });
});
