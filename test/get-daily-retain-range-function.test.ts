import { startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';
import { callAs, clearFunctionEnv, emulatorEnv, loadBuiltFunction } from './helpers/built-function';
import { captureLogs } from './helpers/log-capture';
import { daysAgo, yesterday } from './helpers/yesterday';

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

const load = (extra: Record<string, string | undefined> = {}) => loadBuiltFunction(emulatorEnv(emulator, extra), 'getDailyRetainRange');

describe('the built getDailyRetainRange function', () => {
  it('returns { period, beginDate, endDate, list, missing, errMsg, errCode } for a range of days', async () => {
    const main = load();
    const result = await main({ beginDate: daysAgo(7), endDate: yesterday() }, { time_limit_in_ms: 10_000 });
    expect(Object.keys(result)).toEqual(['period', 'beginDate', 'endDate', 'list', 'missing', 'errMsg', 'errCode']);
    expect(result).toMatchObject({ period: 'day', beginDate: daysAgo(7), endDate: yesterday(), missing: [], errMsg: 'getDailyRetainRange:ok', errCode: 0 });
    expect((result.list as { refDate: string }[]).map((d) => d.refDate)).toHaveLength(7);
  });

  it.each([
    ['week', { beginDate: '20240103', endDate: '20240131' }, { beginDate: '20240101', endDate: '20240204' }, ['20240101-20240107', '20240108-20240114', '20240115-20240121', '20240122-20240128', '20240129-20240204']],
    ['month', { beginDate: '20240115', endDate: '20240410' }, { beginDate: '20240101', endDate: '20240430' }, ['202401', '202402', '202403', '202404']],
  ])('takes period %s, widens the dates to whole periods and says which it covers', async (period, asked, covered, refDates) => {
    const result = await load()({ ...asked, period }, { time_limit_in_ms: 10_000 });
    expect(result).toMatchObject({ period, ...covered, missing: [], errMsg: 'getDailyRetainRange:ok', errCode: 0 });
    expect((result.list as { refDate: string; errMsg: string }[]).map((item) => item.refDate)).toEqual(refDates);
    expect(result.list).toEqual(refDates.map(() => expect.objectContaining({ errMsg: `openapi.analysis.get${period === 'week' ? 'Weekly' : 'Monthly'}Retain:ok`, final: true })));
  });

  it('refuses a period it does not know with -90007, before any request', async () => {
    const result = await load()({ period: 'year' });
    expect(result).toEqual({ errCode: -90007, errMsg: 'getDailyRetainRange:fail period "year" is not a period: use "day", "week" or "month" (or leave it out for days)' });
    expect(emulator.requests).toHaveLength(0);
  });

  it('returns what it has within the time limit, and the next call finishes the job from the cache', async () => {
    emulator.settings.latencyMs = 60;
    const main = load();
    const range = { beginDate: daysAgo(120), endDate: daysAgo(31) };
    const first = await main(range, { time_limit_in_ms: 1000 });
    const firstList = first.list as unknown[];
    const firstMissing = first.missing as { refDate: string; errCode: number }[];
    expect(first.errCode).toBe(0);
    expect(firstList.length).toBeGreaterThan(0);
    expect(firstMissing.length).toBeGreaterThan(0);
    expect(firstMissing[0]?.errCode).toBe(-90003);
    let result = first;
    for (let call = 0; call < 10 && (result.missing as unknown[]).length > 0; call++) {
      result = await main(range, { time_limit_in_ms: 1000 });
    }
    expect(result.missing).toEqual([]);
    expect(result.list as unknown[]).toHaveLength(90);
    const before = emulator.count('datacube');
    await main(range, { time_limit_in_ms: 1000 });
    expect(emulator.count('datacube')).toBe(before);
  });

  it('applies the caller gate and date rules of getDailyRetain, with its own errMsg prefix', async () => {
    const main = load({ RETAIN_ALLOWED_OPENIDS: 'oAdmin' });
    expect(await main({ beginDate: yesterday(), endDate: daysAgo(3) })).toEqual({
      errCode: 61501,
      errMsg: expect.stringMatching(/^getDailyRetainRange:fail beginDate "\d{8}" is after endDate/),
    });
    callAs({ OPENID: 'oStranger' });
    expect(await main({})).toMatchObject({ errCode: -90002, errMsg: expect.stringMatching(/^getDailyRetainRange:fail caller OPENID "oStranger"/) });
    expect(emulator.requests).toHaveLength(0);
  });

  it("fails with the first day's error when no day could be fetched", async () => {
    const main = load({ WECHAT_APPSECRET: 'wrong-secret-0000000000000' });
    const result = await main({ beginDate: daysAgo(5), endDate: yesterday() }, { time_limit_in_ms: 10_000 });
    expect(result).toEqual({ errCode: 40125, errMsg: expect.stringMatching(/^getDailyRetainRange:fail .*invalid appsecret/) });
  });
});
