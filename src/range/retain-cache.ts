import type { DailyRetainData } from '../daily-retain/response';

/**
 * Where final days are kept (a day is final once ref_date + 30 has passed: WeChat will not
 * change it again), so that no final day is fetched twice. Keyed by AppID and day.
 *
 * `get` answers whatever the store holds, typed `unknown` on purpose: a record may be
 * damaged, stale or planted, so the range checks it with the same schema as a fresh answer
 * (usable-day.ts) before using it, and refetches and overwrites a record that fails.
 */
export interface RetainCache {
  get(appid: string, refDate: string): Promise<unknown>;
  set(appid: string, refDate: string, day: DailyRetainData): Promise<void>;
}

/** Keeps final days for the life of the process. */
export class MemoryRetainCache implements RetainCache {
  private readonly days = new Map<string, DailyRetainData>();

  async get(appid: string, refDate: string): Promise<DailyRetainData | undefined> {
    return this.days.get(`${appid}/${refDate}`);
  }

  async set(appid: string, refDate: string, day: DailyRetainData) {
    this.days.set(`${appid}/${refDate}`, day);
  }
}
