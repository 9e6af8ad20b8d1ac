import type { CallerContext } from './platform';

/** The fields of getWXContext() that the caller gate and the client read. */
const FIELDS = ['OPENID', 'APPID', 'FROM_OPENID', 'FROM_APPID'] as const;

/** Keys wx-server-sdk never reads into the context: they hold the runtime's own tokens. */
const BLACKLIST = new Set(['API_TOKEN', 'WX_API_TOKEN', 'TRIGGER_API_TOKEN_V0', 'WX_TRIGGER_API_TOKEN_V0']);

/**
 * The caller, read the way wx-server-sdk 4.0.2's getWXContext() reads it: the runtime sets
 * WX_OPENID, WX_APPID, WX_FROM_OPENID, … per call and lists them in WX_CONTEXT_KEYS; each
 * listed key is read, `WX_` is cut from its name (a key listed without it, such as
 * FROM_OPENID, keeps its name), a later key wins, and a value of digits becomes a number.
 * Reading them here spares a call the 250–450 ms of loading the SDK when it needs no
 * database (bench/: cold start 0.4× instead of 1.2× the hand-written baseline);
 * test/caller-from-env.test.ts checks this against the SDK's own function.
 */
export function callerFromEnv(env: Record<string, string | undefined>): CallerContext {
  const caller: CallerContext = {};
  for (const key of (env.WX_CONTEXT_KEYS ?? '').split(',')) {
    const value = env[key];
    if (!key || BLACKLIST.has(key) || value === undefined) continue;
    const name = key.startsWith('WX_') && key.length > 3 ? key.slice(3) : key;
    if ((FIELDS as readonly string[]).includes(name)) {
      caller[name as (typeof FIELDS)[number]] = /^-?\d+$/.test(value) ? Number.parseInt(value, 10) : value;
    }
  }
  return caller;
}
