import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addDays, beijingYesterday } from '../../src/beijing-date';
import type { DailyRetainData } from '../../src/daily-retain/response';
import { renderReport } from '../../src/report/html-report';
import { type ChromiumPage, openInChromium } from '../helpers/chromium';
import { NOW, retainDays, valueAt, withoutNewUsers } from '../helpers/retain-days';

/** Where the rendered report and its screenshots stay after the run, for a person to look at. */
const OUT = join(tmpdir(), 'daily-retain-report');
const HTML = join(OUT, 'report.html');
const KEYS = [0, 1, 2, 3, 4, 5, 6, 7, 14, 30];
const TITLE = 'Retention <script>alert(1)</script> & "friends"';
const ZERO_DAY = 40;

const days = retainDays(90).map((day, i) => (i === ZERO_DAY ? withoutNewUsers(day) : day));
const yesterday = beijingYesterday(NOW);
const value = (day: DailyRetainData, cohort: 'visitUvNew' | 'visitUv', key: number) => valueAt(day[cohort], key);
const isPending = (refDate: string, key: number) => addDays(refDate, key) > yesterday;

let page: ChromiumPage;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(HTML, renderReport(days, { now: NOW, title: TITLE }));
  page = await openInChromium(HTML, { width: 1280, height: 2000 });
}, 60_000);

afterAll(async () => {
  await page?.close();
});

/** Runs `body` in the page with `$$` (querySelectorAll as an array) in scope. */
function query<T>(body: string): Promise<T> {
  return page.evaluate<T>(`(() => { const $$ = (s, root = document) => [...root.querySelectorAll(s)]; ${body} })()`);
}

it('loads nothing but itself and runs no script, so it opens offline', async () => {
  expect(page.requests).toEqual([pathToFileURL(HTML).href]);
  expect(await query('return $$("script, link, img, iframe, object, [src], [href]").length')).toBe(0);
});

it('shows the title as text, escaped', async () => {
  expect(await query('return [document.title, $$("h1")[0].textContent]')).toEqual([TITLE, TITLE]);
});

it('shows a heatmap row per day and a cell per key, for new and for active users', async () => {
  const tables = await query<{ cohort: string; head: string[]; dates: string[]; cells: number[] }[]>(`
    return $$('table.heatmap').map((table) => ({
      cohort: table.dataset.cohort,
      head: $$('thead th', table).map((th) => th.textContent),
      dates: $$('tbody tr', table).map((tr) => tr.dataset.date),
      cells: $$('tbody tr', table).map((tr) => $$('td.cell', tr).length),
    }));`);
  expect(tables.map((table) => table.cohort)).toEqual(['new', 'active']);
  for (const table of tables) {
    expect(table.head).toEqual(['Date', 'Users', ...KEYS.map((key) => `D${key}`)]);
    expect(table.dates).toEqual(days.map((day) => day.refDate));
    expect(new Set(table.cells)).toEqual(new Set([KEYS.length]));
  }
});

it('colours final cells by retention, darker for more, with the numbers on hover', async () => {
  const first = days[0] as DailyRetainData;
  const size = value(first, 'visitUvNew', 0);
  const d1 = value(first, 'visitUvNew', 1);
  const cells = await query<{ text: string; title: string; luminance: number }[]>(`
    return $$('table.heatmap[data-cohort="new"] tbody tr:first-child td.cell').map((td) => {
      const [r, g, b] = getComputedStyle(td).backgroundColor.match(/\\d+/g).map(Number);
      return { text: td.textContent, title: td.title, luminance: 0.2126 * r + 0.7152 * g + 0.0722 * b };
    });`);
  const percent = `${((d1 / size) * 100).toFixed(1)}%`;
  expect(cells[1]?.text).toBe(percent);
  expect(cells[1]?.title).toBe(
    `${first.refDate.replace(/(\d{4})(\d\d)(\d\d)/, '$1-$2-$3')}, day 1: ${percent} (${d1.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} new users)`,
  );
  const luminance = cells.map((cell) => cell.luminance);
  expect(luminance[0]).toBeLessThan(luminance[1] as number); // day 0 (100 %) is the darkest
  expect(luminance[1]).toBeLessThan(luminance[9] as number); // day 1 darker than day 30
});

it('hatches the cells that are not final yet, and says so in a legend and on hover', async () => {
  const expected = days.flatMap((day) => KEYS.filter((key) => isPending(day.refDate, key))).length;
  const seen = await query<{ pending: number[]; hatched: boolean; legend: string[]; title: string }>(`
    const pending = $$('table.heatmap').map((table) => $$('td.pending', table).length);
    const cells = $$('table.heatmap td.pending');
    const swatch = $$('.heatmap-legend .swatch.pending')[0];
    return {
      pending,
      hatched: cells.every((td) => getComputedStyle(td).backgroundImage.includes('repeating-linear-gradient'))
        && getComputedStyle(swatch).backgroundImage.includes('repeating-linear-gradient'),
      legend: $$('.heatmap-legend .legend-item').map((item) => item.textContent.trim()),
      title: $$('table.heatmap[data-cohort="new"] tbody tr:last-child td.cell')[1].title,
    };`);
  expect(seen.pending).toEqual([expected, expected]);
  expect(seen.hatched).toBe(true);
  expect(seen.legend).toContain('Not final yet');
  expect(seen.title).toBe('2024-06-14, day 1: not final yet (complete from 2024-06-16)');
});

it('shows a day without new users as such, with no NaN anywhere', async () => {
  const date = days[ZERO_DAY]?.refDate;
  const seen = await query<{ newRow: string[]; titles: string[]; activeRow: string[]; html: string }>(`
    const row = (cohort) => $$('table.heatmap[data-cohort="' + cohort + '"] tr[data-date="${date}"] td.cell');
    return {
      newRow: row('new').map((td) => td.className),
      titles: row('new').map((td) => td.title),
      activeRow: row('active').map((td) => td.className),
      html: document.documentElement.outerHTML,
    };`);
  expect(seen.newRow).toEqual(Array(KEYS.length).fill('cell empty'));
  expect(seen.titles[1]).toMatch(/no new users that day$/);
  expect(seen.activeRow).toEqual(Array(KEYS.length).fill('cell final'));
  expect(seen.html).not.toMatch(/NaN|Infinity|undefined/);
});

it('draws day-1, day-7 and day-30 retention over time, with axes and a legend', async () => {
  const charts = await query<{ cohort: string; series: { key: string; points: number; moves: number; width: number; height: number; colour: string }[]; yTicks: string[]; xTicks: number }[]>(`
    return $$('svg.chart').map((svg) => ({
      cohort: svg.dataset.cohort,
      series: $$('g.series', svg).map((g) => {
        const path = g.querySelector('path');
        const box = path.getBoundingClientRect();
        return { key: g.dataset.key, points: $$('circle', g).length, moves: (path.getAttribute('d').match(/M/g) || []).length,
          width: box.width, height: box.height, colour: getComputedStyle(path).stroke };
      }),
      yTicks: $$('.y-axis text', svg).map((t) => t.textContent),
      xTicks: $$('.x-axis text', svg).length,
    }));`);
  expect(charts.map((chart) => chart.cohort)).toEqual(['new', 'active']);
  const finalDays = (key: number, cohort: 'new' | 'active') =>
    days.filter((day, i) => !isPending(day.refDate, key) && !(cohort === 'new' && i === ZERO_DAY)).length;
  for (const chart of charts) {
    const cohort = chart.cohort as 'new' | 'active';
    expect(chart.series.map((s) => [s.key, s.points])).toEqual([1, 7, 30].map((key) => [String(key), finalDays(key, cohort)]));
    for (const s of chart.series) expect(s.width * s.height).toBeGreaterThan(1000);
    // The day without new users breaks the new-user lines instead of dropping them to 0.
    expect(chart.series.map((s) => s.moves)).toEqual(cohort === 'new' ? [2, 2, 2] : [1, 1, 1]);
    expect(chart.yTicks[0]).toBe('0%');
    expect(chart.yTicks.length).toBeGreaterThanOrEqual(3);
    expect(chart.xTicks).toBeGreaterThanOrEqual(5);
  }
  const legend = await query<{ label: string; colour: string }[]>(`
    return $$('.chart-legend .legend-item').map((item) => ({
      label: item.textContent, colour: getComputedStyle(item.querySelector('.swatch')).backgroundColor }));`);
  expect(legend.map((item) => item.label)).toEqual(['Day 1', 'Day 7', 'Day 30']);
  expect(legend.map((item) => item.colour)).toEqual(charts[0]?.series.map((s) => s.colour));
});

it('lists every count in a table, marking those not final yet', async () => {
  const first = days[0] as DailyRetainData;
  const rows = await query<{ date: string; cells: string[]; pending: number }[]>(`
    return $$('table.numbers tbody tr').map((tr) => ({
      date: tr.dataset.date, cells: $$('td', tr).map((td) => td.textContent), pending: $$('td.pending', tr).length }));`);
  expect(rows.map((row) => row.date)).toEqual(days.map((day) => day.refDate));
  const counts = (cohort: 'visitUvNew' | 'visitUv') => KEYS.map((key) => value(first, cohort, key).toLocaleString('en-US'));
  expect(rows[0]?.cells).toEqual([...counts('visitUvNew'), ...counts('visitUv')]);
  expect(rows.at(-1)?.pending).toBe(2 * (KEYS.length - 1)); // yesterday: only day 0 is final
});

it('sums up new users and pooled day-1 retention over the final days', async () => {
  const stats = await query<string[]>('return $$(".stat-value").map((v) => v.textContent)');
  const sum = (key: number) =>
    days.filter((day) => !isPending(day.refDate, key)).reduce((total, day) => total + value(day, 'visitUvNew', key), 0);
  const pooled = sum(1) / days.filter((day) => !isPending(day.refDate, 1)).reduce((t, d) => t + value(d, 'visitUvNew', 0), 0);
  expect(stats[0]).toBe(sum(0).toLocaleString('en-US'));
  expect(stats[1]).toBe(`${(pooled * 100).toFixed(1)}%`);
  expect(stats[4]).toBe('60 / 90');
});

it('fits the window without page-wide sideways scrolling, on a desktop and on a phone', async () => {
  for (const width of [1280, 420]) {
    await page.setViewport(width, 900);
    expect(await query('return document.documentElement.scrollWidth')).toBe(width);
  }
  await page.setViewport(1280, 2000);
});

it('renders to a screenshot a person can look at', async () => {
  const png = join(OUT, 'report.png');
  await page.screenshot(png);
  await page.screenshot(join(OUT, 'report-full.png'), { fullPage: true });
  const bytes = readFileSync(png);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1280, 2000]);
}, 60_000); // the full-page capture of a 90-day report takes seconds
