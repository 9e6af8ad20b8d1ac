import type { Clock } from '../deadline';
import type { DailyRetainDay } from '../daily-retain/response';
import { ErrorCode, isOpenApiError } from '../errors';
import { holdsSecret, REDACTED } from '../redact';
import type { Logger } from '../options';
import { dayCompleteness, isAnswerFinal } from './day-completeness';
import { quietCache } from './quiet-cache';
import { usableDay } from './usable-day';
import type { RangeQuery } from './range-query';
import type { RetainCache } from './retain-cache';

/**
 * One usable day of a range in the `cloud.openapi` shape (the documented fields only, see
 * usable-day.ts), plus whether WeChat can still change it.
 */
export type RangeDay = DailyRetainDay & {
  /**
   * True once WeChat will not change the day again: ref_date + 30 has passed (Beijing time)
   * and the answer holds key 30. Such days are cached.
   */
  final: boolean;
  /** The documented keys whose day has not passed yet, so whose values may still come or change. */
  pendingKeys: number[];
};

/** A day the range could not fetch or could not use, and why. */
export interface MissingDay {
  refDate: string;
  errCode: number;
  errMsg: string;
}

export interface RangeResult {
  /** The days fetched, oldest first. */
  list: RangeDay[];
  /** The days not fetched (an error, or the time limit) or not usable, oldest first; empty when complete. */
  missing: MissingDay[];
}

export interface RangeProgress {
  /** Days settled so far: listed, or missing for an unusable answer. */
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
  /**
   * One day as the single-day call resolves: whatever WeChat answered (wx-server-sdk never
   * refuses a success answer for its shape), so the range checks it before using it.
   */
  fetchDay: (refDate: string, deadlineAt: number | undefined) => Promise<unknown>;
  cache: RetainCache;
  clock: Clock;
  logger: Logger;
  /** The AppSecret and the access tokens in play: a day whose answer held one is never cached. */
  secrets?: () => readonly string[];
}

/** How one day of a range ended: a day to list, or a day to report missing and go on without. */
type DayOutcome = { day: RangeDay; fromCache: boolean } | { missing: MissingDay };

/**
 * Fetches every day of `query` with bounded concurrency. Final days come from the cache
 * when it has a usable record of them and go into it when fetched; days still filling in
 * are always fetched. Every day, fetched or cached, must pass `usableDay` (the one schema of
 * a usable day): a day that does not is missing, with the reason, and is never cached; a
 * cached record that does not is dropped with one warning, the day refetched and the record
 * overwritten. After a failed request no new day starts (the cause — quota, configuration, a
 * dead network — would fail them too); days in flight finish. An unusable answer stops
 * nothing: it is that day's data that is wrong. Cache operations end by `deadlineAt`, like
 * the requests. Never rejects.
 */
export async function fetchRange(query: RangeQuery, deps: RangeDeps, options: RangeOptions = {}): Promise<RangeResult> {
  const { days } = query;
  const { deadlineAt } = options;
  const fetched = new Map<string, RangeDay>();
  const failed = new Map<string, MissingDay>();
  const cache = quietCache(deps.cache, deps.logger, { deadlineAt, clock: deps.clock });
  let next = 0;
  let done = 0;
  let stop: { errCode: number; reason: string } | undefined;
  let warnedRecord = false;

  const fromCache = async (refDate: string): Promise<RangeDay | undefined> => {
    const record = await cache.get(deps.appid, refDate);
    if (record === undefined) return undefined;
    const checked = usableDay(record, refDate);
    if (checked.ok) return { ...checked.day, ...OK, final: true, pendingKeys: [] };
    if (!warnedRecord) {
      warnedRecord = true;
      deps.logger.warn(`retain cache: dropped the record of ${refDate}: ${checked.reason}; fetching the day again and overwriting the record (further bad records are not reported)`);
    }
    return undefined;
  };

  const fetchOne = async (refDate: string): Promise<DayOutcome> => {
    const cached = await fromCache(refDate);
    if (cached) return { day: cached, fromCache: true };
    const answer = await deps.fetchDay(refDate, deadlineAt);
    const checked = usableDay(answer, refDate);
    if (!checked.ok) {
      const errMsg = `getDailyRetainRange:fail the answer for ${refDate} is not usable: ${checked.reason}`;
      return { missing: { refDate, errCode: ErrorCode.BAD_RESPONSE, errMsg } };
    }
    const now = deps.clock();
    const final = isAnswerFinal(checked.day, now);
    if (final && !holdsCredential(answer, deps.secrets?.() ?? [])) await cache.set(deps.appid, refDate, checked.day);
    return { day: { ...checked.day, ...OK, final, pendingKeys: dayCompleteness(checked.day, now).pendingKeys }, fromCache: false };
  };

  const worker = async () => {
    while (next < days.length && !stop) {
      if (deadlineAt !== undefined && deadlineAt - deps.clock() < MIN_DAY_MS) {
        stop = { errCode: ErrorCode.TIMEOUT, reason: 'the time limit was reached before this day was fetched; call again to continue (finished days are cached)' };
        break;
      }
      const refDate = days[next++] as string;
      try {
        const outcome = await fetchOne(refDate);
        if ('missing' in outcome) failed.set(refDate, outcome.missing);
        else fetched.set(refDate, outcome.day);
        done += 1;
        report(options.onProgress, { done, total: days.length, refDate, fromCache: 'day' in outcome && outcome.fromCache });
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

const OK = { errMsg: 'openapi.analysis.getDailyRetain:ok', errCode: 0 } as const;

/**
 * Whether an answer held a credential, or the mark where one was cut out, in any field (the
 * usable day keeps none of them): an upstream that echoes our token is not to be trusted for
 * good, so such a day is fetched again next time instead of being cached.
 */
function holdsCredential(answer: unknown, secrets: readonly string[]): boolean {
  return holdsSecret(answer, [...secrets, REDACTED]);
}

function report(onProgress: RangeOptions['onProgress'], progress: RangeProgress): void {
  try {
    onProgress?.(progress);
  } catch {
    // A broken progress bar must not cost the data.
  }
}
