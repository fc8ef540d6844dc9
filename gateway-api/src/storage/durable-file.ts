import { open, rename } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { mkdir } from 'node:fs/promises';

/**
 * Replaces a file's content all at once and durably: written beside it, flushed, renamed over
 * it, and the folder flushed, so a crash leaves the old content or the new, never half.
 */
export async function writeFileDurably(path: string, content: string, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const file = await open(temporary, 'w', mode);
  try {
    await file.writeFile(content, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
