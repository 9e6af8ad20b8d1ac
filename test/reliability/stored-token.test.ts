import { createClient } from '../../src';
import { createGetDailyRetainHandler } from '../../src/cloud-function/get-daily-retain-handler';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import type { TokenStore } from '../../src/token/access-token';
import { fakeCloudDatabase } from '../helpers/fake-cloud-database';
import { openApiFailure } from '../helpers/open-api-failure';
import { daysAgo } from '../helpers/yesterday';

// Issue 11, point 11: a token record with value "" drew 41001 on every call until its
// refreshAt, hours away. An empty or non-string stored token is no token, and a 41001 for
// a token we sent counts as a rejected token: one refresh.

let emulator: WeChatEmulator;
beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.close());

const HOUR = 3600_000;
const QUERY = { beginDate: daysAgo(10), endDate: daysAgo(10) };

/** A store that hands back `record` as it is, whatever it is, as a shared store may. */
function storeHolding(record: unknown): TokenStore {
  return { get: async () => record as never, set: async () => undefined, invalidate: async () => undefined };
}

const clientWith = (extra: object) =>
  createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, logger: { warn: () => undefined }, ...extra });

describe('a stored token that is no token', () => {
  it.each([
    ['an empty string', ''],
    ['a number', 12345],
    ['null', null],
    ['an object', { token: 'x' }],
  ])('is ignored, and a token is fetched: %s', async (_, value) => {
    const now = Date.now();
    const client = clientWith({ tokenStore: storeHolding({ value, expiresAt: now + 2 * HOUR, refreshAt: now + HOUR }) });
    await expect(client.openapi.analysis.getDailyRetain(QUERY)).resolves.toMatchObject({ errCode: 0 });
    expect(emulator.count('stable_token')).toBe(1);
    expect(emulator.requests.filter((r) => r.endpoint === 'datacube').map((r) => r.accessToken)).toEqual([emulator.issuedTokens()[0]]);
  });

  it('in the cloud database (WECHAT_TOKEN_STORE=database) is ignored by the function', async () => {
    const { db, collections } = fakeCloudDatabase({ collections: ['wechat_access_tokens'] });
    const now = Date.now();
    collections.get('wechat_access_tokens')?.set(`access-token-${EMULATOR_APPID}`, { value: '', expiresAt: now + 2 * HOUR, refreshAt: now + HOUR });
    const { main } = createGetDailyRetainHandler({
      env: { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_TOKEN_STORE: 'database' },
      platform: { getWXContext: () => ({}), database: () => db },
      logger: { warn: () => undefined },
    });
    expect(await main(QUERY, { time_limit_in_ms: 3000 })).toMatchObject({ errCode: 0 });
    expect(emulator.count('stable_token')).toBe(1);
    expect(collections.get('wechat_access_tokens')?.get(`access-token-${EMULATOR_APPID}`)?.value).toBe(emulator.issuedTokens()[0]);
  });

  it('from a token source is refused with -90006 before any datacube request', async () => {
    const client = clientWith({ tokenSource: async () => ({ accessToken: '', expiresInSeconds: 7200 }) });
    const error = await openApiFailure(client.openapi.analysis.getDailyRetain(QUERY));
    expect(error.errCode).toBe(-90006);
    expect(error.errMsg).toMatch(/the token source gave no usable token/);
    expect(emulator.count('datacube')).toBe(0);
  });
});

describe('errcode 41001 (access_token missing) for a token we sent', () => {
  it('costs one refresh, then the data', async () => {
    emulator.inject('datacube', { kind: 'errcode', errcode: 41001, errmsg: 'access_token missing' });
    await expect(clientWith({}).openapi.analysis.getDailyRetain(QUERY)).resolves.toMatchObject({ errCode: 0 });
    expect([emulator.count('stable_token'), emulator.count('datacube')]).toEqual([2, 2]);
  });

  it('every time, fails with 41001 after that one refresh', async () => {
    emulator.inject('datacube', { kind: 'errcode', errcode: 41001, errmsg: 'access_token missing' }, Number.POSITIVE_INFINITY);
    expect((await openApiFailure(clientWith({}).openapi.analysis.getDailyRetain(QUERY))).errCode).toBe(41001);
    expect([emulator.count('stable_token'), emulator.count('datacube')]).toEqual([2, 2]);
  });
});
