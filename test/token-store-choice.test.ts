import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { createGetDailyRetainHandler } from '../src/cloud-function/get-daily-retain-handler';
import { createGetDailyRetainRangeHandler } from '../src/cloud-function/get-daily-retain-range-handler';
import type { Platform } from '../src/cloud-function/platform';
import { createRetainHandler } from '../src/cloud-function/retain-handler';
import { ErrorCode } from '../src/errors';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';
import { MONTH } from '../src/period/month-period';
import { WEEK } from '../src/period/week-period';
import { fakeCloudDatabase } from './helpers/fake-cloud-database';
import { daysAgo } from './helpers/yesterday';

// WECHAT_TOKEN_STORE (issue 10): where a function keeps its access token. By default in the
// instance's memory, so a cold start of getDailyRetain, getWeeklyRetain or getMonthlyRetain
// never opens the cloud database (never loads wx-server-sdk), even in the cloud; "database"
// opts into the shared store; anything else is -90001 before any request.

let emulator: WeChatEmulator;
beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.close());

/** A cloud whose database is there, counting how often a function asks for it. */
function cloud() {
  const fake = fakeCloudDatabase();
  const opened = { count: 0 };
  const platform: Platform = {
    getWXContext: () => ({}),
    database: () => {
      opened.count++;
      return fake.db;
    },
  };
  return { ...fake, platform, opened };
}

function envWith(extra: Record<string, string> = {}) {
  return { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, ...extra };
}

describe('the token store of getDailyRetain, getWeeklyRetain and getMonthlyRetain', () => {
  it.each([
    ['unset', {}],
    ['blank', { WECHAT_TOKEN_STORE: '  ' }],
    ['"memory"', { WECHAT_TOKEN_STORE: 'memory' }],
    ['" memory " (trimmed)', { WECHAT_TOKEN_STORE: ' memory ' }],
  ])('is the instance’s memory when WECHAT_TOKEN_STORE is %s: the cloud database is never opened', async (_, extra) => {
    const { platform, opened, collections } = cloud();
    const warnings: string[] = [];
    const instance = () => createGetDailyRetainHandler({ env: envWith(extra), platform, logger: { warn: (m) => warnings.push(m) } }).main;
    const first = instance();
    const second = instance();
    expect((await first({})).errCode).toBe(0);
    expect((await first({})).errCode).toBe(0);
    expect((await second({})).errCode).toBe(0);
    // One token per instance, fetched once: the second call of the first instance reuses it.
    expect(emulator.count('stable_token')).toBe(2);
    expect(opened.count).toBe(0);
    expect(collections.size).toBe(0);
    expect(warnings).toEqual([]);
  });

  it.each([WEEK, MONTH])('is the instance’s memory for $api too', async (period) => {
    const { platform, opened } = cloud();
    const { main } = createRetainHandler({ env: envWith(), platform, logger: { warn: () => undefined } }, period);
    expect(await main({})).toMatchObject({ errCode: 0, errMsg: `openapi.analysis.${period.api}:ok` });
    expect(opened.count).toBe(0);
  });

  it('is the cloud database with WECHAT_TOKEN_STORE=database, shared between instances', async () => {
    const { platform, opened, collections } = cloud();
    const env = envWith({ WECHAT_TOKEN_STORE: 'database' });
    const instance = () => createGetDailyRetainHandler({ env, platform, logger: { warn: () => undefined } }).main;
    expect((await instance()({})).errCode).toBe(0);
    expect((await instance()({})).errCode).toBe(0);
    expect(emulator.count('stable_token')).toBe(1);
    expect(opened.count).toBe(2);
    expect(collections.get('wechat_access_tokens')?.size).toBe(1);
  });

  it.each(['Database', 'redis', 'memory,database', 'cloud database', 'true'])(
    'refuses WECHAT_TOKEN_STORE=%j with -90001 naming the variable and the values it takes, before any request',
    async (value) => {
      const { platform, opened } = cloud();
      const warnings: string[] = [];
      const { main } = createGetDailyRetainHandler({ env: envWith({ WECHAT_TOKEN_STORE: value }), platform, logger: { warn: (m) => warnings.push(m) } });
      const result = await main({});
      expect(result.errCode).toBe(ErrorCode.CONFIG);
      expect(result.errMsg).toMatch(/^openapi\.analysis\.getDailyRetain:fail invalid environment variable: WECHAT_TOKEN_STORE must be "memory" .* or "database" /);
      expect(result.errMsg).toContain('云函数 → 函数配置 → 环境变量');
      expect(emulator.requests).toHaveLength(0);
      expect(opened.count).toBe(0);
      expect(warnings).toHaveLength(1);
    },
  );
});

describe('the stores of getDailyRetainRange', () => {
  const week = { beginDate: daysAgo(45), endDate: daysAgo(39) };

  it('keeps final days in the cloud database and, by default, the token in memory', async () => {
    const { platform, opened, collections } = cloud();
    const { main } = createGetDailyRetainRangeHandler({ env: envWith(), platform, logger: { warn: () => undefined } });
    expect(await main(week)).toMatchObject({ errCode: 0, missing: [] });
    expect(collections.get('wechat_retain_cache')?.size).toBe(7);
    expect(collections.has('wechat_access_tokens')).toBe(false);
    expect(opened.count).toBe(1);
  });

  it('keeps the token there too with WECHAT_TOKEN_STORE=database, opening the database once', async () => {
    const { platform, opened, collections } = cloud();
    const { main } = createGetDailyRetainRangeHandler({ env: envWith({ WECHAT_TOKEN_STORE: 'database' }), platform, logger: { warn: () => undefined } });
    expect(await main(week)).toMatchObject({ errCode: 0, missing: [] });
    expect(collections.get('wechat_access_tokens')?.size).toBe(1);
    expect(collections.get('wechat_retain_cache')?.size).toBe(7);
    expect(opened.count).toBe(1);
  });

  it('says once that final days stay in memory where there is no cloud database, and nothing about the token', async () => {
    const warnings: string[] = [];
    const platform: Platform = { getWXContext: () => ({}), database: () => undefined };
    const { main } = createGetDailyRetainRangeHandler({ env: envWith(), platform, logger: { warn: (m) => warnings.push(m) } });
    expect(await main(week)).toMatchObject({ errCode: 0, missing: [] });
    expect(await main(week)).toMatchObject({ errCode: 0, missing: [] });
    // The second call came from the cache in memory.
    expect(emulator.count('datacube')).toBe(7);
    expect(warnings).toEqual([
      '[getDailyRetainRange] retain cache: the cloud database is not available here (no TENCENTCLOUD_SECRETID/SECRETKEY): keeping final periods in memory, so instances will not share them',
    ]);
  });
});

/** Stand-ins for the variables the cloud runtime sets on every deployed function. */
const CLOUD_RUNTIME_ENV = {
  TENCENTCLOUD_SECRETID: 'AKIDtesttesttesttesttesttesttest0000',
  TENCENTCLOUD_SECRETKEY: 'testtesttesttesttesttesttest0000',
  TCB_ENV: 'test-0g1h2i3j4k5l6m7n',
};

/**
 * One cold start of a built function in a fresh node, with the cloud runtime's variables set:
 * its answer's errCode and whether wx-server-sdk was loaded by then.
 */
function coldStart(name: string, event: unknown, extra: Record<string, string> = {}): Promise<{ errCode: number; sdkLoaded: boolean }> {
  const script = `
    const fn = require(process.argv[1]);
    fn.main(JSON.parse(process.argv[2]), { time_limit_in_ms: 10000 }).then((result) => {
      const sdkLoaded = Object.keys(require.cache).some((file) => file.includes('wx-server-sdk'));
      process.stdout.write(JSON.stringify({ errCode: result.errCode, sdkLoaded }), () => process.exit(0));
    });`;
  const file = path.resolve(__dirname, '..', 'cloudfunctions', name, 'index.js');
  const env = { PATH: process.env.PATH, ...CLOUD_RUNTIME_ENV, ...envWith(extra) };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script, file, JSON.stringify(event)], { env, timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

describe('a cold start of the built functions, with the cloud runtime’s variables set', () => {
  it.each(['getDailyRetain', 'getWeeklyRetain', 'getMonthlyRetain'])('%s answers without loading wx-server-sdk', async (name) => {
    expect(await coldStart(name, {})).toEqual({ errCode: 0, sdkLoaded: false });
    expect(emulator.count('stable_token')).toBe(1);
  });

  it('getDailyRetain loads wx-server-sdk with WECHAT_TOKEN_STORE=database, and answers when the database cannot be reached', async () => {
    expect(await coldStart('getDailyRetain', {}, { WECHAT_TOKEN_STORE: 'database' })).toEqual({ errCode: 0, sdkLoaded: true });
  });

  it('getDailyRetainRange loads wx-server-sdk for its cache of final days', async () => {
    expect(await coldStart('getDailyRetainRange', { beginDate: daysAgo(41), endDate: daysAgo(40) })).toEqual({ errCode: 0, sdkLoaded: true });
  });
});
