import type * as Cloud from 'wx-server-sdk';
import { once } from '../once';
import type { CloudDatabase } from '../token/cloud-database-token-store';
import { callerFromEnv } from './caller-from-env';

/** Who is calling, as the platform says (getWXContext()); all fields may be absent. */
export interface CallerContext {
  /** A user of this mini program. */
  OPENID?: unknown;
  APPID?: unknown;
  /** A user of another mini program calling through resource sharing (跨账号资源复用). */
  FROM_OPENID?: unknown;
  /** The mini program of that user. */
  FROM_APPID?: unknown;
}

/** What the handler needs from wx-server-sdk; injectable so tests can stand in for the cloud. */
export interface Platform {
  getWXContext(): CallerContext;
  /** The cloud database, or undefined where there is none (a laptop, a test). */
  database(): CloudDatabase | undefined;
}

/**
 * The cloud, as wx-server-sdk sees it. The caller comes from the environment the runtime
 * sets per call (see caller-from-env.ts); the SDK itself is loaded, and initialised once,
 * only when a store needs the database (function-stores.ts), since loading it is most of a
 * cold start: getDailyRetain, getWeeklyRetain and getMonthlyRetain never load it unless
 * WECHAT_TOKEN_STORE is "database".
 */
export function wxServerSdkPlatform(env: Record<string, string | undefined>): Platform {
  const sdk = once((): typeof Cloud => {
    const cloud = require('wx-server-sdk') as typeof Cloud;
    // The typings do not accept the symbol; it selects the environment the function runs in.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    return cloud;
  });
  return {
    getWXContext: () => callerFromEnv(env),
    database: () =>
      // Without credentials every database call fails with a rejection that no try/catch
      // can catch (wx-server-sdk 4.0.2), so we check before we touch it.
      env.TENCENTCLOUD_SECRETID && env.TENCENTCLOUD_SECRETKEY ? (sdk().database() as unknown as CloudDatabase) : undefined,
  };
}
