import type { CallerContext } from './platform';

/**
 * The caller's OPENID and APPID, read the way wx-server-sdk 4.0.2's getWXContext() reads
 * them: the runtime sets WX_OPENID, WX_APPID, … per call and lists them in WX_CONTEXT_KEYS.
 * Reading them here spares a call the 250–450 ms of loading the SDK when it needs no
 * database (bench/: cold start 0.4× instead of 1.2× the hand-written baseline);
 * test/caller-from-env.test.ts checks this against the SDK's own function.
 */
export function callerFromEnv(env: Record<string, string | undefined>): CallerContext {
  const listed = new Set((env.WX_CONTEXT_KEYS ?? '').split(','));
  return {
    OPENID: listed.has('WX_OPENID') ? env.WX_OPENID : undefined,
    APPID: listed.has('WX_APPID') ? env.WX_APPID : undefined,
  };
}
