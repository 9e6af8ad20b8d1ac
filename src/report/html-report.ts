import { ConfigError } from '../errors';
import { PERIODS } from '../period/periods';
import { retentionRows } from '../range/retention-rates';
import { escapeHtml } from './escape-html';
import { reportData } from './report-data';
import { type ReportInput, readReportInput } from './report-input';
import { REPORT_SCRIPT, SCRIPT_HASH } from './report-script';
import { REPORT_STYLE } from './report-style';
import { REPORT_LANGS, REPORT_TEXT, type ReportLang } from './report-text';
import { describeSpan, renderView, type ViewRows } from './report-view';

/** Where a report's numbers came from. */
export type ReportSource = 'wechat' | 'emulator';

export interface ReportOptions {
  /** The instant the report describes (epoch ms): it decides which cells are final. */
  now: number;
  /** The report's language: every label, legend, tooltip and note. @default 'zh' */
  lang?: ReportLang;
  /**
   * @default '小程序日留存报告' for days alone ('Daily retention' in English), '小程序周留存报告' or
   * '小程序月留存报告' for weeks or months alone, '小程序留存报告' ('Retention') for several views
   */
  title?: string;
  /** The mini program's AppID, shown in the header. */
  appid?: string;
  /** `'emulator'` marks the numbers as sample data with a banner. @default 'wechat' */
  source?: ReportSource;
}

/**
 * Retention as one self-contained HTML page: inline CSS, SVG and one small script, no external
 * resource (its Content-Security-Policy forbids any request), so it opens offline and can be
 * mailed as it is. Its size grows with the number of periods only, whatever the values: 366
 * days with their 53 weeks and 12 months weigh about 0.6 MB.
 *
 * `input` is what to show:
 * - a list of days: the daily view alone (as before weeks and months existed);
 * - one result of `getDailyRetainRange`: the view of its period alone;
 * - `{ day, week, month }`, each a range result (or a list) over the same dates: those views in
 *   one file, with tabs between them. The CLI's `--period all` is all three.
 *
 * @example
 * const dates = { beginDate: '20240101', endDate: '20240630' };
 * const day = await client.getDailyRetainRange(dates);
 * const week = await client.getDailyRetainRange({ ...dates, period: 'week' });
 * const month = await client.getDailyRetainRange({ ...dates, period: 'month' });
 * const html = renderReport({ day, week, month }, { now: Date.now(), appid });
 * @throws {ConfigError} for an unknown `lang` or `source`, or a `now` that is not a time.
 * @throws {ValidationError} for an input of another shape, a view given a range of another
 *   period, a refDate that names no period of its view, or a period given twice.
 */
export function renderReport(input: ReportInput, options: ReportOptions): string {
  const { now, lang = 'zh', source = 'wechat' } = options;
  checkOptions(options);
  const text = REPORT_TEXT[lang];
  const views: ViewRows[] = readReportInput(input).map(({ period, items, span, missing }) => ({ period, rows: retentionRows(items, now, period), span, missing }));
  const periods = views.map((view) => view.period);
  const title = options.title ?? (views.length === 1 ? text.views[periods[0] ?? 'day'].title : text.defaultTitle);
  const generated = new Date(now + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const facts = [
    options.appid && `AppID ${escapeHtml(options.appid)}`,
    ...views.map((view) => escapeHtml(describeSpan(view, text))),
    text.generated(generated),
    source === 'emulator' ? text.source.emulator : text.source.wechat(periods.map((period) => PERIODS[period].api)),
  ].filter(Boolean);
  const banner = source === 'emulator' ? `<div class="sample-banner" role="note"><strong>${text.sampleBanner.title}</strong> ${text.sampleBanner.body}</div>` : '';
  const rendered = views.map((view) => renderView(view, periods, text));
  const data = Object.fromEntries(rendered.flatMap(({ data: viewData }, i) => (viewData ? [[periods[i], viewData]] : [])));
  // The script shows tooltips and switches tabs: a page with neither needs none.
  const script = Object.keys(data).length || views.length > 1 ? `\n<script type="application/json" id="report-data">${reportData(data)}</script>\n<script>${REPORT_SCRIPT}</script>` : '';
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
<main>${rendered.map(({ html }) => html).join('\n')}</main>
<footer>${text.sentences([...periods.map((period) => text.views[period].formula), text.fileNote])}</footer>${script}
</body>
</html>
`;
}

/** The latest `now` whose Beijing date a Date can hold: its range ends at 8.64e15 ms, and Beijing is 8 hours ahead. */
const LATEST_NOW = 8.64e15 - 8 * 3_600_000;

function checkOptions({ now, lang = 'zh', source = 'wechat', title, appid }: ReportOptions): void {
  if (typeof now !== 'number' || !Number.isFinite(now) || Math.abs(now) > LATEST_NOW) {
    throw new ConfigError(`renderReport: now must be a time in epoch milliseconds, such as Date.now() (got ${String(now)})`);
  }
  if (!REPORT_LANGS.includes(lang)) throw new ConfigError(`renderReport: lang must be ${REPORT_LANGS.join(' or ')} (got ${JSON.stringify(lang)})`);
  if (source !== 'wechat' && source !== 'emulator') throw new ConfigError(`renderReport: source must be wechat or emulator (got ${JSON.stringify(source)})`);
  for (const [name, value] of Object.entries({ title, appid })) {
    if (value !== undefined && typeof value !== 'string') throw new ConfigError(`renderReport: ${name} must be a string`);
  }
}
