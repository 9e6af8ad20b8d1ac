import { displayPercent } from '../range/display';
import type { CohortView } from './cohort-labels';
import { escapeHtml } from './escape-html';
import { fixed, PLOT_SIZE, type PeriodAxis } from './period-axis';
import type { ReportText, ViewText } from './report-text';
import type { TrendLine, TrendPoint, TrendSeries } from './trend-series';

/** Past about four months, daily lines and weekend bands turn into texture: they fade back. */
const DENSE_DAYS = 120;

export interface ChartFrame {
  axis: PeriodAxis;
  /** The weekend bands: days only. */
  weekends?: string;
  ticks: { x: number; label: string }[];
  lines: readonly TrendLine[];
}

/**
 * Retention over time as a plot whose SVG stretches to its box (`preserveAspectRatio="none"`,
 * strokes that do not scale) under axis labels in HTML. An SVG scaled to a phone's width
 * shrinks its text with it (11 px labels rendered at 5 px at 390 px); HTML labels keep their
 * size at every width. For days, thin lines are daily rates and thick ones 7-day averages,
 * weekends shaded; for weeks and months, one thick line per key with a dot on each period,
 * so that a lone final month still shows. A flagged point (above 100 %, or not a count) is a
 * red dot on the top edge and never moves the axis. The page script shows a period's values
 * on tap or hover.
 */
export function renderLineChart(series: readonly TrendSeries[], cohort: CohortView, frame: ChartFrame, text: ReportText, words: ViewText): string {
  const { axis } = frame;
  const rates = series.flatMap((s) => [...s.points, ...(s.average ?? [])]).flatMap((point) => (point.rate === null ? [] : [point.rate]));
  const { top, step } = yScale(Math.max(0, ...rates));
  const y = (rate: number) => Math.round((1 - rate / top) * PLOT_SIZE);
  const lines = series.map(({ key, points, average }) => {
    const colour = frame.lines.find((line) => line.key === key)?.colour ?? '#000';
    const paths = average
      ? `<path class="daily" d="${path(points, axis, y)}"/><path class="avg" d="${path(average, axis, y)}"/>`
      : `<path class="own" d="${path(points, axis, y)}"/><path class="dots" d="${dots(points, axis, y)}"/>`;
    return `<g class="series" data-key="${key}" stroke="${colour}">${paths}</g>`;
  });
  const flags = series.flatMap(({ points }) => points.flatMap((point, i) => (point.check === 'ok' ? [] : [`M${fixed(axis.xs[i] ?? 0)} 0h0`])));
  const grid = Array.from({ length: Math.round(top / step) }, (_, i) => `M0 ${y((i + 1) * step)}H${PLOT_SIZE}`).join('');
  const yLabels = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => `<span style="top:${fixed((y(i * step) / PLOT_SIZE) * 100)}%">${displayPercent(i * step, 0)}</span>`);
  const xLabels = frame.ticks.map(({ x, label }) => {
    const at = (x / PLOT_SIZE) * 100;
    const edge = at < 6 ? ' class="start"' : at > 94 ? ' class="end"' : '';
    return `<span${edge} style="left:${fixed(at)}%">${escapeHtml(label)}</span>`;
  });
  const title = text.cohorts[cohort.id].retention;
  const weekends = frame.weekends === undefined ? '' : `<path class="weekend" d="${frame.weekends}"/>`;
  return `<figure class="chart" data-cohort="${cohort.id}"><figcaption>${title}</figcaption>
<div class="plot${axis.xs.length > DENSE_DAYS ? ' dense' : ''}" data-cohort="${cohort.id}" data-title="${escapeHtml(title)}" role="img" aria-label="${escapeHtml(words.chartLabel(title))}">
<svg viewBox="0 0 ${PLOT_SIZE} ${PLOT_SIZE}" preserveAspectRatio="none" aria-hidden="true">
${weekends}<path class="grid" d="${grid}"/>
${lines.join('\n')}
<path class="flag" d="${flags.join('')}"/>
</svg>
<div class="y-ticks">${yLabels.join('')}</div><div class="x-ticks">${xLabels.join('')}</div><div class="cursor" hidden></div>
</div></figure>`;
}

/** An SVG path through the points that have a rate, lifting the pen over the others. */
function path(points: readonly TrendPoint[], { xs }: PeriodAxis, y: (rate: number) => number): string {
  let pen = 'M';
  const parts: string[] = [];
  points.forEach(({ rate }, i) => {
    if (rate === null) {
      pen = 'M';
      return;
    }
    parts.push(`${pen}${fixed(xs[i] ?? 0)} ${y(rate)}`);
    pen = 'L';
  });
  return parts.join('');
}

/** A zero-length segment at each point with a rate: a round cap draws it as a dot at any scale. */
function dots(points: readonly TrendPoint[], { xs }: PeriodAxis, y: (rate: number) => number): string {
  return points.flatMap(({ rate }, i) => (rate === null ? [] : [`M${fixed(xs[i] ?? 0)} ${y(rate)}h0`])).join('');
}

/**
 * A round step giving at most 5 gridlines above 0, and the first step at or above `max`.
 * `max` is at most 1 (flagged rates never reach here), so the axis has at most 6 labels.
 */
function yScale(max: number): { top: number; step: number } {
  const step = [0.01, 0.02, 0.05, 0.1, 0.2].find((candidate) => max <= candidate * 5 + 1e-9) ?? 0.2;
  return { top: Math.max(step, Math.ceil(max / step - 1e-9) * step), step };
}
