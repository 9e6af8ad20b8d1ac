import { DEFAULTS } from '../options';
import { ConfigError } from '../errors';
import { APPID_PATTERN } from '../appid';
import { hasQueryOrFragment, isHttpUrl, QUERY_OR_FRAGMENT } from '../http-url';
import { once } from '../once';
import { readSecurityEnv, type SecuritySettings } from '../security/security-env';
import * as z from '../zod-mini';

/**
 * The function's configuration, from its environment variables. The names are a contract
 * (the README documents them). None starts with WX_ or TCB_: the runtime owns those.
 */
export interface FunctionConfig {
  /** WECHAT_APPID; when unset, the caller's APPID from getWXContext(). */
  appid?: string;
  /** WECHAT_APPSECRET */
  secret?: string;
  /** WECHAT_API_BASE */
  apiBase: string;
  /** WECHAT_TOKEN_STORE: where the access token is kept (see TOKEN_STORES). */
  tokenStore: TokenStoreChoice;
  /** WECHAT_TOKEN_COLLECTION: the cloud-database collection that shares the token. */
  tokenCollection: string;
  /** RETAIN_CACHE_COLLECTION: the cloud-database collection of final days (ranges). */
  retainCacheCollection: string;
  /** The six WECHAT_API_* variables (API security); undefined when none is set. */
  security?: SecuritySettings;
}

/**
 * Where a function keeps its access token. `memory` (the default): each instance its own,
 * fetched once per instance. stable_token hands every caller the same token for its whole
 * lifetime, so instances never invalidate each other and sharing saves nothing but one
 * sub-100 ms request per cold start, which costs loading wx-server-sdk (250–450 ms) to
 * save. `database`: shared through the cloud database (WECHAT_TOKEN_COLLECTION), for a token
 * source whose tokens do need sharing.
 */
export const TOKEN_STORES = ['memory', 'database'] as const;
export type TokenStoreChoice = (typeof TOKEN_STORES)[number];

const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** An optional variable: blank is unset; trimmed. zod's preprocess, spelled as zod/mini spells it. */
const variable = <T extends z.core.$ZodType>(schema: T) => z.pipe(z.transform(blankIsUnset), schema);

const trimmed = () => z.string().check(z.trim());

export const DEFAULT_TOKEN_COLLECTION = 'wechat_access_tokens';
export const DEFAULT_RETAIN_CACHE_COLLECTION = 'wechat_retain_cache';

const collectionName = (fallback: string) =>
  variable(z._default(trimmed().check(z.regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must be a collection name: a letter, then letters, digits, _ or -')), fallback));

/** Built on the first call: loading the function does not pay for it. */
const envSchema = once(() =>
  z.object({
    WECHAT_APPID: variable(z.optional(trimmed().check(z.regex(APPID_PATTERN, 'must be your AppID: "wx" and 16 letters or digits')))),
    // Never echo the value back: the message says what is wrong without it.
    WECHAT_APPSECRET: variable(z.optional(trimmed())),
    WECHAT_API_BASE: variable(
      z._default(
        trimmed().check(
          z.refine(isHttpUrl, { message: 'must be an http(s) URL such as https://api.weixin.qq.com', abort: true }),
          z.refine((value) => !hasQueryOrFragment(value), QUERY_OR_FRAGMENT),
        ),
        DEFAULTS.apiBase,
      ),
    ),
    WECHAT_TOKEN_STORE: variable(
      z._default(
        z.pipe(
          trimmed(),
          z.enum(TOKEN_STORES, {
            error: 'must be "memory" (the default: each instance keeps its own token) or "database" (shared through the cloud database collection WECHAT_TOKEN_COLLECTION)',
          }),
        ),
        'memory',
      ),
    ),
    WECHAT_TOKEN_COLLECTION: collectionName(DEFAULT_TOKEN_COLLECTION),
    RETAIN_CACHE_COLLECTION: collectionName(DEFAULT_RETAIN_CACHE_COLLECTION),
  }),
);

/**
 * @throws ConfigError naming each bad variable and its rule (never its value), or the
 *   WECHAT_API_* variables missing from a partial API-security configuration.
 */
export function readFunctionConfig(env: Record<string, string | undefined>): FunctionConfig {
  const parsed = envSchema().safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`invalid environment variable: ${problems.join('; ')} (set it in the cloud console: 云函数 → 函数配置 → 环境变量)`);
  }
  const vars = parsed.data;
  return {
    appid: vars.WECHAT_APPID,
    secret: vars.WECHAT_APPSECRET,
    apiBase: vars.WECHAT_API_BASE,
    tokenStore: vars.WECHAT_TOKEN_STORE,
    tokenCollection: vars.WECHAT_TOKEN_COLLECTION,
    retainCacheCollection: vars.RETAIN_CACHE_COLLECTION,
    security: readSecurityEnv(env),
  };
}
