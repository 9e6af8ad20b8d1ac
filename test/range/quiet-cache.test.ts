import { createClient } from '../../src';
import type { DailyRetainData } from '../../src/daily-retain/response';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import { quietCache, RETAIN_CACHE_TIMEOUT_MS } from '../../src/range/quiet-cache';
import { MemoryRetainCache, type RetainCache } from '../../src/range/retain-cache';
import { daysAgo } from '../helpers/yesterday';

// The range's view of its retain cache (a cloud database in the cloud): a cache that fails
// or hangs costs a re-fetch, at most one timeout, and one warning; never the range.

const DAY = { refDate: '20170313', visitUvNew: [{ key: 0, value: 1 }], visitUv: [{ key: 0, value: 2 }] } as unknown as DailyRetainData;

/** A memory cache whose operations wait for `release()` while `hung` is true. */
function hungCache() {
  const memory = new MemoryRetainCache();
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const calls: string[] = [];
  const cache: RetainCache = {
    get: (appid, refDate) => {
      calls.push('get');
      return released.then(() => memory.get(appid, refDate));
    },
    set: (appid, refDate, day) => {
      calls.push('set');
      return released.then(() => memory.set(appid, refDate, day));
    },
  };
  return { cache, memory, calls, release };
}

describe('quietCache', () => {
  it('gives each cache operation a 1 s default timeout', () => {
    expect(RETAIN_CACHE_TIMEOUT_MS).toBe(1000);
  });

  it('counts a slow read as a miss and abandons a slow write, warning once; asks no more while one hangs', async () => {
    const { cache, memory, calls, release } = hungCache();
    const warnings: string[] = [];
    const quiet = quietCache(cache, { warn: (m) => warnings.push(m) }, { timeoutMs: 30 });
    let started = Date.now();
    expect(await quiet.get(EMULATOR_APPID, '20170313')).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(500);
    expect(warnings).toEqual(['retain cache: no answer within 30 ms; days will be fetched again']);
    started = Date.now();
    await quiet.set(EMULATOR_APPID, '20170313', DAY);
    expect(await quiet.get(EMULATOR_APPID, '20170313')).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(25);
    expect(calls).toEqual(['get']);
    // Once the hung read answers, the cache is used again.
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await quiet.set(EMULATOR_APPID, '20170313', DAY);
    expect(await memory.get(EMULATOR_APPID, '20170313')).toEqual(DAY);
    expect(await quiet.get(EMULATOR_APPID, '20170313')).toEqual(DAY);
    expect(warnings).toHaveLength(1);
  });

  it("ends an operation at the call's deadline, before its own timeout, without a warning", async () => {
    const { cache, release } = hungCache();
    const warnings: string[] = [];
    const quiet = quietCache(cache, { warn: (m) => warnings.push(m) }, { timeoutMs: 5000, deadlineAt: Date.now() + 40 });
    const started = Date.now();
    await quiet.set(EMULATOR_APPID, '20170313', DAY);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(warnings).toEqual([]);
    release();
  });

  it('does not ask the cache at all once the deadline has passed', async () => {
    const { cache, calls } = hungCache();
    const quiet = quietCache(cache, { warn: () => undefined }, { deadlineAt: Date.now() - 1 });
    expect(await quiet.get(EMULATOR_APPID, '20170313')).toBeUndefined();
    await quiet.set(EMULATOR_APPID, '20170313', DAY);
    expect(calls).toEqual([]);
  });

  it('warns once for a cache that fails, and keeps asking it', async () => {
    const warnings: string[] = [];
    let gets = 0;
    const failing: RetainCache = {
      get: async () => {
        gets += 1;
        throw new Error('document.get:fail -501001 resource system error');
      },
      set: async () => undefined,
    };
    const quiet = quietCache(failing, { warn: (m) => warnings.push(m) }, { timeoutMs: 30 });
    expect(await quiet.get(EMULATOR_APPID, '20170313')).toBeUndefined();
    expect(await quiet.get(EMULATOR_APPID, '20170314')).toBeUndefined();
    expect(gets).toBe(2);
    expect(warnings).toEqual(['retain cache: document.get:fail -501001 resource system error; days will be fetched again']);
  });
});

describe('getDailyRetainRange with a retain cache that hangs', () => {
  let emulator: WeChatEmulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.close());

  it('fetches every day, losing about one timeout to the cache, with one warning', async () => {
    const { cache, release } = hungCache();
    const warnings: string[] = [];
    const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, retainCache: cache, logger: { warn: (m) => warnings.push(m) } });
    try {
      const started = Date.now();
      const { list, missing } = await client.getDailyRetainRange({ beginDate: daysAgo(50), endDate: daysAgo(41) }, { concurrency: 2 });
      expect(missing).toEqual([]);
      expect(list).toHaveLength(10);
      expect(emulator.count('datacube')).toBe(10);
      expect(Date.now() - started).toBeLessThan(RETAIN_CACHE_TIMEOUT_MS + 800);
      expect(warnings).toEqual([`retain cache: no answer within ${RETAIN_CACHE_TIMEOUT_MS} ms; days will be fetched again`]);
    } finally {
      release();
    }
  });
});
