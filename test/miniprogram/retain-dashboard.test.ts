/**
 * @jest-environment jsdom
 */
import { addDays, beijingYesterday } from '../../src/beijing-date';
import type { DailyRetainData } from '../../src/daily-retain/response';
import { displayCount, displayPercent } from '../../src/range/display';
import { pooledRate } from '../../src/range/pooled-rate';
import { type DayRetention, retentionRows } from '../../src/range/retention-rates';
import { all, type CloudCall, count, fakeCloud, pick, renderDashboard, renderIndexPage, type Simulated, settle, standInCanvas, tap, textOf, texts, until } from './fake-wx';
import { NOW, periodResult, type RangeResult, runRangeFunction } from './range-fixtures';

// The dashboard component in miniprogram-simulate, with wx.cloud.callFunction answered by the
// real getDailyRetainRange function run against the emulator, by day, week and month.

const YESTERDAY = beijingYesterday(NOW); // 20240614, a Friday
const daysBack = (count: number) => ({ beginDate: addDays(YESTERDAY, 1 - count), endDate: YESTERDAY });
/** The real function, run for whatever the component asked. */
const realFunction = (options = {}) => (call: CloudCall) => runRangeFunction(call.data, options);

let cloud: ReturnType<typeof fakeCloud>;
let shown: Simulated[] = [];
beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  cloud = fakeCloud();
});
afterEach(() => {
  for (const comp of shown) comp.detach();
  shown = [];
  jest.restoreAllMocks();
});

function show(props: Record<string, unknown> = {}) {
  const comp = renderDashboard(props);
  shown.push(comp);
  return comp;
}

/** Card label → value, as shown. */
function cards(comp: Simulated): Record<string, string> {
  return Object.fromEntries(all(comp, '.cards .card').map((card) => [textOf(comp, '.card-label', card), textOf(comp, '.card-value', card)]));
}

const rowsOf = (result: RangeResult): DayRetention[] => retentionRows(result.list as DailyRetainData[], NOW);

describe('the day tab, from the real range function', () => {
  it('asks getDailyRetainRange for the last 30 days by day, showing a skeleton until the answer comes', async () => {
    const release = cloud.hold();
    const comp = show();
    await settle();
    expect(cloud.calls).toEqual([{ name: 'getDailyRetainRange', data: { ...daysBack(30), period: 'day' } }]);
    expect(count(comp, '.skeleton')).toBeGreaterThan(0);
    expect(count(comp, '.card-value')).toBe(0);
    release(await runRangeFunction(daysBack(30)));
    await until(() => count(comp, '.card-value') > 0, 'the cards');
    expect(count(comp, '.skeleton')).toBe(0);
    expect(textOf(comp, '.range-begin')).toBe('2024-05-16');
    expect(textOf(comp, '.range-end')).toBe('2024-06-14');
  });

  it('shows new users and the pooled D1, D7 and D30 that src/range/pooled-rate.ts gives for the same data', async () => {
    const result = await runRangeFunction(daysBack(60));
    cloud.answer(result);
    const comp = show({ days: 60 });
    await settle();
    const rows = rowsOf(result);
    const expected = (key: 1 | 7 | 30) => displayPercent(pooledRate(rows, (day) => day.newUsers, key) as number);
    const newUsers = rows.reduce((sum, day) => sum + (day.newUsers.size ?? 0), 0);
    expect(cards(comp)).toEqual({
      新增用户: displayCount(newUsers),
      '次日留存 D1': expected(1),
      '7 日留存 D7': expected(7),
      '30 日留存 D30': expected(30),
    });
    expect(Object.values(cards(comp)).slice(1)).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+\.\d%$/)]));
    // D30 counts the 30 days whose day 30 has passed: 31 to 60 days ago.
    expect(textOf(comp, '.card[data-key=D30] .card-note')).toBe('合并 30 天已定稿数据');
  });

  it('says D30 has nothing final yet when the range holds no day 31 days old', async () => {
    cloud.answer(realFunction());
    const comp = show();
    await until(() => texts(comp, '.card-value').length === 4, 'the cards');
    expect(cards(comp)['30 日留存 D30']).toBe('–');
    expect(textOf(comp, '.card[data-key=D30] .card-note')).toBe('范围内尚无满 30 天的数据');
  });

  it('shows a heatmap row per day, newest first, with each final cell at value(k) / value(0)', async () => {
    const result = await runRangeFunction(daysBack(40));
    cloud.answer(result);
    const comp = show({ days: 40 });
    await settle();
    const rows = rowsOf(result).reverse();
    expect(texts(comp, '.heat-grid .heat-head .heat-cell')).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D14', 'D30']);
    expect(texts(comp, '.heat-fixed .heat-label')).toEqual(rows.map((day) => `${day.refDate.slice(4, 6)}-${day.refDate.slice(6)}`));
    const oldest = all(comp, '.heat-grid .heat-row').at(-1);
    const day = rows.at(-1) as DayRetention;
    expect(textOf(comp, '.heat-size', oldest)).toBe(displayCount(day.newUsers.size as number));
    expect(texts(comp, '.heat-cell', oldest)).toEqual(day.newUsers.cells.slice(1).map((cell) => displayPercent(cell.rate as number)));
  });

  it('marks the days still filling in: a mark on the date, hatched cells, and the count above', async () => {
    cloud.answer(realFunction());
    const comp = show({ days: 40 });
    await until(() => count(comp, '.heat-row') > 1, 'the heatmap');
    // The 30 newest days lack key 30 at least; yesterday has only key 0.
    expect(count(comp, '.heat-fixed .heat-open')).toBe(30);
    expect(textOf(comp, '.range-note')).toContain('30 天未定稿');
    const newest = all(comp, '.heat-grid .heat-row')[1];
    expect(count(comp, '.pending', newest)).toBe(9);
    expect(texts(comp, '.heat-cell', newest)).toEqual(Array(9).fill(''));
    expect(textOf(comp, '.heat-legend')).toContain('未定稿');
  });

  it('switches the heatmap to active users', async () => {
    const result = await runRangeFunction(daysBack(40));
    cloud.answer(result);
    const comp = show({ days: 40 });
    await settle();
    await tap(comp, '.switch-item', 1);
    await settle();
    const oldest = rowsOf(result)[0] as DayRetention;
    const row = all(comp, '.heat-grid .heat-row').at(-1);
    expect(textOf(comp, '.heat-size', row)).toBe(displayCount(oldest.activeUsers.size as number));
    expect(texts(comp, '.heat-cell', row)[0]).toBe(displayPercent(oldest.activeUsers.cells[1]?.rate as number));
  });

  it('shows the numbers behind a heatmap cell when it is tapped', async () => {
    const result = await runRangeFunction(daysBack(40));
    cloud.answer(result);
    const comp = show({ days: 40 });
    await settle();
    const oldest = rowsOf(result)[0] as DayRetention;
    // The oldest row is the last; each row (the head too) has 9 cells: D1…D7, D14, D30.
    await tap(comp, '.heat-grid .heat-row .heat-cell', 40 * 9 + 6);
    const d7 = oldest.newUsers.cells[7];
    expect(cloud.toast).toHaveBeenCalledWith({
      title: `2024-05-06 D7：${displayPercent(d7?.rate as number)}（${displayCount(d7?.users as number)} / ${displayCount(oldest.newUsers.size as number)} 人）`,
      icon: 'none',
      duration: 2500,
    });
  });

  it('shows the curve as text where canvas 2D is not available, and renders everything else', async () => {
    const result = await runRangeFunction(daysBack(60));
    cloud.answer(result);
    const comp = show({ days: 60 });
    await settle();
    expect(count(comp, '.curve')).toBe(0);
    const rows = rowsOf(result);
    const line = all(comp, '.curve-row')[1];
    expect(texts(comp, '.curve-cell', line)).toEqual([1, 2, 3, 4, 5, 6, 7, 14, 30].map((key) => displayPercent(pooledRate(rows, (day) => day.newUsers, key as 1) as number)));
    expect(count(comp, '.card-value')).toBe(4);
    expect(count(comp, '.heat-fixed .heat-row')).toBe(61);
  });

  it('draws the curve on the canvas when there is one', async () => {
    const result = await runRangeFunction(daysBack(60));
    cloud.answer(result);
    const comp = show({ days: 60 });
    const { canvas, drawn } = standInCanvas(comp);
    await settle();
    expect(count(comp, '.curve')).toBeGreaterThan(0);
    expect(canvas).toMatchObject({ width: 684, height: 400 }); // 342 × 200 at pixel ratio 2
    expect(drawn).toContain('scale(2,2)');
    expect(drawn.filter((call) => call.startsWith('fillText(D'))).toHaveLength(9);
    const rate = pooledRate(rowsOf(result), (day) => day.newUsers, 1) as number;
    expect(drawn.some((call) => call.startsWith(`fillText(${(rate * 100).toFixed(1)}%,`))).toBe(true);
  });
});

describe('tabs', () => {
  it('switch the period and call again: whole weeks, with W1 and W4 pooled over final weeks', async () => {
    cloud.answer(realFunction());
    const comp = show();
    await until(() => count(comp, '.card-value') === 4, 'the day view');
    // 12 weeks ending with the last complete one (Sunday 20240609).
    const weeks = await periodResult({ beginDate: '20240318', endDate: '20240609', period: 'week' });
    cloud.answer(weeks);
    await tap(comp, '.tab', 1);
    await settle();
    expect(cloud.calls[1]).toEqual({ name: 'getDailyRetainRange', data: { beginDate: '20240318', endDate: '20240609', period: 'week' } });
    expect(textOf(comp, '.tab-on')).toBe('周');
    const pooled = (key: number) => {
      const counted = weeks.list.filter((week) => !week.pendingKeys.includes(key));
      const sum = (cohort: 'visitUvNew', k: number) => counted.reduce((total, week) => total + (week[cohort].find((e) => e.key === k)?.value ?? 0), 0);
      return `${((sum('visitUvNew', key) / sum('visitUvNew', 0)) * 100).toFixed(1)}%`;
    };
    expect(cards(comp)).toEqual({
      新增用户: displayCount(weeks.list.reduce((sum, week) => sum + (week.visitUvNew[0]?.value ?? 0), 0)),
      '次周留存 W1': pooled(1),
      '4 周留存 W4': pooled(4),
    });
    expect(texts(comp, '.heat-grid .heat-head .heat-cell')).toEqual(['W1', 'W2', 'W3', 'W4']);
    expect(texts(comp, '.heat-fixed .heat-label')[0]).toBe('06-03');
    expect(textOf(comp, '.range-note')).toContain('12 周');
  });

  it('open months at M1, with the picker in months', async () => {
    const months = await periodResult({ beginDate: '20230601', endDate: '20240531', period: 'month' });
    cloud.answer(months);
    const comp = show({ period: 'month' });
    await settle();
    expect(cloud.calls[0]?.data).toEqual({ beginDate: '20230601', endDate: '20240531', period: 'month' });
    expect(Object.keys(cards(comp))).toEqual(['新增用户', '次月留存 M1']);
    expect(textOf(comp, '.range-begin')).toBe('2023-06');
    expect(texts(comp, '.heat-fixed .heat-label')[0]).toBe('2024-05');
    // May's M1 (June) has not ended: pending.
    expect(count(comp, '.pending', all(comp, '.heat-grid .heat-row')[1])).toBe(1);
  });

  it('show only the answer for the tab chosen last when answers arrive out of order', async () => {
    const releaseDays = cloud.hold();
    cloud.answer(await periodResult({ beginDate: '20240318', endDate: '20240609', period: 'week' }));
    const comp = show();
    await tap(comp, '.tab', 1);
    await settle();
    releaseDays(await runRangeFunction(daysBack(30)));
    await settle();
    expect(textOf(comp, '.tab-on')).toBe('周');
    expect(Object.keys(cards(comp))).toEqual(['新增用户', '次周留存 W1', '4 周留存 W4']);
  });

  it('report a function that answers with days for a week as one to redeploy, not as weeks', async () => {
    // A function deployed before issue 13 ignored `period` and returned the days of the range, without `period`.
    cloud.answer(async ({ data: { period: _period, ...days } }: CloudCall) => {
      const { period: _day, beginDate: _begin, endDate: _end, ...result } = await runRangeFunction(days);
      return result;
    });
    const comp = show({ period: 'week' });
    await until(() => count(comp, '.problem') > 0, 'the error');
    expect(textOf(comp, '.problem-title')).toBe('云函数不支持这个统计周期');
    expect(textOf(comp, '.problem')).toContain('asked for period "week", got "day"');
  });
});

describe('the date-range picker', () => {
  it('asks for the picked range', async () => {
    cloud.answer(realFunction());
    cloud.answer(realFunction());
    const comp = show();
    await until(() => cloud.calls.length === 1 && count(comp, '.card-value') > 0, 'the first view');
    await pick(comp, 0, '2024-03-01');
    await until(() => count(comp, '.heat-fixed .heat-row') === 107, 'the picked range');
    expect(cloud.calls[1]?.data).toEqual({ beginDate: '20240301', endDate: YESTERDAY, period: 'day' });
    expect(count(comp, '.heat-fixed .heat-row')).toBe(107);
  });

  it('widens a picked day to its whole week', async () => {
    cloud.answer(realFunction());
    cloud.answer(realFunction());
    const comp = show({ period: 'week' });
    await until(() => count(comp, '.card-value') > 0, 'the week view');
    await pick(comp, 0, '2024-04-17');
    expect(cloud.calls[1]?.data).toEqual({ beginDate: '20240415', endDate: '20240609', period: 'week' });
    await until(() => count(comp, '.heat-fixed .heat-row') === 9, 'the picked weeks');
    expect(textOf(comp, '.range-begin')).toBe('2024-04-15');
  });
});

describe('refresh', () => {
  it('calls again with the same range and keeps the numbers up meanwhile', async () => {
    cloud.answer(realFunction());
    const comp = show();
    await until(() => count(comp, '.card-value') > 0, 'the first view');
    const release = cloud.hold();
    const done = comp.instance.refresh?.() as Promise<void>;
    await settle();
    expect(cloud.calls).toHaveLength(2);
    expect(cloud.calls[1]).toEqual(cloud.calls[0]);
    expect(count(comp, '.card-value')).toBe(4);
    expect(textOf(comp, '.range-note')).toContain('刷新中');
    release(await runRangeFunction(daysBack(30)));
    await done;
    await settle();
    expect(textOf(comp, '.range-note')).toContain('更新于 12:00');
  });

  it('runs on pull-down in pages/index, which then stops the pull-down animation', async () => {
    cloud.answer(realFunction());
    const page = renderIndexPage();
    shown.push(page);
    const dashboard = page.querySelector('#dashboard') as Simulated;
    await until(() => count(dashboard, '.cards .card') === 4, 'the page');
    // The page asks for 60 days, so that D30 has 30 final days.
    expect(cloud.calls[0]?.data).toEqual({ ...daysBack(60), period: 'day' });
    cloud.answer(realFunction());
    await page.instance.onPullDownRefresh?.();
    expect(cloud.calls).toHaveLength(2);
    expect(cloud.stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });
});

describe('a partial range', () => {
  it('shows how many days are missing, and a retry fetches exactly those and fills them in', async () => {
    // A slow WeChat and a 1 s limit: the function returns what it has, the rest -90003 "call again".
    const partial = await runRangeFunction(daysBack(60), { latencyMs: 150, timeLimitMs: 1000 });
    const missing = partial.missing as { refDate: string; errCode: number; errMsg: string }[];
    expect(missing.length).toBeGreaterThan(0);
    expect(missing[0]?.errMsg).toMatch(/call again to continue/);
    cloud.answer(partial);
    const comp = show({ days: 60 });
    await settle();
    expect(textOf(comp, '.partial-title')).toBe(`还有 ${missing.length} 天没有取到`);
    expect(textOf(comp, '.partial-text')).toContain('云函数超时（errCode -90003）');
    expect(count(comp, '.heat-fixed .heat-row')).toBe(61 - missing.length);

    cloud.answer(realFunction());
    await tap(comp, '.partial-retry');
    await until(() => count(comp, '.partial') === 0, 'the rest');
    expect(cloud.calls[1]?.data).toEqual({ beginDate: missing[0]?.refDate, endDate: missing.at(-1)?.refDate, period: 'day' });
    expect(count(comp, '.heat-fixed .heat-row')).toBe(61);
    const full = await runRangeFunction(daysBack(60));
    const rows = rowsOf(full);
    expect(cards(comp)['次日留存 D1']).toBe(displayPercent(pooledRate(rows, (day) => day.newUsers, 1) as number));
  });

  it('keeps what it has and says why when the retry itself fails', async () => {
    cloud.answer(await runRangeFunction(daysBack(60), { latencyMs: 150, timeLimitMs: 1000 }));
    const comp = show({ days: 60 });
    await settle();
    const rows = count(comp, '.heat-fixed .heat-row');
    cloud.reject({ errCode: -1, errMsg: 'cloud.callFunction:fail request:fail' });
    await tap(comp, '.partial-retry');
    expect(textOf(comp, '.partial-text')).toContain('网络请求失败');
    expect(count(comp, '.heat-fixed .heat-row')).toBe(rows);
    expect(count(comp, '.card-value')).toBe(4);
  });
});

describe('properties set by the host page', () => {
  it('a new `period` opens that tab, a new `days` asks again for that many days', async () => {
    cloud.answer(realFunction());
    const comp = show();
    await until(() => count(comp, '.card-value') === 4, 'the day view');
    cloud.answer(realFunction());
    (comp as unknown as { setData(data: object): void }).setData({ period: 'month' });
    await settle();
    expect(cloud.calls[1]?.data.period).toBe('month');
    expect(textOf(comp, '.tab-on')).toBe('月');
    await until(() => count(comp, '.heat-fixed .heat-row') === 13, 'the 12 months');
    cloud.answer(realFunction());
    (comp as unknown as { setData(data: object): void }).setData({ days: 730 });
    await settle();
    expect(cloud.calls[2]?.data).toEqual({ beginDate: '20220601', endDate: '20240531', period: 'month' });
    await until(() => count(comp, '.heat-fixed .heat-row') === 25, 'the 24 months');
  });
});

describe('errors, each with what to do', () => {
  const problem = async (comp: Simulated) => {
    await until(() => count(comp, '.problem') > 0, 'the error');
    return { title: textOf(comp, '.problem-title'), text: textOf(comp, '.problem') };
  };

  it('-90002: shows the caller OPENID, names RETAIN_ALLOWED_OPENIDS and copies the OPENID', async () => {
    const result = await runRangeFunction(daysBack(30), { openid: 'oDev-4kZs_9c' });
    expect(result.errCode).toBe(-90002);
    cloud.answer(result);
    const comp = show();
    const { title, text } = await problem(comp);
    expect(title).toBe('你还没有查看权限');
    expect(textOf(comp, '.openid-value')).toBe('oDev-4kZs_9c');
    expect(text).toContain('RETAIN_ALLOWED_OPENIDS');
    expect(text).toContain('getDailyRetainRange → 函数配置 → 环境变量');
    await tap(comp, '.openid-copy');
    expect(cloud.clipboard).toHaveBeenCalledWith({ data: 'oDev-4kZs_9c' });
  });

  it('-90001: names the variable to set', async () => {
    const result = await runRangeFunction(daysBack(30), { env: { WECHAT_APPSECRET: undefined } });
    expect(result.errCode).toBe(-90001);
    cloud.answer(result);
    const { title, text } = await problem(show());
    expect(title).toBe('云函数配置缺失或有误');
    expect(text).toContain('环境变量：WECHAT_APPSECRET');
    expect(text).toContain('设置 WECHAT_APPSECRET');
  });

  it('-90003 with no day fetched: says to raise the timeout', async () => {
    const result = await runRangeFunction(daysBack(30), { latencyMs: 1500, timeLimitMs: 1000 });
    expect(result.errCode).toBe(-90003);
    cloud.answer(result);
    const { title, text } = await problem(show());
    expect(title).toBe('云函数超时');
    expect(text).toContain('超时时间」调到 60 秒');
    expect(text).toContain("this function's time limit is 1000 ms");
  });

  it('61501: shows the rule and the function message', async () => {
    const result = await runRangeFunction({ beginDate: '20230101', endDate: YESTERDAY });
    expect(result.errCode).toBe(61501);
    cloud.answer(result);
    const { title, text } = await problem(show());
    expect(title).toBe('日期范围不对');
    expect(text).toContain('ask for at most 366 days');
  });

  it.each([
    ['a network failure', { errCode: -1, errMsg: 'cloud.callFunction:fail request:fail' }, '网络请求失败', '检查手机网络'],
    ['the platform timeout', new Error('cloud.callFunction:fail Error: errCode: -504003 | errMsg: Invoking task timed out after 3 seconds'), '云函数超时', '60 秒'],
    ['a function not deployed', new Error('errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail requestID , cloud function service error code -501000, error message FunctionName parameter could not be found'), '找不到云函数 getDailyRetainRange', '上传并部署'],
    ['a wrong environment', new Error('cloud.callFunction:fail -404011 cloud function service error code -501005, error message Environment not found'), '找不到云环境', 'CLOUD_ENV'],
  ])('a rejected call, %s: says what to do', async (_name, error, title, step) => {
    cloud.reject(error);
    const comp = show();
    const shown = await problem(comp);
    expect(shown.title).toBe(title);
    expect(shown.text).toContain(step);
  });

  it('a retry after a rejected call calls again and shows the numbers', async () => {
    cloud.reject({ errCode: -1, errMsg: 'cloud.callFunction:fail request:fail' });
    cloud.answer(realFunction());
    const comp = show();
    await problem(comp);
    await tap(comp, '.problem-retry');
    await until(() => count(comp, '.card-value') === 4, 'the numbers');
    expect(cloud.calls).toHaveLength(2);
  });

  it('no wx.cloud: says to init cloud development', async () => {
    (globalThis as unknown as { wx: { cloud?: unknown } }).wx.cloud = undefined;
    const { title, text } = await problem(show());
    expect(title).toBe('云开发不可用');
    expect(text).toContain('wx.cloud.init');
  });

  it.each([
    ['nothing', undefined],
    ['a result of another function', { hello: 'world' }],
    ['errCode 0 without a list', { errCode: 0, errMsg: 'getDailyRetainRange:ok' }],
  ])('a result the dashboard cannot read (%s): says so, and never shows numbers', async (_name, result) => {
    cloud.answer(result);
    const comp = show();
    const { title } = await problem(comp);
    expect(title).toBe('云函数的返回无法识别');
    expect(count(comp, '.card-value')).toBe(0);
  });
});

it('an empty range: says there is no data yet and what to try', async () => {
  cloud.answer({ list: [], missing: [], errMsg: 'getDailyRetainRange:ok', errCode: 0 });
  const comp = show();
  await settle();
  expect(textOf(comp, '.empty-title')).toBe('这段时间没有留存数据');
  expect(count(comp, '.card-value')).toBe(0);
});
