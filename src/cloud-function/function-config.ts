import * as z from 'zod';
import { DEFAULTS } from '../options';
import { ConfigError } from '../errors';
import { APPID_PATTERN } from '../appid';
import { hasQueryOrFragment, isHttpUrl, QUERY_OR_FRAGMENT } from '../http-url';
import { readSecurityEnv, type SecuritySettings } from '../security/security-env';

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
  /** WECHAT_TOKEN_COLLECTION: the cloud-database collection that shares the token. */
  tokenCollection: string;
  /** RETAIN_CACHE_COLLECTION: the cloud-database collection of final days (ranges). */
  retainCacheCollection: string;
  /** The six WECHAT_API_* variables (API security); undefined when none is set. */
  security?: SecuritySettings;
}

const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const DEFAULT_TOKEN_COLLECTION = 'wechat_access_tokens';
export const DEFAULT_RETAIN_CACHE_COLLECTION = 'wechat_retain_cache';

const collectionName = (fallback: string) =>
  z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must be a collection name: a letter, then letters, digits, _ or -')
      .default(fallback),
  );

const envSchema = z.object({
  WECHAT_APPID: z.preprocess(
    blankIsUnset,
    z.string().trim().regex(APPID_PATTERN, 'must be your AppID: "wx" and 16 letters or digits').optional(),
  ),
  // Never echo the value back: the message says what is wrong without it.
  WECHAT_APPSECRET: z.preprocess(blankIsUnset, z.string().trim().optional()),
  WECHAT_API_BASE: z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .refine(isHttpUrl, { message: 'must be an http(s) URL such as https://api.weixin.qq.com', abort: true })
      .refine((value) => !hasQueryOrFragment(value), QUERY_OR_FRAGMENT)
      .default(DEFAULTS.apiBase),
  ),
  WECHAT_TOKEN_COLLECTION: collectionName(DEFAULT_TOKEN_COLLECTION),
  RETAIN_CACHE_COLLECTION: collectionName(DEFAULT_RETAIN_CACHE_COLLECTION),
});

/**
 * @throws ConfigError naming each bad variable and its rule (never its value), or the
 *   WECHAT_API_* variables missing from a partial API-security configuration.
 */
export function readFunctionConfig(env: Record<string, string | undefined>): FunctionConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`invalid environment variable: ${problems.join('; ')} (set it in the cloud console: 云函数 → 函数配置 → 环境变量)`);
  }
  const vars = parsed.data;
  return {
    appid: vars.WECHAT_APPID,
    secret: vars.WECHAT_APPSECRET,
    apiBase: vars.WECHAT_API_BASE,
    tokenCollection: vars.WECHAT_TOKEN_COLLECTION,
    retainCacheCollection: vars.RETAIN_CACHE_COLLECTION,
    security: readSecurityEnv(env),
  };
}
