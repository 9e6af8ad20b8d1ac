import { ErrorCode, OpenApiError, RetainError } from './errors';
import { type DatacubeExchange, plainExchange } from './datacube-exchange';
import { parseDailyRetainQuery, type DailyRetainInput } from './daily-retain/query';
import { type DailyRetainResult, toDailyRetainResult } from './daily-retain/response';
import { type ClientOptions, type ResolvedOptions, resolveOptions } from './options';
import type { Logger } from './options';
import { redactValues, safeCause, safeText } from './redact';
import { isTokenRejected, withRetries } from './retry';
import { MemoryTokenStore } from './token/memory-token-store';
import { stableTokenSource } from './token/stable-token-source';
import { TokenCache } from './token/token-cache';
import { secureExchange } from './security/secure-exchange';
import { fetchRange, type RangeOptions, type RangeResult } from './range/fetch-range';
import { parseRangeQuery } from './range/range-query';
import { MemoryRetainCache } from './range/retain-cache';

/** https://developers.weixin.qq.com/miniprogram/dev/server/API/data-analysis/visit-retain/api_getdailyretain */
export const DAILY_RETAIN_PATH = '/datacube/getweanalysisappiddailyretaininfo';

export interface CallOptions {
  /** Epoch ms by which the call must settle. @default now + options.timeoutMs */
  deadlineAt?: number;
}

export interface RetainClient {
  /** Mirrors `cloud.openapi`, so code written for the cloud call works unchanged. */
  openapi: {
    analysis: {
      /**
       * One day of retention.
       * @example await client.openapi.analysis.getDailyRetain({ beginDate: '20170313', endDate: '20170313' })
       * @throws OpenApiError with `errCode` and `errMsg: 'openapi.analysis.getDailyRetain:fail …'`
       */
      getDailyRetain(query?: DailyRetainInput, call?: CallOptions): Promise<DailyRetainResult>;
    };
  };
  /**
   * Every day from `beginDate` to `endDate` (up to a year), fetched with bounded
   * concurrency; final days come from the cache. Resolves with the days fetched and the
   * days missing (after a failure or at the deadline).
   * @example await client.getDailyRetainRange({ beginDate: '20170301', endDate: '20170331' }, { onProgress })
   * @throws OpenApiError (`getDailyRetainRange:fail …`) only for a bad range, before any request
   */
  getDailyRetainRange(query?: DailyRetainInput, options?: RangeOptions): Promise<RangeResult>;
}

/** Makes a client. Options are validated here, once; a bad option throws `ConfigError`. */
export function createClient(options: ClientOptions): RetainClient {
  const config = resolveOptions(options);
  const tokens = new TokenCache(
    config.appid,
    config.tokenSource ?? stableTokenSource({ ...config, secret: config.secret ?? '' }),
    config.tokenStore ?? new MemoryTokenStore(),
    config.clock,
  );
  // Every secret this client knows: the AppSecret and every token it holds or has held,
  // cut out of whatever it returns, throws or logs.
  const secrets = () => [...(config.secret ? [config.secret] : []), ...tokens.knownTokens()];
  const logger: Logger = { warn: (message) => config.logger.warn(safeText(message, secrets())) };
  const exchange = config.security ? secureExchange(config.security, config) : plainExchange;

  async function getDailyRetain(query?: DailyRetainInput, call: CallOptions = {}): Promise<DailyRetainResult> {
    try {
      const { beginDate, endDate } = parseDailyRetainQuery(query, config.clock);
      const deadlineAt = call.deadlineAt ?? config.clock() + config.timeoutMs;
      const params = { begin_date: beginDate, end_date: endDate };
      const json = await withFreshToken(tokens, deadlineAt, (token) => postDatacube(config, exchange, token, params, deadlineAt));
      // Secrets are cut out before camelCasing, which could change a token used as a key.
      return toDailyRetainResult(redactValues(json, secrets()), DAILY_RETAIN_PATH, beginDate, logger.warn);
    } catch (error) {
      throw toOpenApiError('analysis.getDailyRetain', error, secrets());
    }
  }

  const retainCache = config.retainCache ?? new MemoryRetainCache();

  async function getDailyRetainRange(query?: DailyRetainInput, options: RangeOptions = {}): Promise<RangeResult> {
    let range: ReturnType<typeof parseRangeQuery>;
    try {
      range = parseRangeQuery(query, config.clock);
    } catch (error) {
      throw toOpenApiError('getDailyRetainRange', error, secrets(), '');
    }
    return fetchRange(
      range,
      {
        appid: config.appid,
        // As the single-day call resolves, whatever its shape: the range checks every day (usable-day.ts).
        fetchDay: (day, deadlineAt) => getDailyRetain({ beginDate: day, endDate: day }, { deadlineAt }),
        cache: retainCache,
        clock: config.clock,
        logger,
        secrets,
      },
      options,
    );
  }

  return { openapi: { analysis: { getDailyRetain } }, getDailyRetainRange };
}

/**
 * Calls with the current token; if WeChat rejects the token (40001, 40014, 42001), drops
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
function postDatacube(config: ResolvedOptions, exchange: DatacubeExchange, token: string, params: Record<string, string>, deadlineAt: number) {
  const url = new URL(config.apiBase + DAILY_RETAIN_PATH);
  url.searchParams.set('access_token', token);
  return withRetries(
    (timeoutMs) => exchange({ url, path: DAILY_RETAIN_PATH, params, timeoutMs }),
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
