import { createClient, MemoryRetainCache } from '../../src';
import { EMULATOR_APPID, EMULATOR_SECRET } from '../../src/emulator/wechat-emulator';
import { MONTH } from '../../src/period/month-period';
import { WEEK } from '../../src/period/week-period';
import { emulatorEnv, loadBuiltFunction } from '../helpers/built-function';
import { useHarness } from './harness';

// Issue 11's rules hold for the weekly and monthly APIs too: an echoed token is cut out and
// never cached, control characters from upstream are replaced, an oversized answer is
// refused, and a period whose counts are not counts is missing, never cached. Every result
// and log line of these tests is scanned for the AppSecret and every token (harness.ts).

const harness = useHarness();

const PERIODS = [
  { period: WEEK, asked: { beginDate: '20170306', endDate: '20170312' }, refDate: '20170306-20170312', key: 'week-20170306-20170312' },
  { period: MONTH, asked: { beginDate: '20170201', endDate: '20170228' }, refDate: '201702', key: 'month-201702' },
] as const;

describe.each(PERIODS.map((p) => [p.period.api, p] as const))('%s', (api, { asked, refDate, key }) => {
  const built = () => {
    const main = loadBuiltFunction(emulatorEnv(harness.emulator), api);
    return async (event: unknown) => {
      const result = await main(event);
      harness.seen.push(result);
      return result;
    };
  };
  const documented = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ ref_date: refDate, visit_uv_new: [{ key: 0, value: 10 }, { key: 1, value: 3 }], visit_uv: [{ key: 0, value: 40 }, { key: 1, value: 20 }], ...extra });

  it('cuts an echoed token and terminal escapes out of errMsg', async () => {
    const token = await harness.liveToken();
    harness.emulator.inject('datacube', { kind: 'errcode', errcode: 61503, errmsg: `not ready \u001b]0;owned\u0007 for ${token}` });
    const result = await built()(asked);
    expect(result.errCode).toBe(61503);
    expect(result.errMsg).toMatch(new RegExp(`^openapi\\.analysis\\.${api}:fail not ready \uFFFD\\]0;owned\uFFFD for \\[REDACTED\\]`));
  });

  it('cuts an echoed token out of a success answer, which a range then never caches', async () => {
    const token = await harness.liveToken();
    harness.emulator.inject('datacube', { kind: 'body', body: documented({ echo: token }) });
    expect(await built()(asked)).toMatchObject({ refDate, echo: '[REDACTED]', errCode: 0 });
    const retainCache = new MemoryRetainCache();
    const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: harness.emulator.url, retainCache, logger: { warn: () => undefined } });
    harness.emulator.inject('datacube', { kind: 'body', body: documented({ echo: token }) });
    const range = await client.getDailyRetainRange({ ...asked, period: api === 'getWeeklyRetain' ? 'week' : 'month' });
    harness.seen.push(range);
    expect(range.list).toEqual([expect.objectContaining({ refDate, final: true })]);
    expect(await retainCache.get(EMULATOR_APPID, key)).toBeUndefined();
    // The same answer without the echo is cached: the echo alone kept it out.
    harness.emulator.inject('datacube', { kind: 'body', body: documented() });
    await client.getDailyRetainRange({ ...asked, period: api === 'getWeeklyRetain' ? 'week' : 'month' });
    expect(await retainCache.get(EMULATOR_APPID, key)).toMatchObject({ refDate });
  });

  it('refuses an answer larger than 64 KiB with -90006', async () => {
    harness.emulator.inject('datacube', { kind: 'body', body: documented({ padding: 'x'.repeat(70_000) }) });
    expect(await built()(asked)).toMatchObject({ errCode: -90006 });
  });

  it('lists a period whose counts are not counts as missing in a range, and never caches it', async () => {
    const retainCache = new MemoryRetainCache();
    const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: harness.emulator.url, retainCache, logger: { warn: () => undefined } });
    harness.emulator.inject('datacube', { kind: 'body', body: documented({ visit_uv_new: [{ key: 0, value: 1e308 }] }) });
    const range = await client.getDailyRetainRange({ ...asked, period: api === 'getWeeklyRetain' ? 'week' : 'month' });
    expect(range.list).toEqual([]);
    expect(range.missing).toEqual([
      { refDate, errCode: -90006, errMsg: `getDailyRetainRange:fail the answer for ${refDate} is not usable: visitUvNew.0.value is not a whole number from 0 to 2^53 − 1 (1e+308)` },
    ]);
    expect(await retainCache.get(EMULATOR_APPID, key)).toBeUndefined();
  });
});
