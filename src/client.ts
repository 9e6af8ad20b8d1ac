import { ErrorCode, OpenApiError, RetainError } from './errors';
import { type DatacubeExchange, plainExchange } from './datacube-exchange';
import { parseRetainQuery, type RetainInput } from './daily-retain/query';
import {
  type DailyRetainResult,
  type MonthlyRetainResult,
  type RetainResult,
  toRetainResult,
  type WeeklyRetainResult,
} from './daily-retain/response';
import { type ClientOptions, type ResolvedOptions, resolveOptions } from './options';
import type { Logger } from './options';
import { DAY, MONTH, WEEK } from './period/periods';
import type { Period, RetainApi } from './period/period';
import { redactValues, safeCause, safeText } from './redact';
import { isTokenRejected, withRetries } from './retry';
import { MemoryTokenStore } from './token/memory-token-store';
import { stableTokenSource } from './token/stable-token-source';
import { TokenCache } from './token/token-cache';
import { fetchRange, type RangeOptions, type RangeResult } from './range/fetch-range';
import { parseRangeQuery, type RangeInput } from './range/range-query';
import { MemoryRetainCache } from './range/retain-cache';

/** https://developers.weixin.qq.com/miniprogram/dev/server/API/data-analysis/visit-retain/api_getdailyretain */
export const DAILY_RETAIN_PATH = DAY.path;
/** https://developers.weixin.qq.com/miniprogram/dev/server/API/data-analysis/visit-retain/api_getweeklyretain */
export const WEEKLY_RETAIN_PATH = WEEK.path;
/** https://developers.weixin.qq.com/miniprogram/dev/server/API/data-analysis/visit-retain/api_getmonthlyretain */
export const MONTHLY_RETAIN_PATH = MONTH.path;

export interface CallOptions {
  /** Epoch ms by which the call must settle. @default now + options.timeoutMs */
  deadlineAt?: number;
}

export interface RetainClient {
  /** Mirrors `cloud.openapi`, so code written for the cloud call works unchanged. */
  openapi: {
    analysis: {
      /**
       * One day of retention. Both dates omitted: yesterday (Beijing time); one given: that day.
       * @example await client.openapi.analysis.getDailyRetain({ beginDate: '20170313', endDate: '20170313' })
       * @throws OpenApiError with `errCode` and `errMsg: 'openapi.analysis.getDailyRetain:fail …'`
       */
      getDailyRetain(query?: RetainInput, call?: CallOptions): Promise<DailyRetainResult>;
      /**
       * One week (Monday to Sunday) of retention: `refDate` `yyyymmdd-yyyymmdd`, keys 0–4. Both
       * dates omitted: the last week that has ended by yesterday (Beijing time); a Monday alone
       * or a Sunday alone: its week. Anything else is 61501, naming the week to ask for.
       * @example await client.openapi.analysis.getWeeklyRetain({ beginDate: '20170306', endDate: '20170312' })
       * @throws OpenApiError with `errCode` and `errMsg: 'openapi.analysis.getWeeklyRetain:fail …'`
       */
      getWeeklyRetain(query?: RetainInput, call?: CallOptions): Promise<WeeklyRetainResult>;
      /**
       * One calendar month of retention: `refDate` `yyyymm`, keys 0–1. Both dates omitted: the
       * last month that has ended by yesterday (Beijing time); a first day alone or a last day
       * alone: its month. Anything else is 61501, naming the month to ask for.
       * @example await client.openapi.analysis.getMonthlyRetain({ beginDate: '20170201', endDate: '20170228' })
       * @throws OpenApiError with `errCode` and `errMsg: 'openapi.analysis.getMonthlyRetain:fail …'`
       */
      getMonthlyRetain(query?: RetainInput, call?: CallOptions): Promise<MonthlyRetainResult>;
    };
  };
  /**
   * Every day, week or month (`period`, default `'day'`) from `beginDate` to `endDate`: up to
   * 366 days, 104 weeks or 24 months, fetched with bounded concurrency; final periods come from
   * the cache. Weeks and months widen any dates to whole periods and leave out those that have
   * not ended by yesterday. Resolves with the periods it covers, those fetched and those missing
   * (after a failure or at the deadline).
   * @example await client.getDailyRetainRange({ beginDate: '20170301', endDate: '20170331' }, { onProgress })
   * @example await client.getDailyRetainRange({ beginDate: '20240101', endDate: '20240614', period: 'week' })
   * @throws OpenApiError (`getDailyRetainRange:fail …`) only for a bad range, before any request
   */
  getDailyRetainRange(query?: RangeInput, options?: RangeOptions): Promise<RangeResult>;
}

/** Makes a client. Options are validated here, once; a bad option throws `ConfigError`. */
export function createClient(options: ClientOptions): RetainClient {
  const config = resolveOptions(options);
  const tokens = new TokenCache(
    config.appid,
    config.tokenSource ?? stableTokenSource({ ...config, secret: config.secret ?? '' }),
    config.tokenStore ?? new MemoryTokenStore(),
    config.clock,
    Math.random(),
    config.retry.minAttemptMs,
  );
  // Every secret this client knows: the AppSecret and every token it holds or has held,
  // cut out of whatever it returns, throws or logs.
  const secrets = () => [...(config.secret ? [config.secret] : []), ...tokens.knownTokens()];
  const logger: Logger = { warn: (message) => config.logger.warn(safeText(message, secrets())) };
  // The API-security code is loaded only for a client that uses it (see options.ts).
  const exchange = config.security
    ? (require('./security/secure-exchange') as typeof import('./security/secure-exchange')).secureExchange(config.security, config)
    : plainExchange;

  /** One period of retention through its API: getDailyRetain, getWeeklyRetain or getMonthlyRetain. */
  async function getRetain<Api extends RetainApi>(period: Period<Api>, query: unknown, call: CallOptions = {}): Promise<RetainResult<Api>> {
    try {
      const { beginDate, endDate } = parseRetainQuery(period, query, config.clock);
      const deadlineAt = call.deadlineAt ?? config.clock() + config.timeoutMs;
      const params = { begin_date: beginDate, end_date: endDate };
      const json = await withFreshToken(tokens, deadlineAt, (token) => postDatacube(config, exchange, token, period.path, params, deadlineAt));
      // Secrets are cut out before camelCasing, which could change a token used as a key.
      return toRetainResult(redactValues(json, secrets()), period, period.refDate(beginDate), logger.warn);
    } catch (error) {
      throw toOpenApiError(`analysis.${period.api}`, error, secrets());
    }
  }

  const retainCache = config.retainCache ?? new MemoryRetainCache();

  async function getDailyRetainRange(query?: RangeInput, options: RangeOptions = {}): Promise<RangeResult> {
    let range: ReturnType<typeof parseRangeQuery>;
    try {
      range = parseRangeQuery(query, config.clock);
    } catch (error) {
      throw toOpenApiError('getDailyRetainRange', error, secrets(), '');
    }
    const { period } = range;
    return fetchRange(
      range,
      {
        appid: config.appid,
        // As the single-period call resolves, whatever its shape: the range checks every period (usable-period.ts).
        fetchPeriod: (firstDay, deadlineAt) => getRetain(period, { beginDate: firstDay, endDate: period.end(firstDay) }, { deadlineAt }),
        cache: retainCache,
        clock: config.clock,
        logger,
        secrets,
      },
      options,
    );
  }

  return {
    openapi: {
      analysis: {
        getDailyRetain: (query, call) => getRetain(DAY, query, call),
        getWeeklyRetain: (query, call) => getRetain(WEEK, query, call),
        getMonthlyRetain: (query, call) => getRetain(MONTH, query, call),
      },
    },
    getDailyRetainRange,
  };
}

/**
 * Calls with the current token; if WeChat rejects the token (40001, 40014, 41001, 42001), drops
 * that token (only if it is still the current one) and calls once more with a fresh one.
 * Never more than once: a token that fails twice is a configuration problem, not bad luck.
 * The store update, like every store operation, waits no longer than the deadline.
 */
async function withFreshToken<T>(tokens: TokenCache, deadlineAt: number, call: (token: string) => Promise<T>): Promise<T> {
  const token = await tokens.get(deadlineAt);
  try {
    return await call(token);
  } catch (error) {
    if (!isTokenRejected(error)) throw error;
    await tokens.invalidate(token, deadlineAt);
    return call(await tokens.get(deadlineAt));
  }
}

/** Plain or sealed (API security), each attempt through `exchange`, with retries. */
function postDatacube(config: ResolvedOptions, exchange: DatacubeExchange, token: string, path: string, params: Record<string, string>, deadlineAt: number) {
  const url = new URL(config.apiBase + path);
  url.searchParams.set('access_token', token);
  return withRetries(
    (timeoutMs) => exchange({ url, path, params, timeoutMs }),
    { deadlineAt, clock: config.clock, attemptTimeoutMs: config.attemptTimeoutMs, policy: config.retry, sleep: config.sleep },
  );
}

/**
 * Any failure as wx-server-sdk would report it: `{errCode, errMsg: 'openapi.<api>:fail <reason>'}`.
 * The reason and the `cause` chain are made safe to show: secrets cut out, control
 * characters from upstream replaced.
 */
export function toOpenApiError(api: string, error: unknown, secrets: readonly string[] = [], prefix = 'openapi.'): OpenApiError {
  const known = error instanceof RetainError;
  const errCode = known ? error.errCode : ErrorCode.INTERNAL;
  const reason = known ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  return new OpenApiError(errCode, safeText(`${prefix}${api}:fail ${reason}`, secrets), { cause: safeCause(error, secrets) });
}
