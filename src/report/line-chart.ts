import { beijingMidnight } from '../beijing-date';
import { displayDate, displayPercent } from '../range/display';
import type { RetainKey } from '../range/retain-keys';
import { cellAt, type DayRetention } from '../range/retention-rates';
import type { CohortView } from './cohort-labels';
import { escapeHtml } from './escape-html';

/** The lines drawn, with colours that stay apart for colour-blind readers too. */
export const CHART_SERIES: readonly { key: RetainKey; colour: string }[] = [
  { key: 1, colour: '#2563eb' },
  { key: 7, colour: '#ea580c' },
  { key: 30, colour: '#0d9488' },
];

/** The viewBox; the SVG scales to its container's width. */
const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 44;
const RIGHT = WIDTH - 16;
const TOP = 12;
const BOTTOM = HEIGHT - 28;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Point {
  day: string;
  rate: number | null;
}

/**
 * Day-1, day-7 and day-30 retention of one cohort over time, as inline SVG. Only final
 * cells are drawn: a line stops where its key has not passed yet, and breaks over days
 * without users rather than dropping to 0.
 */
export function renderLineChart(rows: readonly DayRetention[], cohort: CohortView): string {
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return '';
  const start = beijingMidnight(first.refDate);
  const span = beijingMidnight(last.refDate) - start;
  const x = (day: string) => LEFT + (span ? (beijingMidnight(day) - start) / span : 0.5) * (RIGHT - LEFT);
  const series = CHART_SERIES.map(({ key }) =>
    rows.map((day): Point => {
      const cell = cellAt(cohort.pick(day), key);
      return { day: day.refDate, rate: cell.state === 'final' ? cell.rate : null };
    }),
  );
  const { top, step } = yScale(Math.max(0, ...series.flat().map((point) => point.rate ?? 0)));
  const y = (rate: number) => TOP + (1 - rate / top) * (BOTTOM - TOP);
  const lines = CHART_SERIES.map(({ key, colour }, i) => {
    const points = (series[i] ?? []).filter((point): point is Point & { rate: number } => point.rate !== null);
    const dots = points.map((point) => {
      const title = `${displayDate(point.day)}: day-${key} retention ${displayPercent(point.rate)}`;
      return `<circle cx="${fixed(x(point.day))}" cy="${fixed(y(point.rate))}" r="2.5"><title>${escapeHtml(title)}</title></circle>`;
    });
    return `<g class="series" data-key="${key}" stroke="${colour}" fill="${colour}">
<path fill="none" stroke-width="2" d="${path(series[i] ?? [], x, y)}"/>${dots.join('')}</g>`;
  });
  const label = `${cohort.title}: day-1, day-7 and day-30 retention over time`;
  return `<svg class="chart" data-cohort="${cohort.id}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}">
${yAxis(top, step, y)}
${xAxis(rows, x)}
${lines.join('\n')}
</svg>`;
}

/** An SVG path through the points, lifting the pen over gaps. */
function path(points: Point[], x: (day: string) => number, y: (rate: number) => number): string {
  let pen = 'M';
  const parts: string[] = [];
  for (const { day, rate } of points) {
    if (rate === null) {
      pen = 'M';
      continue;
    }
    parts.push(`${pen}${fixed(x(day))} ${fixed(y(rate))}`);
    pen = 'L';
  }
  return parts.join(' ');
}

function yAxis(top: number, step: number, y: (rate: number) => number): string {
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => {
    const at = fixed(y(i * step));
    return `<line class="grid" x1="${LEFT}" x2="${RIGHT}" y1="${at}" y2="${at}"/>
<text class="tick" x="${LEFT - 6}" y="${at}" text-anchor="end" dominant-baseline="middle">${displayPercent(i * step, 0)}</text>`;
  });
  return `<g class="axis y-axis">${ticks.join('')}</g>`;
}

/** About seven date labels, whatever the length of the range. */
function xAxis(rows: readonly DayRetention[], x: (day: string) => number): string {
  const every = Math.ceil(rows.length / 7);
  const ticks = rows
    .filter((_, i) => i % every === 0)
    .map(({ refDate }) => {
      const at = fixed(x(refDate));
      const label = `${MONTHS[Number(refDate.slice(4, 6)) - 1] ?? ''} ${Number(refDate.slice(6, 8))}`;
      return `<line class="tick-mark" x1="${at}" x2="${at}" y1="${BOTTOM}" y2="${BOTTOM + 4}"/>
<text class="tick" x="${at}" y="${HEIGHT - 8}" text-anchor="middle">${escapeHtml(label)}</text>`;
    });
  return `<g class="axis x-axis"><line class="baseline" x1="${LEFT}" x2="${RIGHT}" y1="${BOTTOM}" y2="${BOTTOM}"/>${ticks.join('')}</g>`;
}

/** A round tick step giving at most 6 gridlines, and the first tick at or above `max`. */
function yScale(max: number): { top: number; step: number } {
  const step = max <= 0.1 ? 0.02 : max <= 0.25 ? 0.05 : max <= 0.6 ? 0.1 : 0.2;
  return { top: Math.max(step, Math.ceil(max / step - 1e-9) * step), step };
}

function fixed(n: number): string {
  return n.toFixed(1);
}
