import { type Clock, sleep, systemClock } from './deadline';
import { ConfigError } from './errors';
import { APPID_PATTERN } from './appid';
import { hasQueryOrFragment, isHttpUrl, QUERY_OR_FRAGMENT } from './http-url';
import { RETRY_DEFAULTS, type RetryPolicy } from './retry';
import type { RetainCache } from './range/retain-cache';
import { once } from './once';
import type { SecurityContext } from './security/security-config';
import type { SecuritySettings } from './security/security-env';
import type { TokenSource, TokenStore } from './token/access-token';
import * as z from './zod-mini';

export interface Logger {
  warn(message: string): void;
}

export interface ClientOptions {
  /** The mini program's AppID, `wx` and 16 more letters or digits. */
  appid: string;
  /** The mini program's AppSecret. Required unless `tokenSource` is given. */
  secret?: string;
  /** Where tokens come from. @default stable_token with `appid` and `secret` */
  tokenSource?: TokenSource;
  /** Where tokens are kept. @default in memory */
  tokenStore?: TokenStore;
  /** Where final days of ranges are kept. @default in memory */
  retainCache?: RetainCache;
  /** WeChat's API, or an emulator or proxy in front of it. @default 'https://api.weixin.qq.com' */
  apiBase?: string;
  /** Time budget of one call, token request and retries included. @default 10000 */
  timeoutMs?: number;
  /**
   * Longest single HTTP attempt. The call's remaining budget bounds it too: an attempt that
   * may be retried gets at most half of it, the last one all of it. @default 5000
   */
  attemptTimeoutMs?: number;
  /** Retry tuning; see RETRY_DEFAULTS. */
  retry?: Partial<RetryPolicy>;
  /** @default Date.now */
  clock?: Clock;
  /** @default console */
  logger?: Logger;
  /** Waits between retries; injectable for tests. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /**
   * API security (服务端 API 加密与签名): encrypt and sign datacube requests, verify and
   * decrypt responses. The values from 开发管理 → 开发设置 → API安全, or a context already
   * made with createSecurityContext. Token requests stay plain.
   * @default off
   * @example { symKey, symSn, asymKey, asymSn, platformCerts: [{ sn, cert }] }
   */
  security?: SecuritySettings | SecurityContext;
}

export const DEFAULTS = {
  apiBase: 'https://api.weixin.qq.com',
  timeoutMs: 10_000,
  attemptTimeoutMs: 5_000,
} as const;

const fn = <T>(what: string) => z.optional(z.custom<T>((value) => typeof value === 'function', { message: `must be a function (${what})` }));
const duration = () => z.optional(z.number().check(z.int(), z.positive(), z.maximum(900_000)));
const nonnegative = () => z.optional(z.number().check(z.nonnegative()));

/** Built on the first createClient: loading the package does not pay for it. */
const optionsSchema = once(() =>
  z
    .object({
      appid: z
        .string({ error: (issue) => (issue.input === undefined ? 'is required: your mini program\'s AppID, such as "wx0123456789abcdef"' : 'must be a string') })
        .check(z.regex(APPID_PATTERN, 'must be an AppID such as "wx0123456789abcdef"')),
      secret: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
      tokenSource: fn<TokenSource>('({appid, deadlineAt}) => Promise<{accessToken, expiresInSeconds}>'),
      tokenStore: z.optional(
        z.custom<TokenStore>(
          (value: unknown) =>
            value !== null &&
            typeof value === 'object' &&
            ['get', 'set', 'invalidate'].every((m) => typeof (value as Record<string, unknown>)[m] === 'function'),
          { message: 'must have get, set and invalidate methods' },
        ),
      ),
      retainCache: z.optional(
        z.custom<RetainCache>(
          (value: unknown) => value !== null && typeof value === 'object' && ['get', 'set'].every((m) => typeof (value as Record<string, unknown>)[m] === 'function'),
          { message: 'must have get and set methods' },
        ),
      ),
      apiBase: z.optional(
        z
          .string()
          .check(
            z.refine(isHttpUrl, { message: 'must be an http(s) URL such as "https://api.weixin.qq.com"', abort: true }),
            z.refine((value) => !hasQueryOrFragment(value), QUERY_OR_FRAGMENT),
          ),
      ),
      timeoutMs: duration(),
      attemptTimeoutMs: duration(),
      retry: z.optional(
        z.object({
          maxRetries: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(10))),
          baseDelayMs: nonnegative(),
          maxDelayMs: nonnegative(),
          minAttemptMs: nonnegative(),
        }),
      ),
      clock: fn<Clock>('() => epoch milliseconds'),
      logger: z.optional(z.custom<Logger>((value) => typeof (value as Logger | undefined)?.warn === 'function', { message: 'must have a warn method' })),
      sleep: fn<(ms: number) => Promise<void>>('(ms) => Promise<void>'),
      security: z.optional(
        z.custom<SecuritySettings | SecurityContext>((value) => value !== null && typeof value === 'object', {
          message: 'must be an object: { symKey, symSn, asymKey, asymSn, platformCerts: [{ sn, cert }] }',
        }),
      ),
    })
    .check(
      z.refine((options) => options.secret !== undefined || options.tokenSource !== undefined, {
        message: 'is required: the AppSecret (or give tokenSource instead)',
        path: ['secret'],
        // Checked even when appid is wrong too: every missing option in one message.
        when: (payload) => payload.value !== null && typeof payload.value === 'object',
      }),
    ),
);

type Pluggable = 'secret' | 'tokenSource' | 'tokenStore' | 'retainCache';
export type ResolvedOptions = Required<Omit<ClientOptions, Pluggable | 'retry' | 'security'>> &
  Pick<ClientOptions, Pluggable> & { retry: RetryPolicy; security?: SecurityContext };

/** Validates options once, when the client is made; errors name the option, never its value. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  const parsed = optionsSchema().safeParse(options ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `option "${issue.path.join('.') || '(options)'}" ${issue.message}`);
    throw new ConfigError(`createClient: ${problems.join('; ')}`);
  }
  const o = parsed.data;
  return {
    ...o,
    apiBase: (o.apiBase ?? DEFAULTS.apiBase).replace(/\/+$/, ''),
    timeoutMs: o.timeoutMs ?? DEFAULTS.timeoutMs,
    attemptTimeoutMs: o.attemptTimeoutMs ?? DEFAULTS.attemptTimeoutMs,
    retry: { ...RETRY_DEFAULTS, ...o.retry },
    clock: o.clock ?? systemClock,
    logger: o.logger ?? console,
    sleep: o.sleep ?? sleep,
    security: o.security && securityFromOption(o.appid, o.security),
  };
}

/**
 * Parses the keys once, here, so a bad key fails createClient rather than the first call.
 * The API-security code is loaded only now, for a client that uses it: a client without it
 * (most, and every function without the WECHAT_API_* variables) never loads it.
 */
function securityFromOption(appid: string, security: SecuritySettings | SecurityContext): SecurityContext {
  if (!('platformKeys' in security)) {
    const { createSecurityContext } = require('./security/security-config') as typeof import('./security/security-config');
    return createSecurityContext({ ...security, appid });
  }
  if (security.appid !== appid) throw new ConfigError(`createClient: option "security" was made for AppID ${security.appid}, not ${appid}`);
  return security;
}
