import { ErrorCode } from '../src/errors';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';
import { callAs, clearFunctionEnv, emulatorEnv, loadBuiltFunction } from './helpers/built-function';
import { captureLogs } from './helpers/log-capture';
import { daysAgo, today, yesterday } from './helpers/yesterday';

// Integration tests of the built, deployable function (cloudfunctions/getDailyRetain/index.js)
// against the emulator, configured through environment variables as in the cloud console.

let emulator: WeChatEmulator;
let logs: ReturnType<typeof captureLogs>;

beforeEach(async () => {
  emulator = await startEmulator();
  logs = captureLogs();
});

afterEach(async () => {
  logs.restore();
  clearFunctionEnv();
  await emulator.close();
});

const FAIL = /^openapi\.analysis\.getDailyRetain:fail /;

describe('the built getDailyRetain function', () => {
  it('returns the cloud.openapi result shape for a past day', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator));
    const day = daysAgo(40);
    const result = await main({ beginDate: day, endDate: day });
    expect(Object.keys(result)).toEqual(['refDate', 'visitUvNew', 'visitUv', 'errMsg', 'errCode']);
    expect(result).toMatchObject({ refDate: day, errMsg: 'openapi.analysis.getDailyRetain:ok', errCode: 0 });
    expect((result.visitUvNew as { key: number }[]).map((e) => e.key)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 14, 30]);
    expect(result.visitUv).toEqual(expect.arrayContaining([{ key: 0, value: expect.any(Number) }]));
  });

  it('sends WeChat the token request and the datacube request it documents', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator));
    await main({ beginDate: '20170313', endDate: '20170313' });
    const [token, datacube] = emulator.requests;
    expect(token).toMatchObject({
      endpoint: 'stable_token',
      method: 'POST',
      body: { grant_type: 'client_credential', appid: EMULATOR_APPID, secret: EMULATOR_SECRET, force_refresh: false },
    });
    expect(datacube).toMatchObject({
      endpoint: 'datacube',
      method: 'POST',
      path: '/datacube/getweanalysisappiddailyretaininfo',
      body: { begin_date: '20170313', end_date: '20170313' },
    });
    expect(datacube?.accessToken).toEqual(expect.any(String));
  });

  it('accepts snake_case fields and yyyy-mm-dd dates', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator));
    const result = await main({ begin_date: '2017-03-13', end_date: '2017-03-13' });
    expect(result).toMatchObject({ refDate: '20170313', errCode: 0 });
    expect(emulator.requests.at(-1)?.body).toEqual({ begin_date: '20170313', end_date: '20170313' });
  });

  it('queries yesterday (Beijing time) when both dates are omitted', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator));
    const result = await main({});
    expect(result).toMatchObject({ refDate: yesterday(), errCode: 0 });
    // Yesterday's data has only key 0: day 1 has not passed yet.
    expect(result.visitUvNew).toEqual([{ key: 0, value: expect.any(Number) }]);
  });

  it('queries the one day given when only one date is given', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator));
    expect(await main({ endDate: '20200101' })).toMatchObject({ refDate: '20200101', errCode: 0 });
    expect(await main({ beginDate: '20200102' })).toMatchObject({ refDate: '20200102', errCode: 0 });
  });

  it('ignores the userInfo that clients inject and other unknown keys', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator));
    const result = await main({ beginDate: '20200101', userInfo: { appId: 'wxforged', openId: 'oForged' }, extra: 1 });
    expect(result).toMatchObject({ refDate: '20200101', errCode: 0 });
    expect(emulator.requests.at(-1)?.body).toEqual({ begin_date: '20200101', end_date: '20200101' });
  });

  it.each([
    [{ beginDate: '20230230', endDate: '20230230' }, 61500, /beginDate "20230230" is not a calendar date/],
    [{ beginDate: '2017313' }, 61500, /beginDate "2017313" is not a date: use yyyymmdd/],
    [{ beginDate: 20170313 }, 61500, /beginDate number 20170313 is not a date/],
    [{ beginDate: '20170313', endDate: '20170314' }, 61501, /beginDate "20170313" and endDate "20170314" differ/],
    [{ beginDate: '20170313', begin_date: '20170314' }, 61500, /beginDate "20170313" and begin_date "20170314" disagree/],
    ['20170313', ErrorCode.INVALID_EVENT, /the event must be an object/],
  ])('rejects %j with errCode %i before any network call', async (event, errCode, message) => {
    const main = loadBuiltFunction(emulatorEnv(emulator));
    const result = await main(event);
    expect(result).toEqual({ errCode, errMsg: expect.stringMatching(FAIL) });
    expect(result.errMsg).toMatch(message);
    expect(emulator.requests).toHaveLength(0);
  });

  it('rejects today and later, naming yesterday in Beijing time', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator));
    const result = await main({ beginDate: today(), endDate: today() });
    expect(result).toEqual({
      errCode: 61501,
      errMsg: `openapi.analysis.getDailyRetain:fail endDate "${today()}" is later than yesterday (${yesterday()}, Beijing time): WeChat only has data up to yesterday`,
    });
    expect(emulator.requests).toHaveLength(0);
  });

  it('names WECHAT_APPSECRET when it is missing, without calling WeChat', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator, { WECHAT_APPSECRET: undefined }));
    const result = await main({});
    expect(result).toEqual({ errCode: ErrorCode.CONFIG, errMsg: expect.stringMatching(FAIL) });
    expect(result.errMsg).toMatch(/WECHAT_APPSECRET is not set/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('names the variable and its rule when a variable is invalid', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator, { WECHAT_API_BASE: 'api.weixin.qq.com', WECHAT_APPID: 'wx123' }));
    const result = await main({});
    expect(result.errCode).toBe(ErrorCode.CONFIG);
    expect(result.errMsg).toMatch(/WECHAT_APPID must be your AppID/);
    expect(result.errMsg).toMatch(/WECHAT_API_BASE must be an http\(s\) URL/);
  });

  it("uses the caller's APPID when WECHAT_APPID is not set", async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator, { WECHAT_APPID: undefined, RETAIN_ALLOWED_OPENIDS: 'oAdmin' }));
    callAs({ OPENID: 'oAdmin', APPID: EMULATOR_APPID });
    expect(await main({ beginDate: '20200101' })).toMatchObject({ errCode: 0 });
    expect(emulator.requests[0]?.body).toMatchObject({ appid: EMULATOR_APPID });
  });

  it('names WECHAT_APPID when neither it nor a caller APPID is there', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator, { WECHAT_APPID: undefined }));
    const result = await main({});
    expect(result.errCode).toBe(ErrorCode.CONFIG);
    expect(result.errMsg).toMatch(/WECHAT_APPID is not set/);
  });

  it('names WECHAT_APPID and WECHAT_APPSECRET in one message when both are missing', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator, { WECHAT_APPID: undefined, WECHAT_APPSECRET: undefined }));
    const result = await main({});
    expect(result.errCode).toBe(ErrorCode.CONFIG);
    expect(result.errMsg).toMatch(/^openapi\.analysis\.getDailyRetain:fail WECHAT_APPID and WECHAT_APPSECRET are not set, and the call carries no APPID .*: set both in the function's environment variables/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('names a missing variable and an invalid one in the same message', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator, { WECHAT_APPSECRET: undefined, WECHAT_API_BASE: 'api.weixin.qq.com' }));
    const result = await main({});
    expect(result.errMsg).toMatch(/WECHAT_APPSECRET is not set: .*; invalid environment variable: WECHAT_API_BASE must be an http\(s\) URL/);
  });

  describe('caller gate', () => {
    it('refuses a mini-program user who is not allowed, naming the variable and the OPENID', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator, { RETAIN_ALLOWED_OPENIDS: 'oAdmin1, oAdmin2' }));
      callAs({ OPENID: 'oStranger', APPID: EMULATOR_APPID });
      const result = await main({});
      expect(result).toEqual({ errCode: ErrorCode.FORBIDDEN, errMsg: expect.stringMatching(FAIL) });
      expect(result.errMsg).toMatch(/caller OPENID "oStranger".*RETAIN_ALLOWED_OPENIDS/);
      expect(emulator.requests).toHaveLength(0);
    });

    it('refuses a caller who is not allowed before saying anything about the configuration', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator, { WECHAT_APPSECRET: undefined, WECHAT_API_BASE: 'nonsense' }));
      callAs({ OPENID: 'oStranger' });
      const result = await main({});
      expect(result.errCode).toBe(ErrorCode.FORBIDDEN);
      expect(result.errMsg).not.toMatch(/WECHAT_APPSECRET|WECHAT_API_BASE/);
    });

    it('refuses every mini-program user when RETAIN_ALLOWED_OPENIDS is not set', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator));
      callAs({ OPENID: 'oAnyone' });
      expect((await main({})).errCode).toBe(ErrorCode.FORBIDDEN);
    });

    it('lets a listed OPENID through (entries are trimmed)', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator, { RETAIN_ALLOWED_OPENIDS: 'oAdmin1, oAdmin2' }));
      callAs({ OPENID: 'oAdmin2' });
      expect((await main({})).errCode).toBe(0);
    });

    it('lets every user through with *', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator, { RETAIN_ALLOWED_OPENIDS: '*' }));
      callAs({ OPENID: 'oAnyone' });
      expect((await main({})).errCode).toBe(0);
    });

    it('lets calls without an OPENID through (console, timer, server) and ignores a forged userInfo', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator));
      expect((await main({ userInfo: { openId: 'oStranger' } })).errCode).toBe(0);
    });
  });

  describe('access token', () => {
    it('makes one token request for 30 parallel calls on a cold instance', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator));
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => main({ beginDate: daysAgo(2 + i) })));
      expect(results.every((r) => r.errCode === 0)).toBe(true);
      expect(emulator.count('stable_token')).toBe(1);
      expect(emulator.count('datacube')).toBe(30);
    });

    it('reuses the token across warm calls', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator));
      for (let i = 0; i < 5; i++) await main({});
      expect(emulator.count('stable_token')).toBe(1);
    });

    it('refreshes once and retries when WeChat says the token expired (42001)', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator));
      await main({});
      emulator.expireTokens();
      expect((await main({})).errCode).toBe(0);
      expect(emulator.count('stable_token')).toBe(2);
    });

    it('refreshes once and retries when WeChat says the token is invalid (40001)', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator));
      await main({});
      emulator.invalidateTokens();
      expect((await main({})).errCode).toBe(0);
      expect(emulator.count('stable_token')).toBe(2);
      expect(emulator.count('datacube')).toBe(3);
    });

    it('passes 40001 through after one refresh instead of looping', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator));
      emulator.inject('datacube', { kind: 'errcode', errcode: 40001, errmsg: 'invalid credential' }, Number.POSITIVE_INFINITY);
      const result = await main({});
      expect(result.errCode).toBe(40001);
      // One call with the first token, one refresh (normal mode: WeChat answers the same
      // token, since it is still valid), one more call, then the errcode.
      expect(emulator.count('datacube')).toBe(2);
      expect(emulator.count('stable_token')).toBe(2);
    });

    it('reports a wrong AppSecret once, with its errcode and without the secret', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator, { WECHAT_APPSECRET: 'a-wrong-secret-value-0123456789' }));
      const result = await main({});
      expect(result).toEqual({ errCode: 40125, errMsg: expect.stringMatching(FAIL) });
      expect(result.errMsg).toMatch(/WECHAT_APPSECRET/);
      expect(result.errMsg).not.toContain('a-wrong-secret-value-0123456789');
      expect(emulator.count('stable_token')).toBe(1);
      expect(emulator.count('datacube')).toBe(0);
    });
  });

  describe('retries and time', () => {
    it('retries errcode -1 and succeeds', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator));
      emulator.inject('datacube', { kind: 'errcode', errcode: -1 }, 2);
      expect((await main({})).errCode).toBe(0);
      expect(emulator.count('datacube')).toBe(3);
    });

    it.each([
      ['an HTML 502 page', { kind: 'http', status: 502 } as const],
      ['broken JSON', { kind: 'broken-json' } as const],
      ['a connection reset', { kind: 'reset' } as const],
    ])('retries %s and succeeds', async (_name, fault) => {
      const main = loadBuiltFunction(emulatorEnv(emulator));
      emulator.inject('datacube', fault);
      expect((await main({})).errCode).toBe(0);
      expect(emulator.count('datacube')).toBe(2);
    });

    it.each([45009, 45011, 61503])('does not retry errcode %i and passes it through', async (errcode) => {
      const main = loadBuiltFunction(emulatorEnv(emulator));
      emulator.inject('datacube', { kind: 'errcode', errcode }, Number.POSITIVE_INFINITY);
      const result = await main({});
      expect(result.errCode).toBe(errcode);
      expect(result.errMsg).toMatch(FAIL);
      expect(emulator.count('datacube')).toBe(1);
    });

    it('gives up on errcode -1 after three attempts with the last errcode', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator));
      emulator.inject('datacube', { kind: 'errcode', errcode: -1 }, Number.POSITIVE_INFINITY);
      const result = await main({}, { time_limit_in_ms: 10_000 });
      expect(result.errCode).toBe(-1);
      expect(result.errMsg).toMatch(/gave up after 3 attempts/);
      expect(emulator.count('datacube')).toBe(3);
    });

    it('returns a timeout error before the platform limit when WeChat never answers', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator));
      emulator.inject('datacube', { kind: 'hang' }, Number.POSITIVE_INFINITY);
      const started = Date.now();
      const result = await main({}, { time_limit_in_ms: 1500 });
      const elapsed = Date.now() - started;
      expect(result.errCode).toBe(ErrorCode.TIMEOUT);
      expect(result.errMsg).toMatch(/raise it to 10 s or more/);
      expect(elapsed).toBeLessThan(1500);
    });

    it('uses the platform default of 3 s when the context gives no limit', async () => {
      const main = loadBuiltFunction(emulatorEnv(emulator));
      emulator.inject('stable_token', { kind: 'hang' }, Number.POSITIVE_INFINITY);
      const started = Date.now();
      const result = await main({});
      const elapsed = Date.now() - started;
      expect(result.errCode).toBe(ErrorCode.TIMEOUT);
      expect(elapsed).toBeGreaterThan(2000);
      expect(elapsed).toBeLessThan(3000);
    });
  });

  it('never puts the AppSecret or a token in a result or a log line', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator));
    emulator.inject('datacube', { kind: 'errcode', errcode: 40001 }, 2);
    const results = [await main({}), await main({ beginDate: 'bad' }), await main({})];
    const text = JSON.stringify(results) + logs.lines.join('\n');
    for (const secret of [EMULATOR_SECRET, ...emulator.issuedTokens()]) expect(text).not.toContain(secret);
  });

  it('says nothing about where tokens are kept when the event is refused before any request, even with WECHAT_TOKEN_STORE=database', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator, { WECHAT_TOKEN_STORE: 'database' }));
    expect(await main({ beginDate: 'bad' })).toMatchObject({ errCode: 61500 });
    expect(logs.lines.filter((line) => line.includes('token store'))).toEqual([]);
  });

  it('keeps the token in memory by default, saying nothing about it', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator));
    expect((await main({})).errCode).toBe(0);
    expect((await main({})).errCode).toBe(0);
    expect(emulator.count('stable_token')).toBe(1);
    expect(logs.lines.filter((line) => /token store/.test(line))).toEqual([]);
  });

  it('warns once that the token stays in memory when WECHAT_TOKEN_STORE=database finds no cloud database', async () => {
    const main = loadBuiltFunction(emulatorEnv(emulator, { WECHAT_TOKEN_STORE: 'database' }));
    await main({});
    await main({});
    expect(logs.lines.filter((line) => line.includes('keeping the access token in memory'))).toHaveLength(1);
  });
});
