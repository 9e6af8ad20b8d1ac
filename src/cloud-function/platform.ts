import type * as Cloud from 'wx-server-sdk';
import type { CloudDatabase } from '../token/cloud-database-token-store';

/** Who is calling, as the platform says (getWXContext()); all fields may be absent. */
export interface CallerContext {
  OPENID?: unknown;
  APPID?: unknown;
}

/** What the handler needs from wx-server-sdk; injectable so tests can stand in for the cloud. */
export interface Platform {
  getWXContext(): CallerContext;
  /** The cloud database, or undefined where there is none (a laptop, a test). */
  database(): CloudDatabase | undefined;
}

/**
 * wx-server-sdk, loaded on first use and initialised once per instance. The SDK reads the
 * caller's context from the environment on every call, so nothing per-caller is kept here.
 */
export function wxServerSdkPlatform(env: Record<string, string | undefined>): Platform {
  let cloud: typeof Cloud | undefined;
  const sdk = (): typeof Cloud => {
    if (!cloud) {
      cloud = require('wx-server-sdk') as typeof Cloud;
      // The typings do not accept the symbol; it selects the environment the function runs in.
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    }
    return cloud;
  };
  return {
    getWXContext: () => sdk().getWXContext(),
    database: () =>
      // Without credentials every database call fails with a rejection that no try/catch
      // can catch (wx-server-sdk 4.0.2), so we check before we touch it.
      env.TENCENTCLOUD_SECRETID && env.TENCENTCLOUD_SECRETKEY ? (sdk().database() as unknown as CloudDatabase) : undefined,
  };
}
