import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addDays, beijingYesterday } from '../../src/beijing-date';
import type { DailyRetainData } from '../../src/daily-retain/response';
import { renderReport } from '../../src/report/html-report';
import { describeInChromium } from '../helpers/browser-tests';
import { type ChromiumPage, openInChromium, type Viewport } from '../helpers/chromium';
import { NOW, retainDays, valueAt, withoutNewUsers } from '../helpers/retain-days';

/** The screenshots stay after the run, for a person to look at (the folder is gitignored). */
const SCREENSHOTS = join(__dirname, '..', '..', '.cache', 'screenshots');
const KEYS = [0, 1, 2, 3, 4, 5, 6, 7, 14, 30];
const TITLE = 'Retention <script>alert(1)</script> & "friends"';
const NAME = '小茶馆 · 点单小程序';
const APPID = 'wx8a1c5e7d2b4f6a90';
const ZERO_DAY = 40;
const DESKTOP: Viewport = { width: 1400, height: 900 };
const PHONE: Viewport = { width: 390, height: 844, phone: true };

const days = retainDays(90).map((day, i) => (i === ZERO_DAY ? withoutNewUsers(day) : day));
const yesterday = beijingYesterday(NOW);
const isPending = (refDate: string, key: number) => addDays(refDate, key) > yesterday;
const iso = (day: string) => day.replace(/(\d{4})(\d\d)(\d\d)/, '$1-$2-$3');
const count = (n: number) => n.toLocaleString('en-US');

/** A day with `value` at `key` of one cohort. */
function withValue(day: DailyRetainData, cohort: 'visitUvNew' | 'visitUv', key: number, value: number): DailyRetainData {
  return { ...day, [cohort]: day[cohort].map((entry) => (entry.key === key ? { ...entry, value } : entry)) };
}
const OVER_DAY = 10;
const BAD_DAY = 20;
const absurd = days.map((day, i) => (i === OVER_DAY ? withValue(day, 'visitUvNew', 1, 1e15) : i === BAD_DAY ? withValue(day, 'visitUv', 7, -4) : day));

const dir = mkdtempSync(join(tmpdir(), 'daily-retain-report-'));
const FILES = {
  zh: join(dir, 'report-zh.html'),
  en: join(dir, 'report-en.html'),
  year: join(dir, 'report-366.html'),
  absurd: join(dir, 'report-absurd.html'),
};

let page: ChromiumPage;
let current = '';

/** Shows `file` at `viewport`, loading it only when another file is showing. */
async function show(file: string, viewport: Viewport): Promise<void> {
  await page.setViewport(viewport);
  if (current !== file) await page.open(file);
  current = file;
  await page.evaluate('window.scrollTo(0, 0)');
}

/** Runs `body` in the page with `$$` (querySelectorAll as an array) in scope. */
function query<T>(body: string): Promise<T> {
  return page.evaluate<T>(`(() => { const $$ = (s, root = document) => [...root.querySelectorAll(s)]; ${body} })()`);
}

describeInChromium('the HTML report in Chromium', () => {
  beforeAll(async () => {
    writeFileSync(FILES.zh, renderReport(days, { now: NOW, title: NAME, appid: APPID, source: 'emulator' }));
    writeFileSync(FILES.en, renderReport(days, { now: NOW, lang: 'en', title: TITLE }));
    writeFileSync(FILES.year, renderReport(retainDays(366), { now: NOW, appid: APPID }));
    writeFileSync(FILES.absurd, renderReport(absurd, { now: NOW }));
    page = await openInChromium(FILES.zh, DESKTOP);
    current = FILES.zh;
  }, 60_000);

  afterAll(async () => {
    await page?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads nothing but itself and runs only its own script, so it opens offline', async () => {
    for (const file of Object.values(FILES)) await show(file, DESKTOP);
    expect(page.requests).toEqual(Object.values(FILES).map((file) => pathToFileURL(file).href));
    expect(await query('return $$("link, img, iframe, object, [src], [href]:not(.toc a)").length')).toBe(0);
    expect(await query('return $$(".toc a").every((a) => /^#/.test(a.getAttribute("href")))')).toBe(true);
  });

  it('weighs under 250 KB for 90 days and under 1 MB for 366, and shows every day of a year', async () => {
    expect(statSync(FILES.zh).size).toBeLessThan(250 * 1024);
    expect(statSync(FILES.year).size).toBeLessThan(1024 * 1024);
    await show(FILES.year, PHONE);
    expect(await query('return $$("table.heatmap").map((table) => $$("tbody tr", table).length)')).toEqual([366, 366]);
  });

  it('is in Chinese by default, every label, legend, note and tooltip word translated', async () => {
    await show(FILES.zh, DESKTOP);
    const seen = await query<{ lang: string; text: string }>(`
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const texts = [];
      while (walker.nextNode()) if (!walker.currentNode.parentElement.closest('script, h1')) texts.push(walker.currentNode.textContent);
      const attributes = $$('[aria-label], [title], [data-title]').flatMap((el) => [el.getAttribute('aria-label'), el.title, el.dataset.title]);
      const data = JSON.parse(document.getElementById('report-data').textContent);
      return { lang: document.documentElement.lang, text: [...texts, ...attributes, ...Object.values(data.views.day.w).flat(), ...data.views.day.rows].join(' ') };`);
    expect(seen.lang).toBe('zh-CN');
    expect(seen.text).toContain('新增留存');
    // What may stay Latin: the AppID, API and field names, key names (D7, Dk, k), and the
    // tooltip templates' {placeholders}.
    const allowed = new RegExp(`\\b(${APPID}|AppID|AppSecret|HTML|getDailyRetain|visit_uv_new|visit_uv|D\\d+|Dk|k)\\b|\\{\\w+\\}`, 'g');
    expect(seen.text.replace(allowed, '').match(/[A-Za-z]+/g)).toBeNull();
  });

  it('is in English with lang: en, with no Chinese left', async () => {
    await show(FILES.en, DESKTOP);
    const seen = await query<{ lang: string; text: string; nav: string[] }>(`
      const data = JSON.parse(document.getElementById('report-data').textContent);
      return { lang: document.documentElement.lang, nav: $$('.toc a').map((a) => a.textContent),
        text: [document.documentElement.outerHTML, ...Object.values(data.views.day.w).flat(), ...data.views.day.rows].join(' ') };`);
    expect(seen.lang).toBe('en');
    expect(seen.nav).toEqual(['Summary', 'Glossary', 'Trends', 'New-user retention', 'Active-user retention', 'All numbers']);
    expect(seen.text).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
  });

  it('names the title, AppID, range, time and source, with a sample-data banner for emulator data only', async () => {
    await show(FILES.zh, DESKTOP);
    const zh = await query<{ title: string; h1: string; facts: string[]; banner: string | null }>(`
      return { title: document.title, h1: $$('h1')[0].textContent, facts: $$('.facts span').map((s) => s.textContent),
        banner: $$('.sample-banner')[0]?.innerText ?? null };`);
    expect([zh.title, zh.h1]).toEqual([NAME, NAME]);
    expect(zh.facts).toEqual([`AppID ${APPID}`, '2024-03-17 – 2024-06-14 · 90 天', '生成于 2024-06-15 12:00（北京时间）', '数据来源：内置的微信模拟器（示例数据）']);
    expect(zh.banner).toMatch(/^示例数据 这份报告的数字来自内置的微信模拟器/);
    await show(FILES.en, DESKTOP);
    const en = await query<{ title: string; h1: string; facts: string[]; banners: number }>(
      `return { title: document.title, h1: $$('h1')[0].textContent, facts: $$('.facts span').map((s) => s.textContent), banners: $$('.sample-banner').length };`,
    );
    expect([en.title, en.h1]).toEqual([TITLE, TITLE]);
    expect(en.facts).toEqual(['2024-03-17 – 2024-06-14 · 90 days', 'generated 2024-06-15 12:00 Beijing time', 'Source: WeChat getDailyRetain API']);
    expect(en.banners).toBe(0);
  });

  it('defines the terms near the top and links every section from a table of contents', async () => {
    await show(FILES.en, DESKTOP);
    const seen = await query<{ terms: string[]; targets: boolean[]; glossaryTop: number; trendsTop: number }>(`
      return { terms: $$('#day-glossary dt').map((dt) => dt.textContent),
        targets: $$('.toc a').map((a) => Boolean(document.querySelector(a.getAttribute('href')))),
        glossaryTop: document.getElementById('day-glossary').getBoundingClientRect().top,
        trendsTop: document.getElementById('day-trends').getBoundingClientRect().top };`);
    expect(seen.terms).toEqual(['New-user retention', 'Active-user retention', 'D0, D1, D7, D30', 'Final', 'Pooled rate']);
    expect(seen.targets).toEqual(Array(6).fill(true));
    expect(seen.glossaryTop).toBeLessThan(seen.trendsTop);
  });

  it('shows the cohort size in D0 and colours retention on the scale, darker for more', async () => {
    await show(FILES.en, DESKTOP);
    const first = days[0] as DailyRetainData;
    const rows = await query<{ head: string[]; cells: { text: string; cls: string; luminance: number }[] }>(`
      const table = $$('table.heatmap[data-cohort="new"]')[0];
      return { head: $$('thead th', table).map((th) => th.textContent),
        cells: $$('tbody tr:first-child td', table).map((td) => {
          const [r, g, b] = getComputedStyle(td).backgroundColor.match(/\\d+/g).map(Number);
          return { text: td.textContent, cls: td.className, luminance: 0.2126 * r + 0.7152 * g + 0.0722 * b };
        }) };`);
    expect(rows.head).toEqual(['Date', ...KEYS.map((key) => `D${key}`)]);
    const size = valueAt(first.visitUvNew, 0);
    expect(rows.cells[0]).toMatchObject({ text: count(size), cls: 'n' });
    expect(rows.cells[1]?.text).toBe(`${((valueAt(first.visitUvNew, 1) / size) * 100).toFixed(1)}%`);
    const [d1 = 0, d7 = 0, d30 = 0] = [1, 7, 9].map((i) => rows.cells[i]?.luminance ?? 0);
    expect(d1).toBeLessThan(d7);
    expect(d7).toBeLessThan(d30);
  });

  it('hatches cells not final yet and marks a day without users, with no NaN anywhere', async () => {
    await show(FILES.en, DESKTOP);
    const expected = days.flatMap((day) => KEYS.filter((key) => isPending(day.refDate, key))).length;
    const seen = await query<{ pending: number[]; hatched: boolean; zeroRow: string[]; html: string }>(`
      return { pending: $$('table.heatmap').map((table) => $$('td.p', table).length),
        hatched: $$('table.heatmap td.p, .heatmap-legend .swatch.pending').every((el) => getComputedStyle(el).backgroundImage.includes('repeating-linear-gradient')),
        zeroRow: $$('table.heatmap[data-cohort="new"] tr[data-date="${days[ZERO_DAY]?.refDate}"] td').map((td) => td.textContent),
        html: document.documentElement.outerHTML };`);
    expect(seen.pending).toEqual([expected, expected]);
    expect(seen.hatched).toBe(true);
    expect(seen.zeroRow).toEqual(['0', ...Array(KEYS.length - 1).fill('–')]);
    expect(seen.html).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('draws daily lines under 7-day averages, for D1, D7 and D30, over shaded weekends', async () => {
    await show(FILES.en, DESKTOP);
    const charts = await query<{ cohort: string; series: { key: string; daily: number; average: number; colour: string }[]; weekends: number; yTicks: string[]; xTicks: string[] }[]>(`
      const points = (d) => (d.match(/[ML]/g) || []).length;
      return $$('.plot').map((plot) => ({
        cohort: plot.dataset.cohort,
        series: $$('g.series', plot).map((g) => ({ key: g.dataset.key, daily: points(g.querySelector('.daily').getAttribute('d')),
          average: points(g.querySelector('.avg').getAttribute('d')), colour: getComputedStyle(g.querySelector('.avg')).stroke })),
        weekends: (plot.querySelector('.weekend').getAttribute('d').match(/M/g) || []).length,
        yTicks: $$('.y-ticks span', plot).map((s) => s.textContent),
        xTicks: $$('.x-ticks span', plot).map((s) => s.textContent),
      }));`);
    expect(charts.map((chart) => chart.cohort)).toEqual(['new', 'active']);
    const weekendDays = days.filter((day) => [0, 6].includes(new Date(`${iso(day.refDate)}T00:00Z`).getUTCDay())).length;
    for (const chart of charts) {
      const finalDays = (key: number) => days.filter((day, i) => !isPending(day.refDate, key) && !(chart.cohort === 'new' && i === ZERO_DAY)).length;
      // A 7-day average starts once a whole week lies in the range: 6 days after the first.
      expect(chart.series.map((s) => [s.key, s.daily])).toEqual([1, 7, 30].map((key) => [String(key), finalDays(key)]));
      // …and skips the day without new users, as the daily line does.
      const averaged = (key: number) => days.filter((day, i) => i >= 6 && !isPending(day.refDate, key)).length - (chart.cohort === 'new' ? 1 : 0);
      expect(chart.series.map((s) => s.average)).toEqual([1, 7, 30].map(averaged));
      expect(chart.weekends).toBe(weekendDays);
      expect(chart.yTicks[0]).toBe('0%');
      expect(chart.xTicks).toEqual(['Apr 2024', 'May', 'Jun']);
    }
    const legend = await query<string[]>('return $$(".chart-legend .legend-item").map((item) => item.textContent)');
    expect(legend).toEqual(['D1', 'D7', 'D30', 'Daily', '7-day average', 'Weekend', 'Above 100 % or invalid (drawn at the top, outside the scale)']);
  });

  it('flags rates above 100 % and bad counts, clamped, never in the colours or the axes', async () => {
    await show(FILES.absurd, DESKTOP);
    const seen = await query<{ over: string[]; bad: string[]; overColour: string; yMax: number; flags: number; stat: string }>(`
      const over = $$('table.heatmap[data-cohort="new"] tr[data-date="${absurd[OVER_DAY]?.refDate}"] td.over');
      return { over: over.map((td) => td.textContent),
        bad: $$('table.heatmap[data-cohort="active"] tr[data-date="${absurd[BAD_DAY]?.refDate}"] td.bad').map((td) => td.textContent),
        overColour: getComputedStyle(over[0]).color,
        yMax: Math.max(...$$('.y-ticks span').map((s) => parseFloat(s.textContent))),
        flags: $$('.plot .flag').map((p) => (p.getAttribute('d').match(/M/g) || []).length).reduce((a, b) => a + b, 0),
        stat: $$('.stat[data-key="1"]')[0].innerText };`);
    expect(seen.over).toEqual(['>100%']);
    expect(seen.bad).toEqual(['无效']);
    expect(seen.overColour).toBe('rgb(220, 38, 38)');
    expect(seen.yMax).toBeLessThanOrEqual(60);
    expect(seen.flags).toBe(2);
    expect(seen.stat).toMatch(/^D1 新增留存\n>100%\n超过 100% 或无效：数据有误$/);
  });

  it('sums up new users and pooled D1 retention over the final days', async () => {
    await show(FILES.en, DESKTOP);
    const stats = await query<string[]>('return $$(".stat-value").map((v) => v.textContent)');
    const sum = (key: number) => days.filter((day) => !isPending(day.refDate, key)).reduce((total, day) => total + valueAt(day.visitUvNew, key), 0);
    const pooled = sum(1) / days.filter((day) => !isPending(day.refDate, 1)).reduce((t, d) => t + valueAt(d.visitUvNew, 0), 0);
    expect(stats[0]).toBe(count(sum(0)));
    expect(stats[1]).toBe(`${(pooled * 100).toFixed(1)}%`);
    expect(stats[4]).toBe('60 / 90');
  });

  it.each([
    ['a phone', PHONE],
    ['a desktop', DESKTOP],
  ])('never scrolls sideways on %s, keeps chart and table text at 10 px or more on screen, and keeps axis labels apart', async (_, viewport) => {
    for (const file of Object.values(FILES)) {
      await show(file, viewport);
      expect(await query('return document.documentElement.scrollWidth')).toBe(viewport.width);
      // Rendered size: an SVG's text shrinks with its scale, an HTML element's with its transform.
      const smallest = await query<number>(`
        const sizes = $$('.chart *, .heatmap *, .legend *, .numbers *').filter((el) =>
          [...el.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim())).map((el) => {
          const size = parseFloat(getComputedStyle(el).fontSize);
          if (el instanceof SVGElement) return size * el.getScreenCTM().a;
          return el.offsetWidth ? size * (el.getBoundingClientRect().width / el.offsetWidth) : size;
        });
        return Math.min(...sizes);`);
      expect(smallest).toBeGreaterThanOrEqual(10);
      // Axis labels neither overlap nor leave their card.
      const clashes = await query<string[]>(`
        return $$('.card').flatMap((card) => {
          const box = card.getBoundingClientRect();
          return $$('.x-ticks, .y-ticks', card).flatMap((axis) => {
            const spans = $$('span', axis).map((s) => ({ text: s.textContent, r: s.getBoundingClientRect() }));
            const outside = spans.filter(({ r }) => r.left < box.left || r.right > box.right).map(({ text }) => text + ' leaves its card');
            const overlaps = spans.slice(1).filter(({ r }, i) => axis.classList.contains('x-ticks') ? r.left < spans[i].r.right : r.bottom > spans[i].r.top)
              .map(({ text }) => text + ' overlaps its neighbour');
            return [...outside, ...overlaps];
          });
        });`);
      expect(clashes).toEqual([]);
    }
  });

  it('scrolls the heatmap inside its card on a phone, with the date column and the header sticky', async () => {
    await show(FILES.zh, PHONE);
    const seen = await query<{ overflows: boolean; before: number[]; after: number[]; headerStays: boolean }>(`
      const box = $$('#day-cohorts-new .table-scroll')[0];
      box.scrollIntoView();
      const date = $$('tbody tr:first-child th', box)[0];
      const cell = $$('tbody tr:first-child td', box)[3];
      const head = $$('thead th', box)[1];
      const before = [date.getBoundingClientRect().left - box.getBoundingClientRect().left, cell.getBoundingClientRect().left];
      const headTop = head.getBoundingClientRect().top;
      box.scrollLeft = 200;
      box.scrollTop = 300;
      const after = [date.getBoundingClientRect().left - box.getBoundingClientRect().left, cell.getBoundingClientRect().left];
      return { overflows: box.scrollWidth > box.clientWidth, before, after, headerStays: Math.abs(head.getBoundingClientRect().top - headTop) < 1 };`);
    expect(seen.overflows).toBe(true);
    expect(seen.after[0]).toBeCloseTo(seen.before[0] ?? Number.NaN, 0);
    expect(seen.after[1]).toBeCloseTo((seen.before[1] ?? 0) - 200, 0);
    expect(seen.headerStays).toBe(true);
  });

  it('shows a cell’s numbers when a finger taps it, and a day’s values when it taps a chart', async () => {
    await show(FILES.zh, PHONE);
    const day = days[5] as DailyRetainData;
    await page.tap(`table.heatmap[data-cohort="new"] tr[data-date="${day.refDate}"] td:nth-of-type(3)`);
    await page.waitFor('!document.getElementById("tip").hidden', 'the tooltip after a tap on a cell');
    const size = valueAt(day.visitUvNew, 0);
    const users = valueAt(day.visitUvNew, 2);
    expect(await query('return document.getElementById("tip").innerText')).toBe(
      `${iso(day.refDate)} 周${'日一二三四五六'[new Date(`${iso(day.refDate)}T00:00Z`).getUTCDay()]} · 新增留存 D2\n${((users / size) * 100).toFixed(1)}%（${count(users)} / ${count(size)} 人）`,
    );
    await page.tap('#day-glossary h2');
    await page.waitFor('document.getElementById("tip").hidden', 'the tooltip to go on a tap elsewhere');
    await page.tap('.plot[data-cohort="active"]');
    await page.waitFor('!document.getElementById("tip").hidden', 'the tooltip after a tap on a chart');
    const lines = await query<string[]>('return document.getElementById("tip").innerText.split("\\n")');
    expect(lines[0]).toMatch(/^2024-\d\d-\d\d 周. · 活跃留存$/);
    expect(lines.slice(1).map((line) => line.replace(/[\d.]+%/g, 'N%'))).toEqual(['D1 N% · 7 日平均 N%', 'D7 N% · 7 日平均 N%', 'D30 N% · 7 日平均 N%']);
    const tipBox = await query<{ left: number; right: number }>('const r = document.getElementById("tip").getBoundingClientRect(); return { left: r.left, right: r.right };');
    expect(tipBox.left).toBeGreaterThanOrEqual(0);
    expect(tipBox.right).toBeLessThanOrEqual(PHONE.width);
  });

  it('renders screenshots a person can look at, at 1400 px and at 390 px', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await show(FILES.zh, DESKTOP);
    await page.screenshot(join(SCREENSHOTS, 'report-1400-zh.png'), { fullPage: true });
    await show(FILES.en, DESKTOP);
    await page.screenshot(join(SCREENSHOTS, 'report-1400-en.png'));
    await show(FILES.zh, { ...PHONE, scale: 2 });
    for (const section of ['top', 'trends', 'cohorts-new']) {
      if (section !== 'top') await page.evaluate(`document.getElementById(${JSON.stringify(`day-${section}`)}).scrollIntoView()`);
      await page.screenshot(join(SCREENSHOTS, `report-390-${section}.png`));
    }
    await page.tap(`table.heatmap[data-cohort="new"] tr[data-date="${days[12]?.refDate}"] td:nth-of-type(2)`);
    await page.waitFor('!document.getElementById("tip").hidden', 'the tooltip');
    await page.screenshot(join(SCREENSHOTS, 'report-390-tap.png'));
    const png = readFileSync(join(SCREENSHOTS, 'report-390-tap.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([780, 1688]);
  }, 60_000); // full-page captures take seconds
});
