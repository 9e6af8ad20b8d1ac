import fc from 'fast-check';
import { addDays, beijingYesterday } from '../../src/beijing-date';
import { dayCompleteness } from '../../src/range/day-completeness';
import { pooledRate as libraryPooledRate } from '../../src/range/pooled-rate';
import { RETAIN_KEYS } from '../../src/range/retain-keys';
import { retentionRows } from '../../src/range/retention-rates';
import { NOW, retainDays, withoutNewUsers } from '../helpers/retain-days';

// The dashboard's plain modules, required as the mini program requires them.
const DASHBOARD = '../../miniprogram/components/retain-dashboard';
type Range = { beginDate: string; endDate: string };
type Period = 'day' | 'week' | 'month';
type Item = { refDate: string; visitUvNew: { key: number; value: number }[]; visitUv: { key: number; value: number }[]; final?: boolean; pendingKeys: number[] };
const { pooledRate, displayPercent } = require(`${DASHBOARD}/pooled-rate`) as {
  pooledRate: (list: Item[], cohort: 'visitUvNew' | 'visitUv', key: number) => { rate: number | null; periods: number };
  displayPercent: (rate: number | null) => string;
};
const dates = require(`${DASHBOARD}/date-range`) as {
  defaultRange: (period: Period, days: number, now: number) => Range;
  pickDay: (period: Period, range: Range, which: 'begin' | 'end', day: string, now: number) => Range;
  lastCompleteDay: (period: Period, now: number) => string;
  periodStart: (period: Period, day: string) => string;
  periodEnd: (period: Period, day: string) => string;
  spanOf: (period: Period, beginDate: string, endDate: string) => number;
  refDateSpan: (refDate: string) => Range | null;
  weekdayIndex: (day: string) => number;
};
const { readResult, missingSpan, mergeRetry } = require(`${DASHBOARD}/range-result`) as {
  readResult: (result: unknown, asked: Range & { period: Period }) => Record<string, unknown> & { ok: boolean; list: Item[]; missing: { refDate: string; errCode: number; errMsg: string }[] };
  missingSpan: (missing: { refDate: string }[]) => Range | null;
  mergeRetry: (previous: object, retry: object) => { list: Item[]; missing: { refDate: string }[] };
};
const { adviceForFailure, adviceForRejection } = require(`${DASHBOARD}/error-advice`) as {
  adviceForFailure: (failure: { errCode: number | string; errMsg: string }) => Record<string, unknown>;
  adviceForRejection: (error: unknown) => Record<string, unknown>;
};
const { axisOf, drawRetentionChart } = require(`${DASHBOARD}/retention-chart`) as {
  axisOf: (values: number[]) => { top: number; step: number };
  drawRetentionChart: (ctx: object, width: number, height: number, chart: { labels: string[]; series: { id: string; points: (number | null)[] }[] }) => void;
};
const { shadeOf } = require(`${DASHBOARD}/retain-view`) as { shadeOf: (rate: number) => number };

const DAY_MS = 86_400_000;

/** Days as the range function lists them: the library's data plus `pendingKeys` at `now`. */
function rangeList(count: number, now: number, zeroDays: number[] = []) {
  const days = retainDays(count, now).map((day, i) => (zeroDays.includes(i) ? withoutNewUsers(day) : day));
  return { days, list: days.map((day) => ({ ...day, pendingKeys: dayCompleteness(day, now).pendingKeys })) };
}

describe('pooled rates', () => {
  it('equal src/range/pooled-rate.ts for any range, clock and days without new users', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 400 * 24 }), fc.array(fc.nat(89), { maxLength: 5 }), (count, hours, zeroDays) => {
        const now = NOW + hours * 3_600_000;
        const { days, list } = rangeList(count, now, zeroDays);
        const rows = retentionRows(days, now);
        for (const key of RETAIN_KEYS.filter((k) => k > 0)) {
          expect(pooledRate(list, 'visitUvNew', key).rate).toBe(libraryPooledRate(rows, (day) => day.newUsers, key));
          expect(pooledRate(list, 'visitUv', key).rate).toBe(libraryPooledRate(rows, (day) => day.activeUsers, key));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('skip a period whose key is pending, missing or not a number, and count the rest', () => {
    const list: Item[] = [
      { refDate: '20240101', visitUvNew: [{ key: 0, value: 100 }, { key: 1, value: 30 }], visitUv: [], pendingKeys: [] },
      { refDate: '20240102', visitUvNew: [{ key: 0, value: 300 }, { key: 1, value: 60 }], visitUv: [], pendingKeys: [1] },
      { refDate: '20240103', visitUvNew: [{ key: 0, value: 200 }], visitUv: [], pendingKeys: [] },
      { refDate: '20240104', visitUvNew: [{ key: 0, value: 200 }, { key: 1, value: Number.NaN }], visitUv: [], pendingKeys: [] },
      { refDate: '20240105', visitUvNew: [{ key: 0, value: 0 }, { key: 1, value: 0 }], visitUv: [], pendingKeys: [] },
      { refDate: '20240106', visitUvNew: [{ key: 0, value: 100 }, { key: 1, value: 26 }], visitUv: [], pendingKeys: [] },
    ];
    expect(pooledRate(list, 'visitUvNew', 1)).toEqual({ rate: 56 / 200, periods: 2 });
    expect(displayPercent(56 / 200)).toBe('28.0%');
    expect(displayPercent(null)).toBe('–');
    expect(pooledRate([], 'visitUvNew', 1)).toEqual({ rate: null, periods: 0 });
  });
});

describe('date ranges', () => {
  // 2024-06-15 12:00 Beijing: yesterday is Friday 20240614.
  it('open the day tab on the last `days` days, ending yesterday in Beijing time', () => {
    expect(dates.defaultRange('day', 30, NOW)).toEqual({ beginDate: '20240516', endDate: '20240614' });
    expect(dates.defaultRange('day', 1, NOW)).toEqual({ beginDate: '20240614', endDate: '20240614' });
    expect(dates.defaultRange('day', 1000, NOW)).toEqual({ beginDate: addDays('20240614', -365), endDate: '20240614' });
    // The Beijing day turns at 16:00 UTC.
    const midnight = Date.UTC(2024, 5, 14, 16, 0);
    expect(dates.defaultRange('day', 1, midnight - 1).endDate).toBe('20240613');
    expect(dates.defaultRange('day', 1, midnight).endDate).toBe('20240614');
  });

  it('open the week tab on 12 whole weeks (or `days` of them) ending with the last complete Sunday, whatever the weekday', () => {
    for (let offset = 0; offset < 7; offset++) {
      const now = NOW + offset * DAY_MS;
      const yesterday = beijingYesterday(now);
      const { beginDate, endDate } = dates.defaultRange('week', 30, now);
      expect(dates.weekdayIndex(beginDate)).toBe(0);
      expect(dates.weekdayIndex(endDate)).toBe(6);
      expect(endDate <= yesterday && addDays(endDate, 7) > yesterday).toBe(true);
      expect(dates.spanOf('week', beginDate, endDate)).toBe(12);
    }
    expect(dates.defaultRange('week', 30, NOW)).toEqual({ beginDate: '20240318', endDate: '20240609' });
    expect(dates.spanOf('week', ...(Object.values(dates.defaultRange('week', 365, NOW)) as [string, string]))).toBe(53);
    expect(dates.spanOf('week', ...(Object.values(dates.defaultRange('week', 5000, NOW)) as [string, string]))).toBe(104);
  });

  it('open the month tab on 12 whole months ending with the last complete one, leap Februaries included', () => {
    expect(dates.defaultRange('month', 30, NOW)).toEqual({ beginDate: '20230601', endDate: '20240531' });
    // On the last day of a month that month is not complete yet; the day after, it is.
    const beijing = (day: string, hour: number) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6)), hour - 8);
    expect(dates.lastCompleteDay('month', beijing('20240229', 12))).toBe('20240131');
    expect(dates.lastCompleteDay('month', beijing('20240301', 0))).toBe('20240229');
    expect(dates.lastCompleteDay('month', beijing('20250301', 0))).toBe('20250228');
    expect(dates.defaultRange('month', 5000, NOW)).toEqual({ beginDate: '20220601', endDate: '20240531' });
  });

  it('keep any picked range whole, in order, no later than the last complete period and within the limits', () => {
    const periods: Period[] = ['day', 'week', 'month'];
    const limits = { day: 366, week: 104, month: 24 };
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('20170101', n));
    fc.assert(
      fc.property(fc.constantFrom(...periods), fc.integer({ min: 0, max: 2000 }), day, day, fc.constantFrom('begin' as const, 'end' as const), (period, hours, first, picked, which) => {
        const now = NOW + hours * 3_600_000;
        const start = dates.defaultRange(period, 30, now);
        const moved = dates.pickDay(period, dates.pickDay(period, start, 'begin', first, now), which, picked, now);
        expect(moved.beginDate <= moved.endDate).toBe(true);
        expect(moved.beginDate).toBe(dates.periodStart(period, moved.beginDate));
        expect(moved.endDate).toBe(dates.periodEnd(period, moved.endDate));
        expect(moved.endDate <= dates.lastCompleteDay(period, now)).toBe(true);
        expect(dates.spanOf(period, moved.beginDate, moved.endDate)).toBeLessThanOrEqual(limits[period]);
      }),
      { numRuns: 300 },
    );
  });

  it('move the other end when a pick would make the range too long or inside out', () => {
    const range = { beginDate: '20240516', endDate: '20240614' };
    expect(dates.pickDay('day', range, 'begin', '20220101', NOW)).toEqual({ beginDate: '20220101', endDate: '20230101' });
    expect(dates.pickDay('day', range, 'end', '20240501', NOW)).toEqual({ beginDate: '20240501', endDate: '20240501' });
    expect(dates.pickDay('day', range, 'end', '20250101', NOW)).toEqual({ beginDate: '20240516', endDate: '20240614' });
    expect(dates.pickDay('week', { beginDate: '20240318', endDate: '20240609' }, 'end', '20240612', NOW)).toEqual({ beginDate: '20240318', endDate: '20240609' });
    expect(dates.pickDay('month', { beginDate: '20230601', endDate: '20240531' }, 'begin', '20240115', NOW)).toEqual({ beginDate: '20240101', endDate: '20240531' });
  });

  it("read a result's refDate for a day, a week and a month, and nothing else", () => {
    expect(dates.refDateSpan('20240614')).toEqual({ beginDate: '20240614', endDate: '20240614' });
    expect(dates.refDateSpan('20240603-20240609')).toEqual({ beginDate: '20240603', endDate: '20240609' });
    expect(dates.refDateSpan('202402')).toEqual({ beginDate: '20240201', endDate: '20240229' });
    for (const junk of ['', '2024-06-14', '<img>', '1234567', 'null']) expect(dates.refDateSpan(junk)).toBeNull();
  });
});

describe('reading a result', () => {
  const asked = { beginDate: '20240101', endDate: '20240103', period: 'day' as const };

  it('keeps only well-formed periods and entries, sorted, and treats a period without pendingKeys as not final', () => {
    const read = readResult(
      {
        list: [
          { refDate: '20240103', visitUvNew: [{ key: 0, value: 9 }, { key: 1, value: 'x' }, null], visitUv: 'no', pendingKeys: [1, 'a'] },
          { refDate: '<script>', visitUvNew: [], visitUv: [] },
          null,
          { refDate: '20240101', visitUvNew: [{ key: 0, value: 5 }], visitUv: [] },
          { refDate: '20240102', visitUvNew: [], visitUv: [], final: true },
        ],
        missing: [{ refDate: '20240104', errCode: 'x' }, { refDate: 7 }],
        errMsg: 'getDailyRetainRange:ok',
        errCode: 0,
      },
      asked,
    );
    expect(read).toMatchObject({ ok: true, period: 'day', beginDate: '20240101', endDate: '20240103' });
    expect(read.list).toEqual([
      { refDate: '20240101', visitUvNew: [{ key: 0, value: 5 }], visitUv: [], final: false, pendingKeys: [...RETAIN_KEYS] },
      { refDate: '20240102', visitUvNew: [], visitUv: [], final: true, pendingKeys: [] },
      { refDate: '20240103', visitUvNew: [{ key: 0, value: 9 }], visitUv: [], final: false, pendingKeys: [1] },
    ]);
    expect(read.missing).toEqual([{ refDate: '20240104', errCode: -1, errMsg: '' }]);
  });

  it('turns a failure, a foreign answer or another period into a failure', () => {
    expect(readResult({ errCode: 40125, errMsg: 'bad secret' }, asked)).toEqual({ ok: false, errCode: 40125, errMsg: 'bad secret' });
    expect(readResult({ errCode: '0', list: [] }, asked)).toMatchObject({ ok: false, errCode: 'bad-result' });
    expect(readResult('text', asked)).toMatchObject({ ok: false, errCode: 'bad-result' });
    expect(readResult({ period: 'week', list: [], errCode: 0 }, asked)).toMatchObject({ ok: false, errCode: 'other-period' });
  });

  it('asks again for the span of the missing periods and merges the answer in', () => {
    expect(missingSpan([{ refDate: '20240105' }, { refDate: '20240109' }])).toEqual({ beginDate: '20240105', endDate: '20240109' });
    expect(missingSpan([{ refDate: '20240506-20240512' }, { refDate: '20240520-20240526' }])).toEqual({ beginDate: '20240506', endDate: '20240526' });
    expect(missingSpan([{ refDate: '202311' }, { refDate: '202402' }])).toEqual({ beginDate: '20231101', endDate: '20240229' });
    expect(missingSpan([])).toBeNull();
    const item = (refDate: string) => ({ refDate, visitUvNew: [], visitUv: [], pendingKeys: [] });
    const merged = mergeRetry(
      { list: [item('20240101'), item('20240102')], missing: [{ refDate: '20240103' }, { refDate: '20240104' }] },
      { list: [item('20240103')], missing: [{ refDate: '20240104' }] },
    );
    expect(merged.list.map((i) => i.refDate)).toEqual(['20240101', '20240102', '20240103']);
    expect(merged.missing).toEqual([{ refDate: '20240104' }]);
  });
});

describe('error advice', () => {
  it.each([
    ["WECHAT_APPID is not set and the call carries no APPID (a console, timer or server call): set WECHAT_APPID to your mini program's AppID", 'WECHAT_APPID'],
    ['invalid environment variable: WECHAT_API_BASE must be an http(s) URL such as https://api.weixin.qq.com', 'WECHAT_API_BASE'],
    ['API security: WECHAT_API_SYM_KEY must be the base64 key shown in the console', 'WECHAT_API_SYM_KEY'],
  ])('-90001 names the variable in %j', (errMsg, variable) => {
    expect(adviceForFailure({ errCode: -90001, errMsg: `getDailyRetainRange:fail ${errMsg}` })).toMatchObject({ kind: 'config', variable });
  });

  it('names WECHAT_APPSECRET for an AppSecret WeChat refuses, and passes unknown codes through with their message', () => {
    const refused = adviceForFailure({ errCode: 40125, errMsg: 'getDailyRetainRange:fail /cgi-bin/stable_token answered errcode 40125: invalid appsecret (invalid AppSecret: check WECHAT_APPSECRET)' });
    expect(refused).toMatchObject({ kind: 'config', variable: 'WECHAT_APPSECRET', code: 'errCode 40125' });
    expect(adviceForFailure({ errCode: 48001, errMsg: 'api unauthorized' })).toMatchObject({ title: '获取失败（errCode 48001）', detail: 'api unauthorized' });
  });

  it('-90002 without an OPENID in the message still names RETAIN_ALLOWED_OPENIDS', () => {
    expect(adviceForFailure({ errCode: -90002, errMsg: 'forbidden' })).toMatchObject({ openid: '', variable: 'RETAIN_ALLOWED_OPENIDS' });
  });

  it('reads a rejection of any shape', () => {
    expect(adviceForRejection(undefined)).toMatchObject({ kind: 'network', detail: 'undefined' });
    expect(adviceForRejection('offline')).toMatchObject({ kind: 'network', detail: 'offline' });
    expect(adviceForRejection({ errCode: -504003, errMsg: 'cloud.callFunction:fail -504003 timed out' })).toMatchObject({ kind: 'timeout', code: 'errCode -504003' });
  });
});

describe('the curve', () => {
  it('fits the y axis to the highest rate in steps of 5, 10 or 20 %', () => {
    expect(axisOf([0.031, 0.12])).toEqual({ top: 0.15000000000000002, step: 0.05 });
    expect(axisOf([0.279, 0.47])).toEqual({ top: 0.5, step: 0.1 });
    expect(axisOf([0.9])).toEqual({ top: 1, step: 0.2 });
    expect(axisOf([])).toEqual({ top: 0.05, step: 0.05 });
  });

  it('breaks a line where a rate is missing, and writes the new-user rates', () => {
    const calls: string[] = [];
    const round = (args: unknown[]) => args.map((a) => (typeof a === 'number' ? Math.round(a) : a)).join(',');
    const ctx = new Proxy(
      {},
      {
        get: (_t, name) => (typeof name === 'string' ? (...args: unknown[]) => calls.push(`${name}(${round(args)})`) : undefined),
        set: (_t, name, value) => calls.push(`${String(name)}=${value}`) > 0,
      },
    );
    drawRetentionChart(ctx, 300, 200, { labels: ['D1', 'D2', 'D3'], series: [{ id: 'new', points: [0.3, null, 0.1] }, { id: 'active', points: [0.5, 0.4, 0.3] }] });
    /** The path operations of the line drawn in `colour`. */
    const line = (colour: string) => {
      const from = calls.indexOf(`strokeStyle=${colour}`);
      return calls.slice(from, calls.indexOf('stroke()', from)).filter((c) => /^(moveTo|lineTo)\(/.test(c));
    };
    // x: 58, 163, 268 (a 210 px plot from 40 + 18 px); y: 20 + 154 × (1 − rate / 50 %).
    expect(line('#2563eb')).toEqual(['moveTo(58,82)', 'moveTo(268,143)']);
    expect(line('#f59e0b')).toEqual(['moveTo(58,20)', 'lineTo(163,51)', 'lineTo(268,82)']);
    expect(calls.filter((c) => /^fillText\(\d+\.\d%/.test(c))).toEqual(['fillText(30.0%,58,77)', 'fillText(10.0%,268,138)']);
    expect(calls.filter((c) => c.startsWith('arc('))).toHaveLength(5);
  });
});

it('shades the 0–40 % band in most of its steps and the rest in three', () => {
  expect([0, 0.019, 0.02, 0.05, 0.08, 0.12, 0.16, 0.2, 0.3, 0.45, 0.7, 1].map(shadeOf)).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9]);
});
