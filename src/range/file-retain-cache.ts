import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RetainData } from '../daily-retain/response';
import { MAX_ANSWER_BYTES } from '../http-request';
import type { RetainCache } from './retain-cache';
import { writeAtomically } from '../write-atomically';

/**
 * The user's cache folder for this package, as each platform expects it:
 * $XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows.
 */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  const home = os.homedir();
  const base =
    env.XDG_CACHE_HOME ||
    (process.platform === 'darwin'
      ? path.join(home, 'Library', 'Caches')
      : process.platform === 'win32'
        ? env.LOCALAPPDATA || path.join(home, 'AppData', 'Local')
        : path.join(home, '.cache'));
  return path.join(base, 'wechat-daily-retain');
}

/**
 * Opening for reading: never through a symlink (the last part of the path), and never
 * waiting for a writer, which a FIFO in place of a record would make us do forever (and
 * with it a thread of libuv's pool, so the process could not exit). Windows has neither
 * flag, nor FIFOs or symlinks that a user plants by accident.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Final periods as JSON files, `<dir>/<appid>/<key>.json` (`day-20170313.json`,
 * `week-20170306-20170312.json`, `month-201702.json`), for runs on a laptop. Retention
 * data is the app's business, so the app's folder is 0700 and its files 0600. Only regular
 * files are read, and never through a symlink: an odd file in place of a record (a FIFO, a
 * folder, a link out of the cache) is reported and counts as a miss, and the next write
 * replaces it where it can. A write goes to a temporary file, renamed into place, which is
 * removed whatever fails.
 */
export class FileRetainCache implements RetainCache {
  constructor(readonly dir: string = defaultCacheDir()) {}

  /** The record as stored, unchecked (the range checks it, see RetainCache); undefined when there is none. */
  async get(appid: string, key: string): Promise<unknown> {
    const folder = this.folder(appid);
    if (!(await lstatOf(folder))?.isDirectory()) return undefined;
    const file = path.join(folder, fileName(key));
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, READ_FLAGS);
    } catch (error) {
      const code = errnoOf(error);
      if (code === 'ENOENT') return undefined;
      // O_NOFOLLOW fails with ELOOP on a symlink. Either way the record is not used.
      throw new Error(code === 'ELOOP' ? `${file} is a symlink` : `${file} could not be read (${code ?? String(error)})`);
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new Error(`${file} is not a regular file`);
      if (stat.size > MAX_ANSWER_BYTES) throw new Error(`${file} is larger than any record (${stat.size} bytes)`);
      const text = await handle.readFile('utf8');
      try {
        return JSON.parse(text);
      } catch {
        throw new Error(`${file} is not JSON`);
      }
    } finally {
      await handle.close();
    }
  }

  async set(appid: string, key: string, data: RetainData): Promise<void> {
    const name = fileName(key);
    const folder = this.folder(appid);
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    const stat = await lstatOf(folder);
    if (!stat?.isDirectory()) throw new Error(`${folder} is not a folder (a symlink?): nothing is cached there`);
    // A folder made by an older version was world-readable.
    if ((stat.mode & 0o077) !== 0) await fs.chmod(folder, 0o700);
    await writeAtomically(path.join(folder, name), JSON.stringify(data), 0o600);
  }

  private folder(appid: string): string {
    return path.join(this.dir, appid.replace(/[^A-Za-z0-9_-]/g, '_'));
  }
}

/** A key's file: only letters, digits and `-` (every key the range makes), so no key can name a path. */
function fileName(key: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(key)) throw new Error(`retain cache key ${JSON.stringify(key.slice(0, 70))} is not letters, digits and -`);
  return `${key}.json`;
}

/** What sits at `where` itself, never what a symlink there points to; undefined when nothing does. */
async function lstatOf(where: string) {
  try {
    return await fs.lstat(where);
  } catch {
    return undefined;
  }
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}
