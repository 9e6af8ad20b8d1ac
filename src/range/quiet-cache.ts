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

/**
 * A cache whose failures cost a re-fetch, never the range: warns once, then carries on.
 * Operations are bounded by `timeoutMs`; while one that timed out is still unanswered, the
 * cache is not asked again (a hung cache costs one timeout, not one per day).
 */
export function quietCache(cache: RetainCache, logger: Logger, timeoutMs: number = RETAIN_CACHE_TIMEOUT_MS): RetainCache {
  const guard = stallGuard(timeoutMs);
  let warned = false;
  const warn = (reason: string) => {
    if (warned) return;
    warned = true;
    logger.warn(`retain cache: ${reason}; days will be fetched again`);
  };
  return {
    get: (appid, refDate) => guard(() => cache.get(appid, refDate), warn),
    set: async (appid, refDate, day) => {
      await guard(() => cache.set(appid, refDate, day), warn);
    },
  };
}
