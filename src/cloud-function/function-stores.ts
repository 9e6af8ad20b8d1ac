import type { Logger } from '../options';
import { once } from '../once';
import { CloudDatabaseRetainCache } from '../range/cloud-database-retain-cache';
import { MemoryRetainCache, type RetainCache } from '../range/retain-cache';
import type { TokenStore } from '../token/access-token';
import { CloudDatabaseTokenStore } from '../token/cloud-database-token-store';
import { FallbackTokenStore } from '../token/fallback-token-store';
import { MemoryTokenStore } from '../token/memory-token-store';
import type { FunctionConfig } from './function-config';
import type { Platform } from './platform';

/** Where a function instance keeps its access token and the final periods of ranges. */
export interface FunctionStores {
  tokenStore: TokenStore;
  retainCache: RetainCache;
}

const NO_DATABASE = 'the cloud database is not available here (no TENCENTCLOUD_SECRETID/SECRETKEY)';

/**
 * The stores of one function instance, as its configuration chooses them. The cloud database
 * is opened (and wx-server-sdk loaded, 250–450 ms) only when a store that needs it is first
 * used, so a call that needs none never pays for it:
 * - the token: in memory (WECHAT_TOKEN_STORE `memory`, the default; see TOKEN_STORES), or in
 *   the cloud database (`database`), behind a fallback to memory that warns once;
 * - final periods of ranges: in the cloud database whenever there is one, else in memory.
 *   Only getDailyRetainRange reads them, so only it opens the database for them.
 * Without a database, each store that wanted one says once, when it is first used, that it
 * keeps to memory.
 */
export function functionStores(config: FunctionConfig, platform: Platform, log: Logger): FunctionStores {
  const database = once(() => {
    try {
      return platform.database();
    } catch (error) {
      log.warn(`the cloud database could not be opened (${error instanceof Error ? error.message : String(error)})`);
      return undefined;
    }
  });
  return { tokenStore: config.tokenStore === 'database' ? sharedTokenStore() : new MemoryTokenStore(), retainCache: lazyRetainCache() };

  function sharedTokenStore(): TokenStore {
    const db = database();
    if (!db) {
      return announcedOnFirstSet(new MemoryTokenStore(), () =>
        log.warn(`token store: WECHAT_TOKEN_STORE is "database" but ${NO_DATABASE}: keeping the access token in memory, so instances will not share it`),
      );
    }
    return new FallbackTokenStore(new CloudDatabaseTokenStore(db, config.tokenCollection), log.warn, `cloud database collection "${config.tokenCollection}"`);
  }

  function lazyRetainCache(): RetainCache {
    const cache = once((): RetainCache => {
      const db = database();
      if (db) return new CloudDatabaseRetainCache(db, config.retainCacheCollection);
      log.warn(`retain cache: ${NO_DATABASE}: keeping final periods in memory, so instances will not share them`);
      return new MemoryRetainCache();
    });
    return { get: (appid, key) => cache().get(appid, key), set: (appid, key, data) => cache().set(appid, key, data) };
  }
}

/**
 * `store`, calling `announce` once, when it first keeps a token: a notice about where tokens
 * are kept is true only of a run that got one (not of an event refused before any request).
 */
function announcedOnFirstSet(store: TokenStore, announce: () => void): TokenStore {
  let announced = false;
  return {
    get: (key) => store.get(key),
    set: (key, token) => {
      if (!announced) {
        announced = true;
        announce();
      }
      return store.set(key, token);
    },
    invalidate: (key, value) => store.invalidate(key, value),
  };
}
