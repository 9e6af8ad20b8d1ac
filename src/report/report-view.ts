import type { PeriodId } from '../period/period';
import { displayDate, displayRefDate } from '../range/display';
import type { PeriodRetention } from '../range/retention-rates';
import { COHORTS } from './cohort-labels';
import { escapeHtml } from './escape-html';
import { renderHeatmap } from './heatmap';
import { renderLineChart } from './line-chart';
import { renderNumbersTable } from './numbers-table';
import { axisTicks, periodAxis, weekendPath } from './period-axis';
import { type ViewData, viewData } from './report-data';
import { chartLegend, heatmapLegend } from './report-legends';
import type { ReportText } from './report-text';
import { renderSummary } from './summary';
import { TREND_LINES, trendSeries } from './trend-series';

/** One view to draw: its rows, and what its range said about them. */
export interface ViewRows {
  period: PeriodId;
  rows: readonly PeriodRetention[];
  /** What the range covered, when a range result gave it. */
  span?: { beginDate: string; endDate: string };
  /** The ref_dates of the periods the range could not fetch. */
  missing: readonly string[];
}

/** At most this many missing periods are named; the count says how many there are. */
const NAMED_MISSING = 5;

/**
 * One view (days, weeks or months) as a section of the page: a sticky bar with the tabs to the
 * other views (when there are others) and links to this view's sections, then its summary
 * cards, glossary, trend charts, cohort heatmaps and every count. Every id starts with the
 * view's name (`week-cohorts-new`), so views never share one. `data` is what the page script
 * needs for its tooltips; none for a view without rows.
 */
export function renderView(view: ViewRows, tabs: readonly PeriodId[], text: ReportText): { html: string; data?: ViewData } {
  const { period, rows } = view;
  const words = text.views[period];
  const id = (name: string) => `${period}-${name}`;
  const tabLinks = tabs.map((tab) => `<a href="#view-${tab}" data-tab="${tab}"${tab === period ? ' aria-current="true"' : ''}>${text.views[tab].tab}</a>`);
  const sectionLinks: [string, string][] = rows.length
    ? [
        [id('summary'), text.nav.summary],
        [id('glossary'), text.nav.glossary],
        [id('trends'), text.nav.trends],
        ...COHORTS.map((cohort): [string, string] => [id(`cohorts-${cohort.id}`), text.cohorts[cohort.id].retention]),
        [id('numbers'), text.nav.numbers],
      ]
    : [];
  const nav =
    tabs.length > 1 || sectionLinks.length
      ? `<nav class="toc" aria-label="${text.nav.label}">${tabs.length > 1 ? `<span class="tabs" role="group" aria-label="${text.nav.views}">${tabLinks.join('')}</span>` : ''}${sectionLinks.map(([href, label]) => `<a href="#${href}">${label}</a>`).join('')}</nav>\n`
      : '';
  const note = viewNote(view, tabs.length > 1, text);
  const head = `<section class="view" id="view-${period}" data-view="${period}" aria-label="${words.tab}">\n${nav}<div class="view-body">${note}`;
  if (rows.length === 0) return { html: `${head}<p class="card">${words.noPeriods}</p></div></section>` };

  const axis = periodAxis(rows);
  const frame = { axis, weekends: period === 'day' ? weekendPath(rows, axis) : undefined, ticks: axisTicks(rows, axis, text), lines: TREND_LINES[period] };
  const series = Object.fromEntries(COHORTS.map((cohort) => [cohort.id, trendSeries(rows, cohort)]));
  const charts = COHORTS.map((cohort) => `<div class="card">${renderLineChart(series[cohort.id] ?? [], cohort, frame, text, words)}</div>`);
  // Only the days' heatmap is wider than a phone: the weeks' and months' fit it.
  const swipe = period === 'day' ? ` <span class="swipe">${text.heatmap.swipe}</span>` : '';
  const heatmaps = COHORTS.map(
    (cohort) => `<div class="card" id="${id(`cohorts-${cohort.id}`)}"><h3>${text.cohorts[cohort.id].retention}</h3>
<p class="hint">${words.cohortsHint(text.cohorts[cohort.id].title)}${swipe}</p>
<div class="table-scroll">${renderHeatmap(rows, cohort, text, words)}</div></div>`,
  );
  const glossary = words.glossary.map(([term, definition]) => `<div><dt>${term}</dt><dd>${definition}</dd></div>`);
  const html = `${head}<section id="${id('summary')}">${renderSummary(rows, text, words)}</section>
<section id="${id('glossary')}" class="card"><h2>${text.glossaryTitle}</h2><dl class="glossary">${glossary.join('')}</dl></section>
<section id="${id('trends')}"><h2>${text.trends.title}</h2>
<p class="hint">${words.trendsHint}</p>
${chartLegend(period, text)}
<div class="grid">${charts.join('\n')}</div></section>
<section id="${id('cohorts')}"><h2>${words.cohortsTitle}</h2>
${heatmapLegend(period, text, words)}
<div class="grid">${heatmaps.join('\n')}</div></section>
<section id="${id('numbers')}"><h2>${text.numbersTitle}</h2>
<p class="hint">${words.numbersHint}</p>
<div class="card"><div class="table-scroll">${renderNumbersTable(rows, text, words)}</div></div></section>
</div></section>`;
  return { html, data: viewData(rows, axis, series, text, words) };
}

/**
 * `2024-03-17 – 2024-06-14 · 90 天`: the span a view covers (its range's, or its rows') and how
 * many periods it shows.
 */
export function describeSpan(view: ViewRows, text: ReportText): string {
  const { period, rows } = view;
  const count = text.views[period].count(rows.length);
  const first = view.span?.beginDate ?? rows[0]?.firstDay;
  const last = view.span?.endDate ?? lastDay(rows.at(-1));
  if (first === undefined || last === undefined) return count;
  const show = (day: string) => (period === 'month' ? displayRefDate(day.slice(0, 6)) : displayDate(day));
  // One month reads `2026-11`, not `2026-11 – 2026-11`.
  const span = show(first) === show(last) ? show(first) : `${show(first)} – ${show(last)}`;
  return `${span} · ${count}`;
}

function lastDay(row: PeriodRetention | undefined): string | undefined {
  if (!row) return undefined;
  // The last day of a week is in its ref_date; a month's first day names the month, which is all a month's span shows.
  return row.period === 'week' ? row.refDate.slice(9) : row.firstDay;
}

/** What a reader should know before the numbers: the span (when there are tabs), widening, missing periods. */
function viewNote(view: ViewRows, withSpan: boolean, text: ReportText): string {
  const words = text.views[view.period];
  const named = view.missing.slice(0, NAMED_MISSING).map(displayRefDate);
  const list = `${text.list(named)}${view.missing.length > NAMED_MISSING ? '…' : ''}`;
  const parts = [
    withSpan ? `<strong>${escapeHtml(describeSpan(view, text))}</strong>` : '',
    words.widened,
    view.missing.length ? `<span class="missing">${escapeHtml(words.missing(view.missing.length, list))}</span>` : '',
  ].filter(Boolean);
  return parts.length ? `<p class="hint view-note">${parts.join(' ')}</p>\n` : '';
}
