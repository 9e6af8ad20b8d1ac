import { isCalendarDay } from '../beijing-date';
import type { DailyRetainData } from '../daily-retain/response';
import { ConfigError, ErrorCode, ValidationError } from '../errors';
import { displayDate } from '../range/display';
import { type DayRetention, retentionRows } from '../range/retention-rates';
import { COHORTS } from './cohort-labels';
import { dayAxis, dayTicks, weekendPath } from './day-axis';
import { escapeHtml } from './escape-html';
import { renderHeatmap } from './heatmap';
import { renderLineChart } from './line-chart';
import { renderNumbersTable } from './numbers-table';
import { reportData } from './report-data';
import { chartLegend, heatmapLegend } from './report-legends';
import { REPORT_SCRIPT, SCRIPT_HASH } from './report-script';
import { REPORT_STYLE } from './report-style';
import { REPORT_LANGS, REPORT_TEXT, type ReportLang, type ReportText } from './report-text';
import { renderSummary } from './summary';
import { trendSeries } from './trend-series';

/** Where a report's numbers came from. */
export type ReportSource = 'wechat' | 'emulator';

export interface ReportOptions {
  /** The instant the report describes (epoch ms): it decides which cells are final. */
  now: number;
  /** The report's language: every label, legend, tooltip and note. @default 'zh' */
  lang?: ReportLang;
  /** @default '小程序日留存报告' ('Daily retention' in English) */
  title?: string;
  /** The mini program's AppID, shown in the header. */
  appid?: string;
  /** `'emulator'` marks the numbers as sample data with a banner. @default 'wechat' */
  source?: ReportSource;
}

/**
 * The retention of `days` as one self-contained HTML page: inline CSS, SVG and one small
 * script, no external resource (its Content-Security-Policy forbids any request), so it
 * opens offline and can be mailed as it is. Its size grows with the number of days only,
 * whatever the values: a 366-day report weighs about 0.5 MB.
 *
 * @throws {ConfigError} for an unknown `lang` or `source`, or a `now` that is not a time.
 * @throws {ValidationError} for a day whose refDate is not a `yyyymmdd` date, or a day given twice.
 */
export function renderReport(days: readonly DailyRetainData[], options: ReportOptions): string {
  const { now, lang = 'zh', source = 'wechat' } = options;
  checkOptions(options);
  checkDays(days);
  const text = REPORT_TEXT[lang];
  const title = options.title ?? text.defaultTitle;
  const rows = retentionRows(days, now);
  const generated = new Date(now + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const facts = [
    options.appid && `AppID ${escapeHtml(options.appid)}`,
    escapeHtml(describeRange(rows, text)),
    text.generated(generated),
    text.source[source],
  ].filter(Boolean);
  const banner = source === 'emulator' ? `<div class="sample-banner" role="note"><strong>${text.sampleBanner.title}</strong> ${text.sampleBanner.body}</div>` : '';
  return `<!doctype html>
<html lang="${text.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src ${SCRIPT_HASH}">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header class="top"><h1>${escapeHtml(title)}</h1>
<p class="facts">${facts.map((fact) => `<span>${fact}</span>`).join('')}</p>${banner}</header>
${rows.length === 0 ? `<main><p class="card">${text.noDays}</p></main>` : `${navigation(text)}\n<main>${sections(rows, text)}</main>`}
<footer>${text.footer}</footer>
</body>
</html>
`;
}

function checkOptions({ now, lang = 'zh', source = 'wechat', title, appid }: ReportOptions): void {
  if (typeof now !== 'number' || !Number.isFinite(now)) throw new ConfigError(`renderReport: now must be a time in epoch milliseconds (got ${String(now)})`);
  if (!REPORT_LANGS.includes(lang)) throw new ConfigError(`renderReport: lang must be ${REPORT_LANGS.join(' or ')} (got ${JSON.stringify(lang)})`);
  if (source !== 'wechat' && source !== 'emulator') throw new ConfigError(`renderReport: source must be wechat or emulator (got ${JSON.stringify(source)})`);
  for (const [name, value] of Object.entries({ title, appid })) {
    if (value !== undefined && typeof value !== 'string') throw new ConfigError(`renderReport: ${name} must be a string`);
  }
}

function checkDays(days: readonly DailyRetainData[]): void {
  const seen = new Set<string>();
  days.forEach((day, i) => {
    if (typeof day?.refDate !== 'string' || !isCalendarDay(day.refDate)) {
      throw new ValidationError(ErrorCode.DATE_FORMAT, `renderReport: day ${i} has refDate ${JSON.stringify(day?.refDate)}: expected a yyyymmdd calendar date`);
    }
    if (seen.has(day.refDate)) throw new ValidationError(ErrorCode.DATE_FORMAT, `renderReport: ${day.refDate} appears twice: pass each day once`);
    seen.add(day.refDate);
  });
}

function describeRange(rows: readonly DayRetention[], text: ReportText): string {
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return text.days(0);
  return `${displayDate(first.refDate)} – ${displayDate(last.refDate)} · ${text.days(rows.length)}`;
}

function navigation(text: ReportText): string {
  const links: [string, string][] = [
    ['summary', text.nav.summary],
    ['glossary', text.nav.glossary],
    ['trends', text.nav.trends],
    ...COHORTS.map((cohort): [string, string] => [`cohorts-${cohort.id}`, text.cohorts[cohort.id].retention]),
    ['numbers', text.nav.numbers],
  ];
  return `<nav class="toc" aria-label="${text.nav.label}">${links.map(([id, label]) => `<a href="#${id}">${label}</a>`).join('')}</nav>`;
}

function sections(rows: readonly DayRetention[], text: ReportText): string {
  const axis = dayAxis(rows);
  const weekends = weekendPath(rows, axis);
  const ticks = dayTicks(rows, axis, text);
  const series = Object.fromEntries(COHORTS.map((cohort) => [cohort.id, trendSeries(rows, cohort)]));
  const charts = COHORTS.map((cohort) => `<div class="card">${renderLineChart(series[cohort.id] ?? [], cohort, axis, weekends, ticks, text)}</div>`);
  const heatmaps = COHORTS.map(
    (cohort) => `<div class="card" id="cohorts-${cohort.id}"><h3>${text.cohorts[cohort.id].retention}</h3>
<p class="hint">${text.cohortsHint(text.cohorts[cohort.id].title)} <span class="swipe">${text.heatmap.swipe}</span></p>
<div class="table-scroll">${renderHeatmap(rows, cohort, text)}</div></div>`,
  );
  const glossary = text.glossary.terms.map(([term, definition]) => `<div><dt>${term}</dt><dd>${definition}</dd></div>`);
  return `<section id="summary">${renderSummary(rows, text)}</section>
<section id="glossary" class="card"><h2>${text.glossary.title}</h2><dl class="glossary">${glossary.join('')}</dl></section>
<section id="trends"><h2>${text.trends.title}</h2>
<p class="hint">${text.trends.hint}</p>
${chartLegend(text)}
<div class="grid">${charts.join('\n')}</div></section>
<section id="cohorts"><h2>${text.cohortsTitle}</h2>
${heatmapLegend(text)}
<div class="grid">${heatmaps.join('\n')}</div></section>
<section id="numbers"><h2>${text.numbers.title}</h2>
<p class="hint">${text.numbers.hint}</p>
<div class="card"><div class="table-scroll">${renderNumbersTable(rows, text)}</div></div></section>
<script type="application/json" id="report-data">${reportData(rows, axis, series, text)}</script>
<script>${REPORT_SCRIPT}</script>`;
}
