import type { DailyRetainData } from '../daily-retain/response';
import { displayDate } from '../range/display';
import { type DayRetention, retentionRows } from '../range/retention-rates';
import { COHORTS } from './cohort-labels';
import { escapeHtml } from './escape-html';
import { renderHeatmap } from './heatmap';
import { renderLineChart } from './line-chart';
import { renderNumbersTable } from './numbers-table';
import { chartLegend, heatmapLegend } from './report-legends';
import { REPORT_STYLE } from './report-style';
import { renderSummary } from './summary';

export interface ReportOptions {
  /** The instant the report describes (epoch ms): it decides which cells are final. */
  now: number;
  /** @default 'Daily retention' */
  title?: string;
}

/**
 * The retention of `days` as one self-contained HTML page: inline CSS and SVG, no script,
 * no external resource, so it opens offline and can be mailed as it is. Cells whose day
 * has not passed yet (Beijing time) are hatched.
 */
export function renderReport(days: readonly DailyRetainData[], options: ReportOptions): string {
  const { now, title = 'Daily retention' } = options;
  const rows = retentionRows(days, now);
  const generated = new Date(now + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(describeRange(rows))} · generated ${generated} Beijing time</p></header>
${rows.length === 0 ? '<p class="card">There are no days in this report.</p>' : sections(rows)}
<footer>Day k counts the users of a date who came back k days later; its rate divides by the users of day 0.
A cell is final once day k has ended in Beijing time. Data: WeChat getDailyRetain.</footer>
</main>
</body>
</html>
`;
}

function describeRange(rows: readonly DayRetention[]): string {
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return 'No days';
  return `${displayDate(first.refDate)} – ${displayDate(last.refDate)} · ${rows.length} ${rows.length === 1 ? 'day' : 'days'}`;
}

function sections(rows: readonly DayRetention[]): string {
  const charts = COHORTS.map((cohort) => `<div class="card"><h2>${cohort.title}</h2>${renderLineChart(rows, cohort)}</div>`);
  const heatmaps = COHORTS.map(
    (cohort) => `<div class="card"><h2>${cohort.title}</h2>
<p class="hint">Share of each date's ${cohort.noun} who came back.</p>
<div class="scroll">${renderHeatmap(rows, cohort)}</div></div>`,
  );
  return `${renderSummary(rows)}
<section class="retention-over-time"><h2>Retention over time</h2>
<p class="hint">Day-1, day-7 and day-30 retention by date. Lines end where the day has not passed yet.</p>
${chartLegend()}
<div class="grid">${charts.join('\n')}</div></section>
<section class="cohorts"><h2>Cohorts</h2>
<p class="hint">Each row is a date; D<i>k</i> is the share of that date's users who came back <i>k</i> days later.
Hover over a cell for its numbers.</p>
${heatmapLegend()}
<div class="grid">${heatmaps.join('\n')}</div></section>
<section class="all-numbers"><h2>All numbers</h2>
<p class="hint">Users counted on day 0 and users who came back on day k, as WeChat reports them.</p>
<div class="card scroll">${renderNumbersTable(rows)}</div></section>`;
}
