import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MINIPROGRAM, type Simulated } from './fake-wx';

const COMPONENT = path.join(MINIPROGRAM, 'components/retain-dashboard');

/** The phone width the screenshots take, in CSS pixels (750 rpx). */
export const PHONE_WIDTH = 390;

/**
 * What WeChat's own stylesheet gives the built-in components we use, approximately (their
 * defaults from the WeChat base library: block views, mini buttons at 13 px with a 2.3 line
 * height, green primary and red warn buttons). `type` is not kept in the simulator's DOM, so
 * the two coloured buttons are named by class.
 */
const BUILT_INS = `
wx-view, wx-picker, wx-scroll-view, wx-canvas { display: block; }
wx-text { display: inline; }
wx-scroll-view { overflow-x: auto; overflow-y: hidden; scrollbar-width: none; }
wx-button { display: inline-block; padding: 0 1.34em; font-size: 13px; line-height: 2.3; border-radius: 5px;
  background: #f8f8f8; color: #000; border: 1px solid rgba(0, 0, 0, 0.2); text-align: center; box-sizing: border-box; }
wx-button.PREFIXopenid-copy { background: #07c160; color: #fff; border-color: #07c160; }
wx-button.PREFIXpartial-retry { background: #e64340; color: #fff; border-color: #e64340; }
body { margin: 0; font-family: "Noto Sans CJK SC", "PingFang SC", sans-serif; }
section { width: ${PHONE_WIDTH}px; }
section > h2 { margin: 0; padding: 8px 12px; font: 600 12px sans-serif; color: #fff; background: #334155; }`;

/**
 * The component's WXSS as a browser reads it at `PHONE_WIDTH`: classes prefixed as the
 * simulator prefixes them, rpx turned into px (750 rpx = the screen width), `page` as body.
 */
export function phoneCss(prefix: string): string {
  const rpx = (css: string) => css.replace(/(\d+(?:\.\d+)?)rpx/g, (_, n) => `${((Number(n) * PHONE_WIDTH) / 750).toFixed(2)}px`);
  const wxss = readFileSync(path.join(COMPONENT, 'retain-dashboard.wxss'), 'utf8').replace(/\.([a-zA-Z][\w-]*)/g, `.${prefix}$1`);
  const app = readFileSync(path.join(MINIPROGRAM, 'app.wxss'), 'utf8').replace(/^page\b/m, 'body');
  return rpx(BUILT_INS.replace(/PREFIX/g, prefix) + app + wxss);
}

/**
 * One HTML page that shows each simulated dashboard in `views` as a 390 px phone would, one
 * under the other. The curve is drawn by retention-chart.js itself on a real canvas, from the
 * points the component computed.
 */
export function phoneHtml(views: { title: string; comp: Simulated }[]): string {
  const prefix = /class="([\w-]*--)dash[" ]/.exec(views[0]?.comp.dom.innerHTML ?? '')?.[1] ?? '';
  const chartJs = readFileSync(path.join(COMPONENT, 'retention-chart.js'), 'utf8');
  const sections = views.map(({ title, comp }, i) => {
    const chart = (comp.instance as unknown as { _chart?: unknown })._chart ?? null;
    return `<section data-view="${i}" data-chart='${JSON.stringify(chart)}'><h2>${title}</h2>${comp.dom.innerHTML}</section>`;
  });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<style>${phoneCss(prefix)}</style></head><body>${sections.join('\n')}
<script>var module = { exports: {} };</script><script>${chartJs}</script>
<script>
for (const section of document.querySelectorAll('section')) {
  const placeholder = section.querySelector('wx-canvas');
  const chart = JSON.parse(section.dataset.chart);
  if (!placeholder || !chart) continue;
  const canvas = document.createElement('canvas');
  canvas.className = placeholder.className;
  placeholder.replaceWith(canvas);
  const { width, height } = canvas.getBoundingClientRect();
  canvas.width = width * 2;
  canvas.height = height * 2;
  const ctx = canvas.getContext('2d');
  ctx.scale(2, 2);
  module.exports.drawRetentionChart(ctx, width, height, chart);
}
</script></body></html>`;
}
