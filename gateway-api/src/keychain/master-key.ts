import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createFileAtomically } from '../storage/atomic-file';

export const MASTER_KEY_BYTES = 32;

/**
 * The keychain's fallback secret when no HUB_KEYCHAIN_SECRET is given: 32 random bytes,
 * created once (mode 0600) and read back on every later start.
 */
export async function loadOrCreateMasterKey(
  path: string,
): Promise<{ key: Buffer; created: boolean }> {
  const created = await createFileAtomically(path, randomBytes(MASTER_KEY_BYTES), 0o600);
  const key = await readFile(path);
  if (key.length !== MASTER_KEY_BYTES) {
    throw new Error(
      `keychain master key ${path} is ${key.length} bytes, not ${MASTER_KEY_BYTES}: it is damaged`,
    );
  }
  return { key, created };
}
