import type { Clock } from '../deadline';
import type { RetainData } from '../daily-retain/response';
import { ErrorCode, isOpenApiError } from '../errors';
import { holdsSecret, REDACTED } from '../redact';
import type { Logger } from '../options';
import type { PeriodId, RetainApi } from '../period/period';
import { isAnswerFinal, isPeriodFinal, periodCompleteness } from '../period/period-completeness';
import { quietCache } from './quiet-cache';
import { usablePeriod } from './usable-period';
import type { RangeQuery } from './range-query';
import { type RetainCache, retainCacheKey } from './retain-cache';

/**
 * One usable period of a range (a day, a week or a month) in the `cloud.openapi` shape of its
 * API (the documented fields only, see usable-period.ts), plus whether WeChat can still change it.
 */
export type RangeItem = RetainData & {
  errMsg: `openapi.analysis.${RetainApi}:ok`;
  errCode: 0;
  /**
   * True once WeChat will not change the period again: period ref + last key has ended
   * (Beijing time) and the answer holds that key. Such periods are cached.
   */
  final: boolean;
  /** The documented keys whose period has not passed yet, so whose values may still come or change. */
  pendingKeys: number[];
};

/** One usable day of a range: the day case of RangeItem. */
export type RangeDay = RangeItem;

/** A period the range could not fetch or could not use, and why. */
export interface MissingPeriod {
  /** WeChat's ref_date of the period: `20170313`, `20170306-20170312`, `201702`. */
  refDate: string;
  errCode: number;
  errMsg: string;
}

/** A day the range could not fetch or could not use: the day case of MissingPeriod. */
export type MissingDay = MissingPeriod;

export interface RangeResult {
  /** The grain of `list` and `missing`. */
  period: PeriodId;
  /** The first day of the first period covered, `yyyymmdd` (weeks and months: the asked dates widened). */
  beginDate: string;
  /** The last day of the last period covered, `yyyymmdd`. */
  endDate: string;
  /** The periods fetched, oldest first. */
  list: RangeItem[];
  /** The periods not fetched (an error, or the time limit) or not usable, oldest first; empty when complete. */
  missing: MissingPeriod[];
}

export interface RangeProgress {
  /** Periods settled so far: listed, or missing for an unusable answer. */
  done: number;
  total: number;
  refDate: string;
  fromCache: boolean;
}

export interface RangeOptions {
  /** Periods fetched at once. @default 8 */
  concurrency?: number;
  /** Called after each period, fetched or from the cache. */
  onProgress?: (progress: RangeProgress) => void;
  /** Epoch ms by which to stop; periods not started by then are reported missing. */
  deadlineAt?: number;
}

export const DEFAULT_RANGE_CONCURRENCY = 8;
/** A period is not started with less time left than this: it could not finish. */
const MIN_PERIOD_MS = 300;

export interface RangeDeps {
  appid: string;
  /**
   * One period, from its first day, as the single-period call resolves: whatever WeChat
   * answered (wx-server-sdk never refuses a success answer for its shape), so the range
   * checks it before using it.
   */
  fetchPeriod: (firstDay: string, deadlineAt: number | undefined) => Promise<unknown>;
  cache: RetainCache;
  clock: Clock;
  logger: Logger;
  /** The AppSecret and the access tokens in play: a period whose answer held one is never cached. */
  secrets?: () => readonly string[];
}

/** How one period of a range ended: one to list, or one to report missing and go on without. */
type Outcome = { item: RangeItem; fromCache: boolean } | { missing: MissingPeriod };

/**
 * Fetches every period of `query` with bounded concurrency. Periods final by the calendar come
 * from the cache when it has a usable record of them and go into it when fetched; periods still filling in
 * are always fetched. Every period, fetched or cached, must pass `usablePeriod` (the one
 * schema of a usable period): one that does not is missing, with the reason, and is never
 * cached; a cached record that does not is dropped with one warning, the period refetched and
 * the record overwritten. After a failed request no new period starts (the cause — quota,
 * configuration, a dead network — would fail them too); periods in flight finish. An unusable
 * answer stops nothing: it is that period's data that is wrong. Cache operations end by
 * `deadlineAt`, like the requests. Never rejects.
 */
export async function fetchRange(query: RangeQuery, deps: RangeDeps, options: RangeOptions = {}): Promise<RangeResult> {
  const { period, firstDays } = query;
  const noun = period.id;
  const { deadlineAt } = options;
  const ok = { errMsg: `openapi.analysis.${period.api}:ok`, errCode: 0 } as const;
  const refDates = firstDays.map((firstDay) => period.refDate(firstDay));
  const fetched = new Map<string, RangeItem>();
  const failed = new Map<string, MissingPeriod>();
  const cache = quietCache(deps.cache, deps.logger, { deadlineAt, clock: deps.clock, what: `${noun}s` });
  let next = 0;
  let done = 0;
  let stop: { errCode: number; reason: string } | undefined;
  let warnedRecord = false;

  const fromCache = async (firstDay: string, refDate: string): Promise<RangeItem | undefined> => {
    const record = await cache.get(deps.appid, retainCacheKey(period, refDate));
    if (record === undefined) return undefined;
    const checked = usablePeriod(record, period, refDate);
    // A record is served only if it would be cached now: one written before its last key came
    // (by an instance whose clock ran ahead) is fetched again and overwritten.
    if (checked.ok && isAnswerFinal(period, firstDay, checked.data, deps.clock())) return { ...checked.data, ...ok, final: true, pendingKeys: [] };
    if (checked.ok) return undefined;
    if (!warnedRecord) {
      warnedRecord = true;
      deps.logger.warn(`retain cache: dropped the record of ${refDate}: ${checked.reason}; fetching the ${noun} again and overwriting the record (further bad records are not reported)`);
    }
    return undefined;
  };

  const fetchOne = async (firstDay: string, refDate: string): Promise<Outcome> => {
    // Only a period final by the calendar is read from the cache: a record of one still filling
    // in (written by an instance with a clock ahead, or by hand) would be served as final.
    const cached = isPeriodFinal(period, firstDay, deps.clock()) ? await fromCache(firstDay, refDate) : undefined;
    if (cached) return { item: cached, fromCache: true };
    const answer = await deps.fetchPeriod(firstDay, deadlineAt);
    const checked = usablePeriod(answer, period, refDate);
    if (!checked.ok) {
      const errMsg = `getDailyRetainRange:fail the answer for ${refDate} is not usable: ${checked.reason}`;
      return { missing: { refDate, errCode: ErrorCode.BAD_RESPONSE, errMsg } };
    }
    const now = deps.clock();
    const final = isAnswerFinal(period, firstDay, checked.data, now);
    if (final && !holdsCredential(answer, deps.secrets?.() ?? [])) await cache.set(deps.appid, retainCacheKey(period, refDate), checked.data);
    const { pendingKeys } = periodCompleteness(period, firstDay, now);
    return { item: { ...checked.data, ...ok, final, pendingKeys }, fromCache: false };
  };

  const worker = async () => {
    while (next < firstDays.length && !stop) {
      if (deadlineAt !== undefined && deadlineAt - deps.clock() < MIN_PERIOD_MS) {
        stop = { errCode: ErrorCode.TIMEOUT, reason: `the time limit was reached before this ${noun} was fetched; call again to continue (finished ${noun}s are cached)` };
        break;
      }
      const index = next++;
      const firstDay = firstDays[index] as string;
      const refDate = refDates[index] as string;
      try {
        const outcome = await fetchOne(firstDay, refDate);
        if ('missing' in outcome) failed.set(refDate, outcome.missing);
        else fetched.set(refDate, outcome.item);
        done += 1;
        report(options.onProgress, { done, total: firstDays.length, refDate, fromCache: 'item' in outcome && outcome.fromCache });
      } catch (error) {
        const errCode = isOpenApiError(error) ? error.errCode : ErrorCode.INTERNAL;
        const errMsg = isOpenApiError(error) ? error.errMsg : `unexpected error: ${String(error)}`;
        failed.set(refDate, { refDate, errCode, errMsg });
        stop ??= { errCode, reason: `not fetched after ${refDate} failed (errCode ${errCode})` };
      }
    }
  };

  const workers = Math.max(1, Math.min(options.concurrency ?? DEFAULT_RANGE_CONCURRENCY, firstDays.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return {
    period: period.id,
    beginDate: query.beginDate,
    endDate: query.endDate,
    list: refDates.flatMap((d) => fetched.get(d) ?? []),
    missing: refDates
      .filter((d) => !fetched.has(d))
      .map((d) => failed.get(d) ?? { refDate: d, errCode: stop?.errCode ?? ErrorCode.INTERNAL, errMsg: `getDailyRetainRange:fail ${stop?.reason ?? 'not fetched'}` }),
  };
}

/**
 * Whether an answer held a credential, or the mark where one was cut out, in any field (the
 * usable period keeps none of them): an upstream that echoes our token is not to be trusted
 * for good, so such a period is fetched again next time instead of being cached.
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
