import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeAtomically } from '../write-atomically';

/** A local file or folder the CLI cannot use (exit code 3). The message names it and what to do. */
export class LocalError extends Error {
  override name = 'LocalError';
}

/** Why `error` (from fs) happened, in words, with what to do: no raw `ENOENT: …` for a person. */
function reason(error: unknown, fix: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied: ${fix}`;
    case 'EROFS':
      return `the file system is read-only: ${fix}`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `the disk is full: free some space, or ${fix}`;
    case 'ENOTDIR':
      return `a part of the path is a file, not a folder: ${fix}`;
    default:
      return `${code ?? (error instanceof Error ? error.message : String(error))}: ${fix}`;
  }
}

const OTHER_OUT = 'give another --out';

/**
 * Checks, before anything is fetched, that `out` can be written: its folder exists and is a
 * folder, and `out` itself is not a folder. A failure after a range of fetching would waste
 * it (and the quota it used).
 */
export async function checkOutFile(out: string): Promise<void> {
  const folder = path.dirname(path.resolve(out));
  const stat = await fs.stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new LocalError(`cannot write ${out}: the folder ${folder} does not exist: create it, or ${OTHER_OUT}`);
    throw new LocalError(`cannot write ${out}: ${reason(error, OTHER_OUT)}`);
  });
  if (!stat.isDirectory()) throw new LocalError(`cannot write ${out}: ${folder} is not a folder: ${OTHER_OUT}`);
  if ((await fs.stat(out).catch(() => undefined))?.isDirectory()) {
    throw new LocalError(`cannot write ${out}: it is a folder: give a file name, such as ${path.join(out, 'report.html')}`);
  }
  await fs.access(folder, constants.W_OK).catch((error) => {
    throw new LocalError(`cannot write ${out}: ${reason(error, OTHER_OUT)}`);
  });
}

/** Writes `text` to `out` atomically (see writeAtomically), or says why it cannot. */
export async function writeOutFile(out: string, text: string): Promise<void> {
  await writeAtomically(out, text).catch((error: unknown) => {
    throw new LocalError(`cannot write ${out}: ${reason(error, OTHER_OUT)}`);
  });
}

const OTHER_CACHE = 'set RETAIN_CACHE_DIR to a folder you can write';

/**
 * Makes the cache folder (0700: retention data is the app's business) and checks that it
 * can be read and written, before anything is fetched. Without it every run would fetch
 * every day again; a bad record inside it is only a warning (the range refetches the day and
 * overwrites the record).
 */
export async function checkCacheDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new LocalError(`cannot use the cache folder ${dir}: it is a file, not a folder: move it away, or ${OTHER_CACHE}`);
    throw new LocalError(`cannot use the cache folder ${dir}: ${reason(error, OTHER_CACHE)}`);
  }
  const stat = await fs.stat(dir);
  if (!stat.isDirectory()) throw new LocalError(`cannot use the cache folder ${dir}: it is not a folder: ${OTHER_CACHE}`);
  await fs.access(dir, constants.R_OK | constants.W_OK | constants.X_OK).catch((error) => {
    throw new LocalError(`cannot use the cache folder ${dir}: ${reason(error, `fix its permissions, or ${OTHER_CACHE}`)}`);
  });
}
