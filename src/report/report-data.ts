import { displayDate, displayPercent } from '../range/display';
import type { DayRetention } from '../range/retention-rates';
import { type DayAxis, fixed, weekday } from './day-axis';
import type { ReportText } from './report-text';
import { TREND_KEYS, type TrendPoint, type TrendSeries } from './trend-series';

/**
 * What the page script needs, as JSON for `<script type="application/json">`: the tooltip
 * words, each row's label and x, and each chart's values already formatted (so numbers are
 * formatted in one place, display.ts). `<` is escaped, so no value can close the element.
 */
export function reportData(rows: readonly DayRetention[], axis: DayAxis, charts: Record<string, readonly TrendSeries[]>, text: ReportText): string {
  const value = (point: TrendPoint) => {
    if (point.check === 'over') return '>100%';
    if (point.check === 'invalid') return text.heatmap.invalidText;
    return point.rate === null ? null : displayPercent(point.rate);
  };
  const chartData = Object.fromEntries(
    Object.entries(charts).map(([cohort, series]) => [
      cohort,
      series.map(({ key, daily, average }) => ({
        k: `D${key}`,
        c: TREND_KEYS.find((line) => line.key === key)?.colour,
        d: daily.map(value),
        a: average.map(value),
      })),
    ]),
  );
  const data = {
    w: text.tooltip,
    days: rows.map((day) => `${displayDate(day.refDate)} ${text.tooltip.weekdays[weekday(day.refDate)]}`),
    x: axis.xs.map((x) => Number(fixed(x))),
    charts: chartData,
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
