import { type Clock, systemClock } from '../deadline';
import type { Logger } from '../options';
import { stallGuard } from '../stall-guard';
import type { RetainCache } from './retain-cache';

/**
 * How long one cache read or write may take. A cache is there to save time: a cloud
 * database that hangs must not hold a day longer than the request it would have saved
 * (a datacube request takes well under a second), so a read that takes longer counts as a
 * miss and a write that takes longer is abandoned.
 */
export const RETAIN_CACHE_TIMEOUT_MS = 1000;

export interface QuietCacheOptions {
  /** Longest single operation. @default RETAIN_CACHE_TIMEOUT_MS */
  timeoutMs?: number;
  /** The call's deadline (epoch ms): no operation outlives it, whatever `timeoutMs` allows. */
  deadlineAt?: number;
  /** @default Date.now */
  clock?: Clock;
  /** What the cache holds, for the warning: "weeks will be fetched again". @default 'days' */
  what?: string;
}

/**
 * A cache whose failures cost a re-fetch, never the range: warns once, then carries on.
 * Operations are bounded by `timeoutMs` and by the call's deadline; while one that timed
 * out is still unanswered, the cache is not asked again (a hung cache costs one timeout,
 * not one per day). A read cut short counts as a miss; a write cut short is abandoned.
 */
export function quietCache(cache: RetainCache, logger: Logger, options: QuietCacheOptions = {}): RetainCache {
  const { timeoutMs = RETAIN_CACHE_TIMEOUT_MS, deadlineAt, clock = systemClock, what = 'days' } = options;
  const guard = stallGuard(timeoutMs, clock);
  let warned = false;
  const warn = (reason: string) => {
    if (warned) return;
    warned = true;
    logger.warn(`retain cache: ${reason}; ${what} will be fetched again`);
  };
  return {
    get: (appid, key) => guard(() => cache.get(appid, key), warn, deadlineAt),
    set: async (appid, key, data) => {
      await guard(() => cache.set(appid, key, data), warn, deadlineAt);
    },
  };
}
