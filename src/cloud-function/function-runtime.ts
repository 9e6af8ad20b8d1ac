import { createClient, type RetainClient, toOpenApiError } from '../client';
import { type Clock, systemClock } from '../deadline';
import { ConfigError, ErrorCode, isOpenApiError } from '../errors';
import type { Logger } from '../options';
import { safeText } from '../redact';
import { securityContextOf } from '../security/security-env';
import { allowListFrom, checkCaller } from './caller-gate';
import { type FunctionConfig, readFunctionConfig } from './function-config';
import { type FunctionStores, functionStores } from './function-stores';
import type { Platform } from './platform';

/** The platform's default function timeout, used when the context does not say. */
export const DEFAULT_TIME_LIMIT_MS = 3000;

/** The fields of the cloud's invocation context that we read. */
export interface InvocationContext {
  time_limit_in_ms?: number;
}

export type FailureResult = { errCode: number; errMsg: string };

export interface RuntimeDeps {
  env: Record<string, string | undefined>;
  platform: Platform;
  clock?: Clock;
  logger?: Logger;
}

/** How a function names itself in errMsg: `openapi.analysis.getDailyRetain:fail …`. */
export interface FunctionName {
  /** For the log prefix: `getDailyRetain`. */
  name: string;
  /** The errMsg prefix before `:fail`: `openapi.analysis.getDailyRetain`. */
  api: string;
}

/**
 * What every function of this package does around its work: configuration, the caller gate,
 * one client per AppID with its token cache, the token store and retain cache (see
 * function-stores.ts), the time budget, and turning any failure into `{errCode, errMsg}`.
 * Everything that lives as long as the instance is made on first use and reused while warm;
 * everything about the caller is read per call. `invoke` never throws.
 */
export function createFunctionRuntime({ env, platform, clock = systemClock, logger = console }: RuntimeDeps, id: FunctionName) {
  let config: FunctionConfig | ConfigError | undefined;
  let allowList: ReturnType<typeof allowListFrom> | undefined;
  let stores: FunctionStores | undefined;
  const clients = new Map<string, RetainClient>();
  const secrets = () => (config instanceof ConfigError || !config?.secret ? [] : [config.secret]);
  // The clients cut their tokens out of what they log and return; this cuts the AppSecret
  // and control characters out of everything the function logs, whatever its source.
  const log: Logger = { warn: (message) => logger.warn(`[${id.name}] ${safeText(message, secrets())}`) };

  function clientFor(current: FunctionConfig, appid: string, secret: string): RetainClient {
    let client = clients.get(appid);
    if (!client) {
      // Keys are parsed here, once per AppID, with errors that name the WECHAT_API_* variable.
      const security = current.security && securityContextOf(current.security, appid);
      stores ??= functionStores(current, platform, log);
      client = createClient({ appid, secret, apiBase: current.apiBase, ...stores, clock, logger: log, security });
      clients.set(appid, client);
    }
    return client;
  }

  async function invoke<T>(context: InvocationContext | undefined, work: (client: RetainClient, deadlineAt: number) => Promise<T>): Promise<T | FailureResult> {
    const startedAt = clock();
    try {
      // The gate first: a caller who may not call learns nothing, not even about configuration.
      const caller = platform.getWXContext();
      allowList ??= allowListFrom(env.RETAIN_ALLOWED_OPENIDS);
      checkCaller(caller, allowList);
      config ??= tryRead(env);
      const appid = config instanceof ConfigError ? undefined : (config.appid ?? nonEmptyString(caller.APPID));
      const secret = config instanceof ConfigError ? undefined : config.secret;
      if (config instanceof ConfigError || !appid || !secret) {
        // Every problem in one message: fixing one variable should not reveal the next.
        const missing = missingVariables(env, caller.APPID);
        throw new ConfigError([missing, config instanceof ConfigError ? config.message : undefined].filter(Boolean).join('; '));
      }
      return await work(clientFor(config, appid, secret), deadlineFor(startedAt, context));
    } catch (error) {
      return failure(error, context);
    }
  }

  /** `{errCode, errMsg}` for any failure, logged: a timer run discards the result, the log stays. */
  function failure(error: unknown, context?: InvocationContext): FailureResult {
    const known = isOpenApiError(error) ? error : toOpenApiError(id.api, error, secrets(), '');
    let { errCode, errMsg } = known;
    const limitMs = timeLimitOf(context);
    if (errCode === ErrorCode.TIMEOUT && limitMs < 10_000) {
      errMsg += ` (this function's time limit is ${limitMs} ms: raise it to 10 s or more in the cloud console)`;
    }
    log.warn(`errCode ${errCode}: ${errMsg}`);
    return { errCode, errMsg };
  }

  return { invoke, failure };
}

const nonEmptyString = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const blank = (value: string | undefined) => value === undefined || value.trim() === '';

/**
 * WECHAT_APPID and WECHAT_APPSECRET, whichever are missing, in one message; undefined when
 * neither is. A call that carries an APPID (from a mini program) needs no WECHAT_APPID.
 */
function missingVariables(env: Record<string, string | undefined>, callerAppid: unknown): string | undefined {
  const noAppid = blank(env.WECHAT_APPID) && nonEmptyString(callerAppid) === undefined;
  const noSecret = blank(env.WECHAT_APPSECRET);
  const appidRule = "WECHAT_APPID to your mini program's AppID";
  const secretRule = 'WECHAT_APPSECRET to its AppSecret (开发管理 → 开发设置)';
  if (noAppid && noSecret) {
    return `WECHAT_APPID and WECHAT_APPSECRET are not set, and the call carries no APPID (a console, timer or server call): set both in the function's environment variables, ${appidRule} and ${secretRule}`;
  }
  if (noAppid) return `WECHAT_APPID is not set and the call carries no APPID (a console, timer or server call): set ${appidRule} in the function's environment variables`;
  if (noSecret) return "WECHAT_APPSECRET is not set: add your mini program's AppSecret (开发管理 → 开发设置) as the environment variable WECHAT_APPSECRET of this function";
  return undefined;
}

function tryRead(env: Record<string, string | undefined>): FunctionConfig | ConfigError {
  try {
    return readFunctionConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

/**
 * The moment by which the result must be returned: the function's time limit, less a
 * reserve (10 %, at least 200 ms) for returning the result before the platform kills the
 * function with its own, less helpful, timeout.
 */
export function deadlineFor(startedAt: number, context?: InvocationContext): number {
  const limitMs = timeLimitOf(context);
  return startedAt + limitMs - Math.max(200, limitMs * 0.1);
}

function timeLimitOf(context?: InvocationContext): number {
  const given = context?.time_limit_in_ms;
  return typeof given === 'number' && Number.isFinite(given) && given > 0 ? given : DEFAULT_TIME_LIMIT_MS;
}
