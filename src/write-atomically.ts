import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Writes `text` to `file` through a temporary file in the same folder, renamed into place: a
 * reader never sees half a file, and a failed write (a full disk) leaves an earlier file as it
 * was and no temporary file behind. `wx` never follows or reuses whatever may already sit at
 * the temporary name.
 */
export async function writeAtomically(file: string, text: string, mode = 0o666): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, text, { flag: 'wx', mode });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
