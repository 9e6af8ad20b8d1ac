/**
 * @jest-environment jsdom
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { addDays, beijingYesterday } from '../../src/beijing-date';
import { describeInChromium } from '../helpers/browser-tests';
import { type ChromiumPage, openInChromium } from '../helpers/chromium';
import { count, fakeCloud, renderDashboard, type Simulated, settle, standInCanvas, until } from './fake-wx';
import { PHONE_WIDTH, phoneHtml } from './phone-html';
import { NOW, periodResult, runRangeFunction } from './range-fixtures';

// The dashboard as a person sees it on a 390 px phone: the simulator's DOM with the WXSS
// (rpx at 390 px), opened in headless Chromium. Screenshots stay in .cache/screenshots/.

const SCREENSHOTS = path.resolve(__dirname, '../../.cache/screenshots');
const YESTERDAY = beijingYesterday(NOW);
const daysBack = (n: number) => ({ beginDate: addDays(YESTERDAY, 1 - n), endDate: YESTERDAY });

let rendered: Simulated[] = [];
const pages: ChromiumPage[] = [];

/** A dashboard with its first call answered by `answer`; `loading` leaves it waiting. */
async function dashboard(answer: (cloud: ReturnType<typeof fakeCloud>) => void, props: Record<string, unknown> = {}, loading = false) {
  const cloud = fakeCloud();
  answer(cloud);
  const comp = renderDashboard(props);
  rendered.push(comp);
  standInCanvas(comp);
  if (loading) await settle();
  else await until(() => count(comp, '.skeleton') === 0, 'the answer');
  return comp;
}

async function open(name: string, views: { title: string; comp: Simulated }[]) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.html`);
  writeFileSync(file, phoneHtml(views));
  const page = await openInChromium(file, { width: PHONE_WIDTH, height: 844 });
  pages.push(page);
  await page.screenshot(path.join(SCREENSHOTS, `${name}-${PHONE_WIDTH}.png`), { fullPage: true });
  return page;
}

describeInChromium('the dashboard on a 390 px phone, in Chromium', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    for (const comp of rendered) comp.detach();
    rendered = [];
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    for (const page of pages) await page.close();
  });

  describe('at 390 px', () => {
    let page: ChromiumPage;
    beforeAll(async () => {
      const result = await runRangeFunction(daysBack(60));
      jest.spyOn(Date, 'now').mockReturnValue(NOW);
      const comp = await dashboard((cloud) => cloud.answer(result), { days: 60 });
      page = await open('dashboard-day', [{ title: '日 · 60 天（模拟器数据）', comp }]);
      jest.restoreAllMocks();
    }, 60_000);

    it('never scrolls sideways: only the heatmap does, inside its card', async () => {
      const widths = await page.evaluate<{ page: number; grid: number; scroller: number }>(`(() => {
        const scroller = document.querySelector('[class*="heat-scroll"]');
        return { page: document.documentElement.scrollWidth, grid: scroller.scrollWidth, scroller: scroller.clientWidth };
      })()`);
      expect(widths.page).toBeLessThanOrEqual(PHONE_WIDTH);
      expect(widths.grid).toBeGreaterThan(widths.scroller);
    });

    it('keeps the date column in place while the heatmap scrolls, each date level with its row', async () => {
      const where = await page.evaluate<{ before: number; after: number; scrolled: number; misaligned: number; rows: number }>(`(() => {
        const scroller = document.querySelector('[class*="heat-scroll"]');
        const dates = [...document.querySelectorAll('[class*="heat-fixed"] [class*="heat-row"]')];
        const rows = [...scroller.querySelectorAll('[class*="heat-row"]')];
        const before = dates[5].getBoundingClientRect().left;
        scroller.scrollLeft = 200;
        const after = dates[5].getBoundingClientRect().left;
        const misaligned = dates.filter((d, i) => Math.abs(d.getBoundingClientRect().top - rows[i].getBoundingClientRect().top) > 0.5).length;
        return { before, after, scrolled: scroller.scrollLeft, misaligned, rows: dates.length };
      })()`);
      expect(where.scrolled).toBe(200);
      expect(where.after).toBe(where.before);
      expect(where).toMatchObject({ misaligned: 0, rows: 61 });
      await page.evaluate(`document.querySelector('[class*="heat-scroll"]').scrollLeft = 0`);
    });

    it('writes no text smaller than 10 px', async () => {
      const smallest = await page.evaluate<number>(`(() => {
        const sizes = [...document.querySelectorAll('section *')]
          .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
          .map((el) => parseFloat(getComputedStyle(el).fontSize));
        return Math.min(...sizes);
      })()`);
      expect(smallest).toBeGreaterThanOrEqual(10);
    });

    it('draws the curve on a real canvas', async () => {
      const inked = await page.evaluate<number>(`(() => {
        const canvas = document.querySelector('canvas');
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let blue = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 2] > 200 && data[i] < 80 && data[i + 3] > 200) blue++;
        return blue;
      })()`);
      expect(inked).toBeGreaterThan(500);
    });
  });

  it('shows the other states on a phone without overflow: loading, partial, no permission, week', async () => {
    const partial = await runRangeFunction(daysBack(40), { latencyMs: 150, timeLimitMs: 1000 });
    const forbidden = await runRangeFunction(daysBack(30), { openid: 'oAbCdEf-1234567890_xyz' });
    const config = await runRangeFunction(daysBack(30), { env: { WECHAT_APPSECRET: undefined } });
    const weeks = await periodResult({ beginDate: '20240318', endDate: '20240609', period: 'week' });
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
    const views = [
      { title: '加载中', comp: await dashboard((cloud) => cloud.hold(), {}, true) },
      { title: '部分日期未取到（-90003）', comp: await dashboard((cloud) => cloud.answer(partial), { days: 40 }) },
      { title: '没有权限（-90002）', comp: await dashboard((cloud) => cloud.answer(forbidden)) },
      { title: '缺少配置（-90001）', comp: await dashboard((cloud) => cloud.answer(config)) },
      { title: '周 · 12 周', comp: await dashboard((cloud) => cloud.answer(weeks), { period: 'week' }) },
    ];
    await settle();
    const page = await open('dashboard-states', views);
    const shows = ['skeleton', 'partial-title', 'openid-value', 'problem-var', 'heat-grid'];
    const checks = await page.evaluate<{ page: number; sections: boolean[] }>(`(() => ({
      page: document.documentElement.scrollWidth,
      sections: ${JSON.stringify(shows)}.map((name, i) => document.querySelector('section[data-view="' + i + '"] [class*="--' + name + '"]') !== null),
    }))()`);
    expect(checks).toEqual({ page: expect.any(Number), sections: shows.map(() => true) });
    expect(checks.page).toBeLessThanOrEqual(PHONE_WIDTH);
  }, 60_000);
});
