import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

async function writeSynced(
  path: string,
  content: Uint8Array | string,
  mode: number,
): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    // The umask may have narrowed the mode at creation; never widened, but set it exactly.
    await handle.chmod(mode);
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// A rename or link is durable only once the directory entry itself is synced.
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const temporaryPathFor = (path: string): string =>
  `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;

/**
 * Replaces `path` with `content` so that a crash leaves either the old file or the new one,
 * complete and synced to disk: temporary file, fsync, rename, fsync of the directory.
 */
export async function replaceFileAtomically(
  path: string,
  content: Uint8Array | string,
  mode: number,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = temporaryPathFor(path);
  try {
    await writeSynced(temporary, content, mode);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

/**
 * Creates `path` with `content`, complete and synced, unless it already exists: returns false
 * then and leaves the existing file alone (two processes racing both end up with the winner's).
 */
export async function createFileAtomically(
  path: string,
  content: Uint8Array | string,
  mode: number,
): Promise<boolean> {
  const temporary = temporaryPathFor(path);
  await writeSynced(temporary, content, mode);
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  await syncDirectory(dirname(path));
  return true;
}
