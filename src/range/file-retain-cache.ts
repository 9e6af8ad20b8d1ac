import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DailyRetainData } from '../daily-retain/response';
import type { RetainCache } from './retain-cache';

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

/** Final days as JSON files, `<dir>/<appid>/<yyyymmdd>.json`, for runs on a laptop. */
export class FileRetainCache implements RetainCache {
  constructor(readonly dir: string = defaultCacheDir()) {}

  async get(appid: string, refDate: string): Promise<DailyRetainData | undefined> {
    try {
      const day = JSON.parse(await fs.readFile(this.file(appid, refDate), 'utf8')) as DailyRetainData;
      return day.refDate === refDate ? day : undefined;
    } catch {
      // Missing or unreadable: fetch it again, and the next write repairs the file.
      return undefined;
    }
  }

  async set(appid: string, refDate: string, day: DailyRetainData): Promise<void> {
    const file = this.file(appid, refDate);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so that a reader never sees half a file.
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(temp, JSON.stringify(day));
    await fs.rename(temp, file);
  }

  private file(appid: string, refDate: string): string {
    return path.join(this.dir, appid.replace(/[^A-Za-z0-9_-]/g, '_'), `${refDate}.json`);
  }
}
