import { CHART_SERIES } from './line-chart';
import { rateShade } from './rate-colour';

/** Which line is which key. */
export function chartLegend(): string {
  const items = CHART_SERIES.map(
    ({ key, colour }) =>
      `<span class="legend-item" data-key="${key}"><span class="swatch line" style="background:${colour}"></span>Day ${key}</span>`,
  );
  return `<div class="legend chart-legend">${items.join('')}</div>`;
}

/** The colour scale, with ticks where the square-root scale puts them, and the cell marks. */
export function heatmapLegend(): string {
  const ticks = [0, 0.05, 0.25, 0.5, 1].map(
    (rate) => `<span style="left:${(rateShade(rate) * 100).toFixed(1)}%">${rate * 100}%</span>`,
  );
  return `<div class="legend heatmap-legend">
<span class="legend-item scale"><span class="scale-bar"></span><span class="scale-ticks">${ticks.join('')}</span></span>
<span class="legend-item"><span class="swatch pending"></span>Not final yet</span>
<span class="legend-item"><span class="swatch" style="background:#f8fafc"></span>n/a: no number from WeChat · –: no users that day</span>
</div>`;
}
