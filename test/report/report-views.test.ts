import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, beijingYesterday } from '../../src/beijing-date';
import type { RetainData } from '../../src/daily-retain/response';
import { ValidationError } from '../../src/errors';
import { createClient, type RangeResult, renderReport } from '../../src';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator } from '../../src/emulator/wechat-emulator';
import { NOW } from '../helpers/retain-days';
import { type RetainRanges, retainRanges } from '../helpers/retain-ranges';

// The weekly and monthly views of the report, from real range results of the emulator: one
// file holding the days of a range plus the weeks and months it covers, or any one view.

const dashboard = require('../../miniprogram/components/retain-dashboard/pooled-rate') as {
  pooledRate: (list: unknown[], cohort: 'visitUvNew' | 'visitUv', key: number) => { rate: number | null; periods: number };
  displayPercent: (rate: number | null) => string;
};

const bytes = (html: string) => Buffer.byteLength(html);
/** The HTML of one view's section. */
const section = (html: string, view: string) => {
  const start = html.indexOf(`<section class="view" id="view-${view}"`);
  const next = html.indexOf('<section class="view"', start + 1);
  return html.slice(start, next === -1 ? html.indexOf('</main>') : next);
};
/** The values of the summary cards, label → value. */
const cards = (html: string) =>
  Object.fromEntries([...html.matchAll(/<div class="stat-label">([^<]+)<\/div><div class="stat-value">([^<]+)<\/div>/g)].map(([, label, value]) => [label, value]));
/** The data the page script reads. */
const pageData = (html: string) => JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null');

const yesterday = beijingYesterday(NOW);
let quarter: RetainRanges;
let year: RetainRanges;
beforeAll(async () => {
  // 90 days to Friday 2024-06-14: weeks 20240311–20240609 (13), months 202403–202405 (3).
  quarter = await retainRanges(addDays(yesterday, -89), yesterday);
  year = await retainRanges(addDays(yesterday, -365), yesterday);
}, 60_000);

describe('a report of days, weeks and months', () => {
  it('holds a view per period, in order, each behind a tab marked as the current one in its own bar', () => {
    const html = renderReport(quarter, { now: NOW });
    expect([...html.matchAll(/<section class="view" id="view-(\w+)" data-view="\1" aria-label="([^"]+)">/g)].map(([, id, label]) => [id, label])).toEqual([
      ['day', '按日'],
      ['week', '按周'],
      ['month', '按月'],
    ]);
    for (const view of ['day', 'week', 'month']) {
      const tabs = [...section(html, view).matchAll(/<a href="#view-(\w+)" data-tab="\1"( aria-current="true")?>/g)].map(([, id, current]) => `${id}${current ? '*' : ''}`);
      expect(tabs).toEqual(['day', 'week', 'month'].map((id) => (id === view ? `${id}*` : id)));
      const links = [...section(html, view).matchAll(/<nav class="toc"[\s\S]*?<\/nav>/g)][0]?.[0].match(/href="#[\w-]+"/g);
      expect(links?.slice(3)).toEqual(['summary', 'glossary', 'trends', 'cohorts-new', 'cohorts-active', 'numbers'].map((id) => `href="#${view}-${id}"`));
    }
    expect(html).toContain('<title>小程序留存报告</title>');
    expect(renderReport(quarter, { now: NOW, lang: 'en' })).toContain('<title>Retention</title>');
  });

  it('names each view’s span in the header, and says that weeks and months are whole ones', () => {
    const html = renderReport(quarter, { now: NOW, appid: 'wx0123456789abcdef' });
    const facts = [...(/<p class="facts">(.*?)<\/p>/.exec(html)?.[1] ?? '').matchAll(/<span>(.*?)<\/span>/g)].map(([, fact]) => fact);
    expect(facts).toEqual([
      'AppID wx0123456789abcdef',
      '2024-03-17 – 2024-06-14 · 90 天',
      '2024-03-11 – 2024-06-09 · 13 周',
      '2024-03 – 2024-05 · 3 个月',
      '生成于 2024-06-15 12:00（北京时间）',
      '数据来源：微信接口 getDailyRetain、getWeeklyRetain、getMonthlyRetain',
    ]);
    expect(section(html, 'week')).toContain('<p class="hint view-note"><strong>2024-03-11 – 2024-06-09 · 13 周</strong> 周是自然周（周一至周日）：日期扩展为完整的周，尚未结束的一周不含在内。</p>');
    const en = renderReport(quarter, { now: NOW, lang: 'en' });
    expect(en).toContain('<span>Source: WeChat getDailyRetain, getWeeklyRetain and getMonthlyRetain APIs</span>');
    expect(section(en, 'month')).toContain('<strong>2024-03 – 2024-05 · 3 months</strong> Months are calendar months: the dates are widened to whole months, and a month not over yet is left out.');
  });

  it('shows W0–W4 and M0–M1 heatmaps with the cohort size in key 0, on the colour scale of the days', () => {
    const html = renderReport(quarter, { now: NOW, lang: 'en' });
    const week = section(html, 'week');
    expect(week).toContain('<thead><tr><th scope="col">Week</th><th scope="col">W0</th><th scope="col">W1</th><th scope="col">W2</th><th scope="col">W3</th><th scope="col">W4</th></tr></thead>');
    const first = quarter.week.list[0] as RetainData;
    const size = first.visitUvNew.find((entry) => entry.key === 0)?.value as number;
    const w1 = first.visitUvNew.find((entry) => entry.key === 1)?.value as number;
    expect(week).toContain(
      `<tr data-date="20240311-20240317"><th>2024-03-11<span class="to">–03-17</span></th><td class="n">${size.toLocaleString('en-US')}</td><td class="s${Math.floor(Math.sqrt(w1 / size / 0.6) * 32)}" data-n="${w1.toLocaleString('en-US')}">${((w1 / size) * 100).toFixed(1)}%</td>`,
    );
    // W4 of the week of 13 May is the week of 10 June: complete from Monday 17 June.
    expect(week).toMatch(/<tr data-date="20240513-20240519">.*<td class="p" data-f="2024-06-17"><\/td><\/tr>/);
    const month = section(html, 'month');
    expect(month).toContain('<th scope="col">Month</th><th scope="col">M0</th><th scope="col">M1</th></tr>');
    expect(month).toMatch(/<tr data-date="202405"><th>2024-05<\/th><td class="n">[\d,]+<\/td><td class="p" data-f="2024-07-01"><\/td><\/tr>/);
    // Weekends are a day's thing: no weekend dates or bands among weeks and months.
    expect(section(html, 'day')).toContain('Weekend dates');
    for (const view of ['week', 'month']) expect(section(html, view)).not.toMatch(/Weekend|class="we"|class="weekend"/);
  });

  it('pools W1, W4 and M1 on its cards exactly as the dashboard does', () => {
    const html = renderReport(quarter, { now: NOW, lang: 'en' });
    const pooled = (range: RangeResult, key: number) => dashboard.displayPercent(dashboard.pooledRate(range.list, 'visitUvNew', key).rate);
    expect(cards(section(html, 'week'))).toMatchObject({ 'W1 new-user retention': pooled(quarter.week, 1), 'W4 new-user retention': pooled(quarter.week, 4), 'Final weeks': '9 / 13' });
    expect(cards(section(html, 'month'))).toEqual({
      'New users': quarter.month.list.reduce((sum, month) => sum + (month.visitUvNew[0]?.value ?? 0), 0).toLocaleString('en-US'),
      'M1 new-user retention': pooled(quarter.month, 1),
      'Final months': '2 / 3',
    });
    expect(section(html, 'week')).toContain('pooled over 12 final weeks');
    expect(cards(section(html, 'day'))).toMatchObject({ 'D1 new-user retention': pooled(quarter.day, 1), 'D30 new-user retention': pooled(quarter.day, 30) });
  });

  it('draws weeks and months as one line per card key, a dot per period, with no moving average', () => {
    const html = renderReport(year, { now: NOW, lang: 'en' });
    const data = pageData(html).views;
    expect(Object.keys(data)).toEqual(['day', 'week', 'month']);
    expect(data.week.charts.new.map((line: { k: string; a?: unknown }) => [line.k, 'a' in line])).toEqual([
      ['W1', false],
      ['W4', false],
    ]);
    expect(data.month.charts.active.map((line: { k: string }) => line.k)).toEqual(['M1']);
    expect(data.day.charts.new.map((line: { k: string; a?: unknown }) => [line.k, 'a' in line])).toEqual([
      ['D1', true],
      ['D7', true],
      ['D30', true],
    ]);
    expect(data.week.rows.slice(0, 2)).toEqual(['2023-06-12 – 06-18', '2023-06-19 – 06-25']);
    expect(data.month.rows).toHaveLength(12);
    // One dot per final W1, none where W1 is not final yet (the last week).
    const week = section(html, 'week');
    const dots = /<g class="series" data-key="1" stroke="#ea580c"><path class="own" d="[^"]*"\/><path class="dots" d="([^"]*)"\/><\/g>/.exec(week)?.[1] ?? '';
    expect(dots.match(/h0/g)).toHaveLength(51);
    expect(week).not.toContain('class="avg"');
    // Axis labels: months under the weeks, every third month under the months.
    const ticks = (view: string) => [...(/<div class="x-ticks">(.*?)<\/div>/.exec(section(html, view))?.[1] ?? '').matchAll(/>([^<]+)<\/span>/g)].map(([, label]) => label);
    expect(ticks('week')).toEqual(['Jul 2023', 'Oct', 'Jan 2024', 'Apr']);
    expect(ticks('month')).toEqual(['Jun 2023', 'Sep', 'Dec', 'Mar']);
  });

  it('weighs under 250 KB for 90 days with their weeks and months, and under 1 MB for 366', () => {
    for (const lang of ['zh', 'en'] as const) {
      expect(bytes(renderReport(quarter, { now: NOW, lang, source: 'emulator', appid: 'wx0123456789abcdef' }))).toBeLessThan(250 * 1024);
      expect(bytes(renderReport(year, { now: NOW, lang, source: 'emulator', appid: 'wx0123456789abcdef' }))).toBeLessThan(1024 * 1024);
    }
    expect(year.week.list).toHaveLength(52);
    expect(year.month.list).toHaveLength(12);
  });

  it('flags a week above 100 % and a count that is not one, clamped, never in the colours, the axis or the cards', () => {
    const absurd = (list: RetainData[]) =>
      list.map((item, i) =>
        i === 2 ? { ...item, visitUvNew: item.visitUvNew.map((entry) => (entry.key === 1 ? { ...entry, value: 1e15 } : entry)) } : i === 3 ? { ...item, visitUv: item.visitUv.map((entry) => (entry.key === 1 ? { ...entry, value: -4 } : entry)) } : item,
      );
    const html = renderReport({ week: absurd(quarter.week.list) }, { now: NOW, lang: 'en' });
    expect(html).toMatch(/<tr data-date="20240325-20240331">.*?<td class="over" data-n="1,000,000,000,000,000">&gt;100%<\/td>/);
    expect(html).toMatch(/<tr data-date="20240401-20240407">.*?<td class="bad">bad<\/td>/);
    const yLabels = [...html.matchAll(/<span style="top:[\d.]+%">(\d+)%<\/span>/g)].map((match) => Number(match[1]));
    expect(Math.max(...yLabels)).toBeLessThanOrEqual(100);
    expect(html).toMatch(/<div class="stat" data-key="1" data-flag="bad">.*&gt;100%/);
    // A red dot on the top edge of each chart, where the flagged week is.
    expect(html.match(/<path class="flag" d="M[\d.]+ 0h0"\/>/g)).toHaveLength(2);
  });

  it('names the periods a range could not fetch, at most five, escaped', () => {
    const [kept, ...rest] = quarter.week.list;
    const missing = rest.slice(0, 6).map((week) => ({ refDate: week.refDate, errCode: -90003, errMsg: 'getDailyRetainRange:fail time limit' }));
    const week = { ...quarter.week, list: [kept as RangeResult['list'][number], ...rest.slice(6)], missing: [...missing, { refDate: '<b>x</b>', errCode: 1, errMsg: '' }] };
    const html = renderReport({ week }, { now: NOW });
    expect(html).toContain('<span class="missing">有 7 周没有取到数据，不在表中：2024-03-18 – 03-24、2024-03-25 – 03-31、2024-04-01 – 04-07、2024-04-08 – 04-14、2024-04-15 – 04-21…。</span>');
    expect(html).toContain('<span>2024-03-11 – 2024-06-09 · 7 周</span>');
    const en = renderReport({ day: { ...quarter.day, missing: [{ refDate: '<b>x</b>' }] } }, { now: NOW, lang: 'en' });
    expect(en).toContain('<span class="missing">1 day could not be fetched and is not shown: &#60;b&#62;x&#60;/b&#62;.</span>');
  });
});

describe('a report of one view', () => {
  it('shows a range of weeks or of months alone, titled for it, with no tabs', () => {
    const weeks = renderReport(quarter.week, { now: NOW });
    expect(weeks).toContain('<title>小程序周留存报告</title>');
    expect(weeks).not.toContain('class="tabs"');
    expect(weeks.match(/<section class="view"/g)).toHaveLength(1);
    expect(weeks).toContain('<span>2024-03-11 – 2024-06-09 · 13 周</span>');
    expect(weeks).toContain('<span>数据来源：微信接口 getWeeklyRetain</span>');
    const months = renderReport({ month: quarter.month }, { now: NOW, lang: 'en' });
    expect(months).toContain('<title>Monthly retention</title>');
    expect(months).toContain('<footer>Month-1 retention = users of a month who came back the month after ÷ users of that month. One HTML file: it works offline and connects to nothing.</footer>');
  });

  it('names a single month once, not as a span from it to itself', async () => {
    // 2024-05-01 … 2024-05-31: May alone has ended by 2024-06-14.
    const may = await retainRanges('20240501', '20240531');
    const html = renderReport({ month: may.month }, { now: NOW, lang: 'en' });
    expect(html).toContain('<span>2024-05 · 1 month</span>');
    expect(html).not.toContain('2024-05 – 2024-05');
  });

  it('keeps renderReport(days) as it was: the same page as { day: days }', () => {
    const days = quarter.day.list;
    const alone = renderReport(days, { now: NOW, lang: 'en' });
    expect(alone).toBe(renderReport({ day: days }, { now: NOW, lang: 'en' }));
    expect(alone).toBe(renderReport(quarter.day, { now: NOW, lang: 'en' }));
    expect(alone).toContain('<title>Daily retention</title>');
    expect(alone).toContain('<span>Source: WeChat getDailyRetain API</span>');
  });

  it('says so when a view has no periods, and still offers the others', () => {
    const html = renderReport({ day: quarter.day, week: [] }, { now: NOW, lang: 'en' });
    expect(section(html, 'week')).toContain('<p class="card">There are no weeks in this report.</p>');
    expect(section(html, 'week')).toContain('<a href="#view-day" data-tab="day">By day</a>');
    expect(Object.keys(pageData(html).views)).toEqual(['day']);
  });
});

describe('renderReport refuses what it cannot show, saying what was wrong', () => {
  const refuse = (input: unknown): Error => {
    try {
      renderReport(input as RetainData[], { now: NOW });
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected renderReport to throw');
  };

  it.each([
    ['a range of days given for weeks', () => ({ week: quarter.day }), "renderReport: week holds a range of days: fetch it with getDailyRetainRange({ …, period: 'week' })"],
    ['a view it does not know', () => ({ weeks: quarter.week }), 'renderReport: unknown view "weeks": the views are day, week and month'],
    ['no view at all', () => ({}), 'renderReport: no view to show: give at least one of day, week or month'],
    ['a view that is not a list', () => ({ month: 'May' }), 'renderReport: month must be a range result or a list of months (got "May")'],
    ['no input', () => undefined, 'renderReport: expected a list of days, a range result or { day, week, month } of range results (got undefined)'],
    ['a week that does not start on a Monday', () => ({ week: [{ refDate: '20240312-20240318', visitUvNew: [], visitUv: [] }] }), 'renderReport: week 0 has refDate "20240312-20240318": expected yyyymmdd-yyyymmdd, a Monday to the Sunday after it'],
    ['a day among months', () => ({ month: [{ refDate: '20240301', visitUvNew: [], visitUv: [] }] }), 'renderReport: month 0 has refDate "20240301": expected yyyymm, a calendar month'],
    ['a month given twice', () => ({ month: [quarter.month.list[0], quarter.month.list[0]] }), 'renderReport: 202403 appears twice: pass each month once'],
    ['a span that is not a date', () => ({ week: { ...quarter.week, endDate: '2024-06-09' } }), 'renderReport: the week range\'s endDate is "2024-06-09": expected a yyyymmdd calendar date, or neither date'],
    ['missing periods of another shape', () => ({ week: { ...quarter.week, missing: [{ date: '20240311' }] } }), "renderReport: the week range's missing must be a list of { refDate } as getDailyRetainRange returns it"],
  ])('%s', (_, input, message) => {
    const error = refuse(input());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(message);
  });
});

describe('the example of docs/cli-and-report.md', () => {
  it('writes the daily, weekly and monthly views of one range into one file', async () => {
    const clock = () => NOW;
    const emulator = await startEmulator({ clock });
    try {
      const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, clock, logger: { warn: () => undefined } });
      const out = join(tmpdir(), `report-views-readme-${process.pid}.html`);
      // As in docs/cli-and-report.md (clock, credentials and file name aside):
      const dates = { beginDate: '20240101', endDate: '20240614' };
      const day = await client.getDailyRetainRange(dates);
      const week = await client.getDailyRetainRange({ ...dates, period: 'week' });
      const month = await client.getDailyRetainRange({ ...dates, period: 'month' });
      writeFileSync(out, renderReport({ day, week, month }, { now: clock(), appid: EMULATOR_APPID, source: 'emulator' }));
      expect([day.list.length, week.list.length, month.list.length]).toEqual([166, 23, 5]);
      expect(renderReport({ day, week, month }, { now: NOW })).toMatch(/<span>2024-01 – 2024-05 · 5 个月<\/span>/);
    } finally {
      await emulator.close();
    }
  });
});
