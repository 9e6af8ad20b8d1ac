import { createGetDailyRetainHandler } from '../src/cloud-function/get-daily-retain-handler';
import type { Platform } from '../src/cloud-function/platform';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';
import { fakeCloudDatabase } from './helpers/fake-cloud-database';

// The handler with a stand-in for the cloud (its database), to test what only the cloud has:
// the token shared between instances through the database, which WECHAT_TOKEN_STORE=database
// opts into (token-store-choice.test.ts: the default keeps it in memory).

let emulator: WeChatEmulator;
beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.close());

function instance(db: ReturnType<typeof fakeCloudDatabase>['db'] | undefined, warnings: string[] = []) {
  const platform: Platform = { getWXContext: () => ({}), database: () => db };
  const env = { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_TOKEN_STORE: 'database' };
  return createGetDailyRetainHandler({ env, platform, logger: { warn: (m) => warnings.push(m) } }).main;
}

describe('getDailyRetain handler in the cloud, WECHAT_TOKEN_STORE=database', () => {
  it('shares the token between instances through the cloud database', async () => {
    const { db, collections } = fakeCloudDatabase();
    const first = instance(db);
    const second = instance(db);
    expect((await first({})).errCode).toBe(0);
    expect((await second({})).errCode).toBe(0);
    expect(emulator.count('stable_token')).toBe(1);
    expect(collections.get('wechat_access_tokens')?.size).toBe(1);
  });

  it('uses the collection named by WECHAT_TOKEN_COLLECTION', async () => {
    const { db, collections } = fakeCloudDatabase();
    const platform: Platform = { getWXContext: () => ({}), database: () => db };
    const env = { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_TOKEN_STORE: 'database', WECHAT_TOKEN_COLLECTION: 'my_tokens' };
    await createGetDailyRetainHandler({ env, platform, logger: { warn: () => undefined } }).main({});
    expect(collections.has('my_tokens')).toBe(true);
  });

  it('drops a token another instance stored once WeChat rejects it, and shares the new one', async () => {
    const { db } = fakeCloudDatabase();
    const first = instance(db);
    const second = instance(db);
    await first({});
    emulator.invalidateTokens();
    expect((await second({})).errCode).toBe(0);
    expect((await first({})).errCode).toBe(0);
    // first: 1 request; second: 1 refresh after 40001; first again: reads the new one from the store after its own 40001.
    expect(emulator.count('stable_token')).toBe(2);
  });

  it('answers from memory, warning once, when the database fails', async () => {
    const { db, failing } = fakeCloudDatabase();
    failing.add('get').add('set').add('createCollection');
    const warnings: string[] = [];
    const main = instance(db, warnings);
    expect((await main({})).errCode).toBe(0);
    expect((await main({})).errCode).toBe(0);
    expect(emulator.count('stable_token')).toBe(1);
    expect(warnings.filter((w) => w.includes('keeping the access token in memory'))).toHaveLength(1);
  });

  it('never puts the token or the secret in the database error warnings', async () => {
    const { db, failing } = fakeCloudDatabase();
    failing.add('set');
    const warnings: string[] = [];
    expect((await instance(db, warnings)({})).errCode).toBe(0);
    // The fake's failed write echoes the document, token included; the warning keeps the rest.
    expect(warnings).toEqual([expect.stringMatching(/could not write .*set:fail -501001 .*"value":"\[REDACTED\]"/)]);
    const text = warnings.join('\n');
    expect(emulator.issuedTokens()).toHaveLength(1);
    for (const secret of [EMULATOR_SECRET, ...emulator.issuedTokens()]) expect(text).not.toContain(secret);
  });
});

describe('getDailyRetain handler when the SDK cannot open the database', () => {
  it('answers from memory, saying why', async () => {
    const warnings: string[] = [];
    const platform: Platform = {
      getWXContext: () => ({}),
      database: () => {
        throw new Error('cloud.database is not available');
      },
    };
    const env = { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_TOKEN_STORE: 'database' };
    const { main } = createGetDailyRetainHandler({ env, platform, logger: { warn: (m) => warnings.push(m) } });
    expect((await main({})).errCode).toBe(0);
    expect((await main({})).errCode).toBe(0);
    expect(warnings.filter((w) => w.includes('could not be opened (cloud.database is not available)'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('keeping the access token in memory'))).toHaveLength(1);
  });
});
