import type { RetainData } from '../daily-retain/response';
import type { Period } from '../period/period';

/**
 * Where final periods are kept (a period is final once its last key is: WeChat will not
 * change it again), so that no final period is fetched twice. Keyed by AppID and a key that
 * says the period (`retainCacheKey`): `day-20170313`, `week-20170306-20170312`, `month-201702`.
 *
 * `get` answers whatever the store holds, typed `unknown` on purpose: a record may be
 * damaged, stale or planted, so the range checks it with the same schema as a fresh answer
 * (usable-period.ts) before using it, and refetches and overwrites a record that fails.
 */
export interface RetainCache {
  get(appid: string, key: string): Promise<unknown>;
  set(appid: string, key: string, data: RetainData): Promise<void>;
}

/**
 * The cache key of the `period` WeChat names `refDate`: the period, then its ref_date. Keys
 * of different periods never meet, and each says what it holds. (Before weeks and months, a
 * day's key was its bare date; such records are not read any more, and the days they held
 * are fetched once again.)
 */
export function retainCacheKey(period: Period, refDate: string): string {
  return `${period.id}-${refDate}`;
}

/** Keeps final periods for the life of the process. */
export class MemoryRetainCache implements RetainCache {
  private readonly records = new Map<string, RetainData>();

  async get(appid: string, key: string): Promise<RetainData | undefined> {
    return this.records.get(`${appid}/${key}`);
  }

  async set(appid: string, key: string, data: RetainData) {
    this.records.set(`${appid}/${key}`, data);
  }
}
