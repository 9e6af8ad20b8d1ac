import type { Clock } from '../deadline';
import type { DailyRetainDay } from '../daily-retain/response';
import { ErrorCode, isOpenApiError } from '../errors';
import { holdsSecret, REDACTED } from '../redact';
import type { Logger } from '../options';
import { dayCompleteness, isAnswerFinal } from './day-completeness';
import { quietCache } from './quiet-cache';
import type { RangeQuery } from './range-query';
import type { RetainCache } from './retain-cache';

/** One day of a range: the `cloud.openapi` result, plus whether WeChat can still change it. */
export type RangeDay = DailyRetainDay & {
  /**
   * True once WeChat will not change the day again: ref_date + 30 has passed (Beijing time)
   * and the answer holds key 30. Such days are cached.
   */
  final: boolean;
  /** The documented keys whose day has not passed yet, so whose values may still come or change. */
  pendingKeys: number[];
};

/** A day the range could not fetch, and why. */
export interface MissingDay {
  refDate: string;
  errCode: number;
  errMsg: string;
}

export interface RangeResult {
  /** The days fetched, oldest first. */
  list: RangeDay[];
  /** The days not fetched (an error, or the time limit), oldest first; empty when complete. */
  missing: MissingDay[];
}

export interface RangeProgress {
  done: number;
  total: number;
  refDate: string;
  fromCache: boolean;
}

export interface RangeOptions {
  /** Days fetched at once. @default 8 */
  concurrency?: number;
  /** Called after each day, fetched or from the cache. */
  onProgress?: (progress: RangeProgress) => void;
  /** Epoch ms by which to stop; days not started by then are reported missing. */
  deadlineAt?: number;
}

export const DEFAULT_RANGE_CONCURRENCY = 8;
/** A day is not started with less time left than this: it could not finish. */
const MIN_DAY_MS = 300;

export interface RangeDeps {
  appid: string;
  fetchDay: (refDate: string, deadlineAt: number | undefined) => Promise<DailyRetainDay>;
  cache: RetainCache;
  clock: Clock;
  logger: Logger;
  /** The AppSecret and the access tokens in play: a day holding one is never cached. */
  secrets?: () => readonly string[];
}

/**
 * Fetches every day of `query` with bounded concurrency. Final days come from the cache
 * when it has them and go into it when fetched; days still filling in are always fetched.
 * After the first failure no new day starts (the cause — quota, configuration, a dead
 * network — would fail them too); days in flight finish. Never rejects.
 */
export async function fetchRange(query: RangeQuery, deps: RangeDeps, options: RangeOptions = {}): Promise<RangeResult> {
  const { days } = query;
  const fetched = new Map<string, RangeDay>();
  const failed = new Map<string, MissingDay>();
  const cache = quietCache(deps.cache, deps.logger);
  let next = 0;
  let stop: { errCode: number; reason: string } | undefined;

  const fetchOne = async (refDate: string) => {
    const cached = await cache.get(deps.appid, refDate);
    if (cached) return { day: { ...cached, errMsg: 'openapi.analysis.getDailyRetain:ok', errCode: 0, final: true, pendingKeys: [] } as RangeDay, fromCache: true };
    const result = await deps.fetchDay(refDate, options.deadlineAt);
    const final = isAnswerFinal(result, deps.clock());
    if (final) {
      const { errMsg: _errMsg, errCode: _errCode, ...data } = result;
      if (!holdsCredential(data, deps.secrets?.() ?? [])) await cache.set(deps.appid, refDate, data);
    }
    return { day: { ...result, final, pendingKeys: dayCompleteness(result, deps.clock()).pendingKeys }, fromCache: false };
  };

  const worker = async () => {
    while (next < days.length && !stop) {
      if (options.deadlineAt !== undefined && options.deadlineAt - deps.clock() < MIN_DAY_MS) {
        stop = { errCode: ErrorCode.TIMEOUT, reason: 'the time limit was reached before this day was fetched; call again to continue (finished days are cached)' };
        break;
      }
      const refDate = days[next++] as string;
      try {
        const { day, fromCache } = await fetchOne(refDate);
        fetched.set(refDate, day);
        report(options.onProgress, { done: fetched.size, total: days.length, refDate, fromCache });
      } catch (error) {
        const errCode = isOpenApiError(error) ? error.errCode : ErrorCode.INTERNAL;
        const errMsg = isOpenApiError(error) ? error.errMsg : `unexpected error: ${String(error)}`;
        failed.set(refDate, { refDate, errCode, errMsg });
        stop ??= { errCode, reason: `not fetched after ${refDate} failed (errCode ${errCode})` };
      }
    }
  };

  const workers = Math.max(1, Math.min(options.concurrency ?? DEFAULT_RANGE_CONCURRENCY, days.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return {
    list: days.flatMap((d) => fetched.get(d) ?? []),
    missing: days
      .filter((d) => !fetched.has(d))
      .map((d) => failed.get(d) ?? { refDate: d, errCode: stop?.errCode ?? ErrorCode.INTERNAL, errMsg: `getDailyRetainRange:fail ${stop?.reason ?? 'not fetched'}` }),
  };
}

/**
 * Whether a day holds a credential, or the mark where one was cut out: an upstream that
 * echoes our token is not to be trusted for good, so such a day is fetched again next time
 * instead of being cached.
 */
function holdsCredential(day: unknown, secrets: readonly string[]): boolean {
  return holdsSecret(day, [...secrets, REDACTED]);
}

function report(onProgress: RangeOptions['onProgress'], progress: RangeProgress): void {
  try {
    onProgress?.(progress);
  } catch {
    // A broken progress bar must not cost the data.
  }
}
