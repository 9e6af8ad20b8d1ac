import type { PeriodId } from '../period/period';
import { displayKey, displayPercent, displayRefDate } from '../range/display';
import type { PeriodRetention } from '../range/retention-rates';
import { fixed, type PeriodAxis, weekday } from './period-axis';
import type { TooltipWords, ReportText, ViewText } from './report-text';
import { TREND_LINES, type TrendPoint, type TrendSeries } from './trend-series';

/** What the page script needs of one view: its tooltip words, each row's label and x, each chart's values. */
export interface ViewData {
  w: TooltipWords;
  rows: string[];
  x: number[];
  charts: Record<string, { k: string; c: string | undefined; d: (string | null)[]; a?: (string | null)[] }[]>;
}

/**
 * One view's data, every value already formatted (so numbers are formatted in one place,
 * display.ts). A day's label carries its weekday; a week's is its Monday to its Sunday.
 */
export function viewData(rows: readonly PeriodRetention[], axis: PeriodAxis, charts: Record<string, readonly TrendSeries[]>, text: ReportText, words: ViewText): ViewData {
  const period: PeriodId = rows[0]?.period ?? 'day';
  const value = (point: TrendPoint) => {
    if (point.check === 'over') return '>100%';
    if (point.check === 'invalid') return text.heatmap.invalidText;
    return point.rate === null ? null : displayPercent(point.rate);
  };
  const chartData = Object.fromEntries(
    Object.entries(charts).map(([cohort, series]) => [
      cohort,
      series.map(({ key, points, average }) => ({
        k: displayKey(period, key),
        c: TREND_LINES[period].find((line) => line.key === key)?.colour,
        d: points.map(value),
        ...(average ? { a: average.map(value) } : {}),
      })),
    ]),
  );
  return {
    w: { ...text.tooltip, empty: words.empty },
    rows: rows.map((row) => (period === 'day' ? `${displayRefDate(row.refDate)} ${text.weekdays[weekday(row.firstDay)]}` : displayRefDate(row.refDate))),
    x: axis.xs.map((x) => Number(fixed(x))),
    charts: chartData,
  };
}

/**
 * The data of every view as JSON for `<script type="application/json">`, keyed by view.
 * `<` is escaped, so no value can close the element.
 */
export function reportData(views: Partial<Record<PeriodId, ViewData>>): string {
  return JSON.stringify({ views }).replace(/</g, '\\u003c');
}
