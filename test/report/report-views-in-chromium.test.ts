import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addDays, beijingYesterday } from '../../src/beijing-date';
import type { RetainData } from '../../src/daily-retain/response';
import { renderReport } from '../../src/report/html-report';
import { describeInChromium } from '../helpers/browser-tests';
import { type ChromiumPage, openInChromium, type Viewport } from '../helpers/chromium';
import { NOW, valueAt } from '../helpers/retain-days';
import { type RetainRanges, retainRanges } from '../helpers/retain-ranges';

// The report of days, weeks and months (the CLI's `--period all`) as people see it, in
// headless Chromium at 1400 px and at 390 px, from real range results of the emulator.

/** The screenshots stay after the run, for a person to look at (the folder is gitignored). */
const SCREENSHOTS = join(__dirname, '..', '..', '.cache', 'screenshots');
const NAME = '小茶馆 · 点单小程序';
const APPID = 'wx8a1c5e7d2b4f6a90';
const DESKTOP: Viewport = { width: 1400, height: 900 };
const PHONE: Viewport = { width: 390, height: 844, phone: true };
const VIEWS = ['day', 'week', 'month'] as const;
type View = (typeof VIEWS)[number];

const yesterday = beijingYesterday(NOW);
const count = (n: number) => n.toLocaleString('en-US');

const dir = mkdtempSync(join(tmpdir(), 'daily-retain-report-views-'));
const FILES = {
  zh: join(dir, 'views-zh.html'),
  en: join(dir, 'views-en.html'),
  year: join(dir, 'views-366.html'),
  absurd: join(dir, 'views-absurd.html'),
};

let quarter: RetainRanges;
let page: ChromiumPage;
let current = '';

/** Shows `file` at `viewport` with `view` selected by a click on its tab, loading the file only when another is showing. */
async function show(file: string, viewport: Viewport, view: View = 'day'): Promise<void> {
  await page.setViewport(viewport);
  if (current !== file) await page.open(file);
  current = file;
  await page.evaluate(`document.querySelector('.view:not([hidden]) .tabs a[data-tab="${view}"]').click()`);
  await page.evaluate('window.scrollTo(0, 0)');
}

/** Runs `body` in the page with `$$` (querySelectorAll as an array) in scope. */
function query<T>(body: string): Promise<T> {
  return page.evaluate<T>(`(() => { const $$ = (s, root = document) => [...root.querySelectorAll(s)]; ${body} })()`);
}

const shown = () => query<string[]>('return $$(".view").filter((v) => !v.hidden).map((v) => v.dataset.view)');

describeInChromium('the report of days, weeks and months in Chromium', () => {
  beforeAll(async () => {
    quarter = await retainRanges(addDays(yesterday, -89), yesterday);
    const year = await retainRanges(addDays(yesterday, -365), yesterday);
    const flagged = quarter.week.list.map((week, i) => (i === 1 ? { ...week, visitUvNew: week.visitUvNew.map((e) => (e.key === 1 ? { ...e, value: 1e15 } : e)) } : week));
    writeFileSync(FILES.zh, renderReport(quarter, { now: NOW, title: NAME, appid: APPID, source: 'emulator' }));
    writeFileSync(FILES.en, renderReport(quarter, { now: NOW, lang: 'en', title: 'Tea House', appid: APPID }));
    writeFileSync(FILES.year, renderReport(year, { now: NOW, appid: APPID }));
    writeFileSync(FILES.absurd, renderReport({ ...quarter, week: { ...quarter.week, list: flagged } }, { now: NOW }));
    page = await openInChromium(FILES.zh, DESKTOP);
    current = FILES.zh;
  }, 90_000);

  afterAll(async () => {
    await page?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads nothing but itself, so it opens offline', async () => {
    for (const file of Object.values(FILES)) await show(file, DESKTOP);
    expect(page.requests).toEqual(Object.values(FILES).map((file) => pathToFileURL(file).href));
    expect(await query('return $$("link, img, iframe, object, [src], [href]:not(.toc a)").length')).toBe(0);
  });

  it('weighs under 250 KB for 90 days with their weeks and months, and under 1 MB for 366', async () => {
    expect(statSync(FILES.zh).size).toBeLessThan(250 * 1024);
    expect(statSync(FILES.en).size).toBeLessThan(250 * 1024);
    expect(statSync(FILES.year).size).toBeLessThan(1024 * 1024);
    await show(FILES.year, PHONE, 'week');
    expect(await query('return $$("table.heatmap").map((table) => $$("tbody tr", table).length)')).toEqual([366, 366, 52, 52, 12, 12]);
  });

  it('shows one view at a time: the days first, the others a tap on their tab away', async () => {
    await page.setViewport(PHONE);
    await page.open(FILES.zh);
    current = FILES.zh;
    expect(await shown()).toEqual(['day']);
    await page.tap('.view:not([hidden]) .tabs a[data-tab="week"]');
    await page.waitFor('!document.getElementById("view-week").hidden', 'the weeks after a tap on 按周');
    expect(await shown()).toEqual(['week']);
    expect(await query('return $$("#view-week .tabs a").map((a) => [a.textContent, a.getAttribute("aria-current")])')).toEqual([
      ['按日', null],
      ['按周', 'true'],
      ['按月', null],
    ]);
    // Once the bar sticks, a tab starts the new view from its top, the bar still on screen.
    await page.evaluate('document.getElementById("week-numbers").scrollIntoView()');
    await page.tap('.view:not([hidden]) .tabs a[data-tab="month"]');
    await page.waitFor('!document.getElementById("view-month").hidden', 'the months');
    const top = await query<{ bar: number; view: number }>('return { bar: $$("#view-month .toc")[0].getBoundingClientRect().top, view: document.getElementById("view-month").getBoundingClientRect().top };');
    expect(top).toEqual({ bar: 0, view: 0 });
  });

  it('opens the view a link points into, on load and when the address changes', async () => {
    await show(FILES.en, DESKTOP);
    await page.evaluate('location.hash = "week-cohorts-active"');
    await page.waitFor('!document.getElementById("view-week").hidden', 'the weeks for #week-cohorts-active');
    expect(await shown()).toEqual(['week']);
    expect(await query('return Math.abs(document.getElementById("week-cohorts-active").getBoundingClientRect().top) < 80')).toBe(true);
    await page.evaluate('location.hash = "month-numbers"; window.before = true; location.reload()');
    await page.waitFor('!window.before && document.readyState === "complete"', 'the reload');
    expect(await shown()).toEqual(['month']);
    current = '';
  });

  it('is in Chinese by default in every view, and in English with lang: en, with no Chinese left', async () => {
    await show(FILES.zh, DESKTOP);
    const zh = await query<{ lang: string; text: string }>(`
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const texts = [];
      while (walker.nextNode()) if (!walker.currentNode.parentElement.closest('script, h1')) texts.push(walker.currentNode.textContent);
      const attributes = $$('[aria-label], [title], [data-title]').flatMap((el) => [el.getAttribute('aria-label'), el.title, el.dataset.title]);
      const data = JSON.parse(document.getElementById('report-data').textContent);
      const words = Object.values(data.views).flatMap((view) => [...Object.values(view.w), ...view.rows]);
      return { lang: document.documentElement.lang, text: [...texts, ...attributes, ...words].join(' ') };`);
    expect(zh.lang).toBe('zh-CN');
    for (const words of ['按周', '逐周留存', '逐月留存', 'W4 新增留存', '已定月份', '当周没有用户']) expect(zh.text).toContain(words);
    // What may stay Latin: the AppID, API and field names, key names (D7, W4, M1, Wk) and the tooltip templates' {placeholders}.
    const allowed = new RegExp(`\\b(${APPID}|AppID|AppSecret|HTML|get(Daily|Weekly|Monthly)Retain|visit_uv_new|visit_uv|[DWM]\\d+|[DWM]k|k)\\b|\\{\\w+\\}`, 'g');
    expect(zh.text.replace(allowed, '').match(/[A-Za-z]+/g)).toBeNull();
    await show(FILES.en, DESKTOP);
    const en = await query<{ lang: string; text: string }>(`
      const data = JSON.parse(document.getElementById('report-data').textContent);
      return { lang: document.documentElement.lang, text: [document.documentElement.outerHTML, JSON.stringify(data)].join(' ') };`);
    expect(en.lang).toBe('en');
    expect(en.text).toContain('Cohorts by week');
    expect(en.text).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
  });

  it('carries the sample-data banner for emulator data only', async () => {
    await show(FILES.zh, PHONE, 'month');
    expect(await query('return $$(".sample-banner").map((b) => b.getBoundingClientRect().height > 0)')).toEqual([true]);
    await show(FILES.en, PHONE, 'month');
    expect(await query('return $$(".sample-banner").length')).toBe(0);
  });

  it.each([
    ['a phone', PHONE],
    ['a desktop', DESKTOP],
  ])('never scrolls sideways on %s in any view, keeps chart and table text at 10 px or more, and keeps axis labels apart', async (_, viewport) => {
    for (const file of [FILES.zh, FILES.year]) {
      for (const view of VIEWS) {
        await show(file, viewport, view);
        expect(await shown()).toEqual([view]);
        expect(await query('return document.documentElement.scrollWidth')).toBe(viewport.width);
        const smallest = await query<number>(`
          const sizes = $$('.view:not([hidden]) :is(.chart, .heatmap, .legend, .numbers, .toc) *').filter((el) =>
            [...el.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim())).map((el) => {
            const size = parseFloat(getComputedStyle(el).fontSize);
            return el.offsetWidth ? size * (el.getBoundingClientRect().width / el.offsetWidth) : size;
          });
          return sizes.length ? Math.min(...sizes) : 0;`);
        expect(smallest).toBeGreaterThanOrEqual(10);
        const clashes = await query<string[]>(`
          return $$('.view:not([hidden]) .card').flatMap((card) => {
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
    }
  });

  it('fits the weeks’ and months’ heatmaps on a phone, and keeps the week column and the header in view while the tables scroll', async () => {
    await show(FILES.year, PHONE, 'week');
    const seen = await query<{ fits: boolean; sticky: string; headerStays: boolean; numbers: { overflows: boolean; before: number; after: number } }>(`
      const box = $$('#week-cohorts-new .table-scroll')[0];
      const fits = box.scrollWidth <= box.clientWidth && box.clientWidth > 0;
      box.scrollIntoView();
      const week = $$('tbody tr:first-child th', box)[0];
      const head = $$('thead th', box)[2];
      const headTop = head.getBoundingClientRect().top;
      box.scrollTop = 400;
      const headerStays = Math.abs(head.getBoundingClientRect().top - headTop) < 1;
      const numbers = $$('#week-numbers .table-scroll')[0];
      numbers.scrollIntoView();
      const date = $$('tbody tr:first-child th', numbers)[0];
      const before = date.getBoundingClientRect().left - numbers.getBoundingClientRect().left;
      numbers.scrollLeft = 200;
      const after = date.getBoundingClientRect().left - numbers.getBoundingClientRect().left;
      return { fits, sticky: getComputedStyle(week).position, headerStays,
        numbers: { overflows: numbers.scrollWidth > numbers.clientWidth, before, after } };`);
    expect(seen.fits).toBe(true);
    expect(seen.sticky).toBe('sticky');
    expect(seen.headerStays).toBe(true);
    expect(seen.numbers.overflows).toBe(true);
    expect(seen.numbers.after).toBeCloseTo(seen.numbers.before, 0);
    await show(FILES.year, PHONE, 'month');
    expect(await query('const box = $$("#month-cohorts-new .table-scroll")[0]; return box.scrollWidth <= box.clientWidth && box.clientWidth > 0')).toBe(true);
  });

  it('shows a week’s or a month’s numbers when a finger taps a cell, and a week’s values when it taps a chart', async () => {
    await show(FILES.zh, PHONE, 'week');
    const week = quarter.week.list[2] as RetainData;
    await page.tap(`#view-week table.heatmap[data-cohort="new"] tr[data-date="${week.refDate}"] td:nth-of-type(3)`);
    await page.waitFor('!document.getElementById("tip").hidden', 'the tooltip after a tap on a week');
    const size = valueAt(week.visitUvNew, 0);
    const users = valueAt(week.visitUvNew, 2);
    expect(await query('return document.getElementById("tip").innerText')).toBe(`2024-03-25 – 03-31 · 新增留存 W2\n${((users / size) * 100).toFixed(1)}%（${count(users)} / ${count(size)} 人）`);
    await page.tap('#view-week tr[data-date="20240513-20240519"] td:last-child');
    await page.waitFor('document.getElementById("tip").innerText.includes("待定")', 'the tooltip of a week not final yet');
    expect(await query('return document.getElementById("tip").innerText')).toBe('2024-05-13 – 05-19 · 新增留存 W4\n待定：2024-06-17 起完整');
    await page.tap('#view-week .plot[data-cohort="active"]');
    await page.waitFor('document.getElementById("tip").innerText.includes("活跃留存")', 'the tooltip after a tap on a chart');
    const lines = await query<string[]>('return document.getElementById("tip").innerText.split("\\n")');
    expect(lines[0]).toMatch(/^2024-\d\d-\d\d – \d\d-\d\d · 活跃留存$/);
    expect(lines.slice(1).map((line) => line.replace(/[\d.]+%|–/g, 'N'))).toEqual(['W1 N', 'W4 N']);
    await show(FILES.zh, PHONE, 'month');
    const april = quarter.month.list[1] as RetainData;
    await page.tap('#view-month table.heatmap[data-cohort="active"] tr[data-date="202404"] td:nth-of-type(2)');
    await page.waitFor('document.getElementById("tip").innerText.includes("M1")', 'the tooltip after a tap on a month');
    const m1 = valueAt(april.visitUv, 1);
    const m0 = valueAt(april.visitUv, 0);
    expect(await query('return document.getElementById("tip").innerText')).toBe(`2024-04 · 活跃留存 M1\n${((m1 / m0) * 100).toFixed(1)}%（${count(m1)} / ${count(m0)} 人）`);
  });

  it('flags a week above 100 % in red, outside the colours and the axis', async () => {
    await show(FILES.absurd, DESKTOP, 'week');
    const seen = await query<{ text: string; colour: string; yMax: number }>(`
      const td = $$('#view-week table.heatmap[data-cohort="new"] tr[data-date="${quarter.week.list[1]?.refDate}"] td.over')[0];
      return { text: td.textContent, colour: getComputedStyle(td).color,
        yMax: Math.max(...$$('#view-week .y-ticks span').map((s) => parseFloat(s.textContent))) };`);
    expect(seen).toEqual({ text: '>100%', colour: 'rgb(220, 38, 38)', yMax: expect.any(Number) });
    expect(seen.yMax).toBeLessThanOrEqual(60);
  });

  it('renders screenshots of the combined report a person can look at, in Chinese and in English, at 1400 px and at 390 px', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [lang, file] of [
      ['zh', FILES.zh],
      ['en', FILES.en],
    ] as const) {
      for (const view of VIEWS) {
        await show(file, DESKTOP, view);
        await page.screenshot(join(SCREENSHOTS, `views-1400-${lang}-${view}.png`), { fullPage: view !== 'day' });
      }
      await show(file, { ...PHONE, scale: 2 }, 'week');
      await page.screenshot(join(SCREENSHOTS, `views-390-${lang}-week-top.png`));
      for (const section of ['week-trends', 'week-cohorts-new']) {
        await page.evaluate(`document.getElementById("${section}").scrollIntoView()`);
        await page.screenshot(join(SCREENSHOTS, `views-390-${lang}-${section}.png`));
      }
      await show(file, { ...PHONE, scale: 2 }, 'month');
      await page.tap('#view-month table.heatmap[data-cohort="new"] tr[data-date="202403"] td:nth-of-type(2)');
      await page.waitFor('!document.getElementById("tip").hidden', 'the tooltip');
      await page.screenshot(join(SCREENSHOTS, `views-390-${lang}-month-tap.png`));
    }
    expect(statSync(join(SCREENSHOTS, 'views-390-zh-month-tap.png')).size).toBeGreaterThan(10_000);
  }, 90_000); // full-page captures take seconds
});
