import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ErrorCode } from '../src/errors';
import { startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';
import { MONTH } from '../src/period/month-period';
import { lastCompleteStart, type Period, spanText } from '../src/period/period';
import { WEEK } from '../src/period/week-period';
import { callAs, clearFunctionEnv, emulatorEnv, loadBuiltFunction } from './helpers/built-function';
import { captureLogs } from './helpers/log-capture';
import { findSecrets } from './helpers/secret-scan';
import { today, yesterday } from './helpers/yesterday';
import { appKeys, clearSecurityEnv, currentCertificate, secretsOf, securityEnv, startSecureEmulator } from './security-integration/secure-setup';

// Integration tests of the built, deployable weekly and monthly functions
// (cloudfunctions/getWeeklyRetain/index.js, cloudfunctions/getMonthlyRetain/index.js) against
// the emulator, configured through environment variables as in the cloud console: the same
// runtime, gate, configuration, time budget, API security and errors as getDailyRetain.

let emulator: WeChatEmulator;
let logs: ReturnType<typeof captureLogs>;
beforeEach(async () => {
  emulator = await startEmulator();
  logs = captureLogs();
});
afterEach(async () => {
  logs.restore();
  clearFunctionEnv();
  clearSecurityEnv();
  await emulator.close();
});

/** Each function, with WeChat's documented example period and the keys it has. */
const FUNCTIONS = [
  { period: WEEK, example: { beginDate: '20170306', endDate: '20170312' }, refDate: '20170306-20170312', keys: [0, 1, 2, 3, 4] },
  { period: MONTH, example: { beginDate: '20170201', endDate: '20170228' }, refDate: '201702', keys: [0, 1] },
] as const;

describe.each(FUNCTIONS.map((fn) => [fn.period.api, fn] as const))('the built %s function', (api, { period, example, refDate, keys }) => {
  const load = (extra: Record<string, string | undefined> = {}) => loadBuiltFunction(emulatorEnv(emulator, extra), api);
  const FAIL = new RegExp(`^openapi\\.analysis\\.${api}:fail `);
  const lastComplete = (p: Period) => lastCompleteStart(p, yesterday());

  it('returns the cloud.openapi result shape for a past period, every key filled in', async () => {
    const result = await load()(example);
    expect(Object.keys(result)).toEqual(['refDate', 'visitUvNew', 'visitUv', 'errMsg', 'errCode']);
    expect(result).toMatchObject({ refDate, errMsg: `openapi.analysis.${api}:ok`, errCode: 0 });
    expect((result.visitUvNew as { key: number }[]).map((entry) => entry.key)).toEqual(keys);
  });

  it("sends WeChat the period's path and its first and last day", async () => {
    await load()({ begin_date: example.beginDate, end_date: example.endDate });
    expect(emulator.requests.find((request) => request.endpoint === 'datacube')).toMatchObject({
      method: 'POST',
      path: period.path,
      body: { begin_date: example.beginDate, end_date: example.endDate },
    });
  });

  it('asks for the last period that has ended by yesterday (Beijing time) when both dates are omitted', async () => {
    const first = lastComplete(period);
    const result = await load()({});
    expect(result).toMatchObject({ refDate: period.refDate(first), errCode: 0 });
    expect(emulator.requests.at(-1)?.body).toEqual({ begin_date: first, end_date: period.end(first) });
    // Its key 1 is the period now under way: not there yet.
    expect(result.visitUvNew).toEqual([{ key: 0, value: expect.any(Number) }]);
  });

  it('takes the period of its first day given alone, or of its last day given alone as endDate', async () => {
    const main = load();
    expect(await main({ beginDate: example.beginDate })).toMatchObject({ refDate, errCode: 0 });
    expect(await main({ endDate: example.endDate })).toMatchObject({ refDate, errCode: 0 });
  });

  it('refuses a date inside the period with 61501, naming the pair to ask for, before any request', async () => {
    const inside = period.shift(example.beginDate, 0).replace(/\d\d$/, '08');
    const result = await load()({ beginDate: inside });
    expect(result).toEqual({ errCode: ErrorCode.DATE_RANGE, errMsg: expect.stringMatching(FAIL) });
    expect(result.errMsg).toContain(`beginDate "${inside}"`);
    expect(result.errMsg).toContain(`for example ${spanText(period, example.beginDate)}`);
    expect(emulator.requests).toHaveLength(0);
  });

  it('refuses the period under way with 61501, naming the last one that has ended', async () => {
    const result = await load()({ endDate: period.end(today()) });
    expect(result.errCode).toBe(ErrorCode.DATE_RANGE);
    expect(result.errMsg).toMatch(FAIL);
    expect(result.errMsg).toContain(`has not ended by yesterday (${yesterday()}, Beijing time)`);
    expect(result.errMsg).toContain(`the last one ${spanText(period, lastComplete(period))}`);
    expect(emulator.requests).toHaveLength(0);
  });

  it.each([
    [{ beginDate: '20230230' }, ErrorCode.DATE_FORMAT, /beginDate "20230230" is not a calendar date/],
    [{ weekDay: '20170306' }, ErrorCode.INVALID_EVENT, /the event key "weekDay" is not a date field/],
    ['last week', ErrorCode.INVALID_EVENT, /the event must be an object/],
  ])('rejects %j with errCode %i before any request', async (event, errCode, message) => {
    const result = await load()(event);
    expect(result).toEqual({ errCode, errMsg: expect.stringMatching(FAIL) });
    expect(result.errMsg).toMatch(message);
    expect(emulator.requests).toHaveLength(0);
  });

  it("passes WeChat's own 61501 through, its errmsg right after :fail", async () => {
    emulator.inject('datacube', { kind: 'errcode', errcode: 61501, errmsg: 'date range error hint' });
    const result = await load()(example);
    expect(result).toEqual({ errCode: 61501, errMsg: expect.stringMatching(new RegExp(`^openapi\\.analysis\\.${api}:fail date range error hint rid: [0-9a-f-]+ \\(`)) });
    // The hint after it is about this API's periods, not days.
    expect(result.errMsg).toContain(`(query one ${period.id} (${period.rule}) that has ended by yesterday (Beijing time); errcode 61501 from ${period.path})`);
  });

  it('applies the caller gate and the configuration checks of getDailyRetain', async () => {
    callAs({ OPENID: 'oStranger', APPID: 'wxemulator00000001' });
    expect(await load()(example)).toMatchObject({ errCode: ErrorCode.FORBIDDEN, errMsg: expect.stringMatching(FAIL) });
    callAs({});
    expect(await load({ WECHAT_APPSECRET: undefined })(example)).toMatchObject({ errCode: ErrorCode.CONFIG, errMsg: expect.stringMatching(/WECHAT_APPSECRET is not set/) });
    expect(emulator.requests).toHaveLength(0);
  });

  it('answers within its time limit when WeChat does not', async () => {
    emulator.inject('datacube', { kind: 'hang' }, 5);
    const started = Date.now();
    const result = await load()(example, { time_limit_in_ms: 1500 });
    expect(result).toMatchObject({ errCode: ErrorCode.TIMEOUT, errMsg: expect.stringMatching(FAIL) });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('gets the same result with API security on: an encrypted, signed request and a verified answer', async () => {
    const keysOfApp = appKeys();
    const secure = await startSecureEmulator(keysOfApp);
    try {
      const plain = await loadBuiltFunction(emulatorEnv(secure), api)(example);
      const sealed = await loadBuiltFunction(emulatorEnv(secure, securityEnv(keysOfApp, currentCertificate(secure))), api)(example);
      expect(sealed).toEqual(plain);
      const request = secure.requests.filter((r) => r.endpoint === 'datacube').at(-1);
      expect(request).toMatchObject({ path: period.path, body: { iv: expect.any(String), data: expect.any(String), authtag: expect.any(String) } });
      expect(findSecrets([JSON.stringify(sealed), ...logs.lines], secretsOf(keysOfApp))).toEqual([]);
    } finally {
      await secure.close();
    }
  });
});

describe("the README's cloud-console test events", () => {
  const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
  /** The JSON code blocks of the README section that starts with `heading`, in order. */
  const events = (heading: string) => {
    const section = readme.slice(readme.indexOf(heading));
    const body = section.slice(0, section.indexOf('\n## ', 1) >= 0 ? section.indexOf('\n## ', 1) : undefined);
    return [...body.matchAll(/```json\n([^`]+)```/g)].map((match) => JSON.parse(match[1] as string) as object);
  };

  it('run as documented on the built weekly and monthly functions', async () => {
    const [weekly, monthly] = events('### getWeeklyRetain and getMonthlyRetain');
    expect(await loadBuiltFunction(emulatorEnv(emulator), 'getWeeklyRetain')(weekly)).toMatchObject({ refDate: '20170306-20170312', errCode: 0 });
    expect(await loadBuiltFunction(emulatorEnv(emulator), 'getMonthlyRetain')(monthly)).toMatchObject({ refDate: '201702', errCode: 0 });
  });

  it('runs as documented on the built range function, by week', async () => {
    const byWeek = events('### getDailyRetainRange').find((event) => 'period' in event);
    expect(byWeek).toMatchObject({ period: 'week' });
    const result = await loadBuiltFunction(emulatorEnv(emulator), 'getDailyRetainRange')(byWeek, { time_limit_in_ms: 10_000 });
    expect(result).toMatchObject({ period: 'week', beginDate: '20240101', endDate: '20240630', missing: [], errCode: 0 });
    expect(result.list).toHaveLength(26);
  });
});
