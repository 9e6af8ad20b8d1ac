import { displayKey } from '../range/display';
import type { PeriodId } from '../period/period';
import { rateShade, SCALE_TOP } from './rate-colour';
import type { ReportText, ViewText } from './report-text';
import { TREND_LINES } from './trend-series';

/** Which line is which key, and for days: thin and thick, and the bands; what the red dots mean. */
export function chartLegend(period: PeriodId, text: ReportText): string {
  const keys = TREND_LINES[period].map(
    ({ key, colour }) =>
      `<span class="legend-item" data-key="${key}"><span class="swatch line" style="background:${colour}"></span>${displayKey(period, key)}</span>`,
  );
  const days =
    period === 'day'
      ? `<span class="legend-item"><span class="swatch line thin"></span>${text.trends.daily}</span>
<span class="legend-item"><span class="swatch line"></span>${text.trends.average}</span>
<span class="legend-item"><span class="swatch weekend"></span>${text.trends.weekend}</span>
`
      : '';
  return `<div class="legend chart-legend">${keys.join('')}
${days}<span class="legend-item"><span class="swatch dot"></span>${text.trends.flagged}</span>
</div>`;
}

/** The colour scale with its ticks where the square-root scale puts them, and the cell marks. */
export function heatmapLegend(period: PeriodId, text: ReportText, words: ViewText): string {
  const ticks = [0, 0.05, 0.1, 0.2, 0.4, SCALE_TOP].map((rate) => {
    const label = `${Math.round(rate * 100)}%${rate === SCALE_TOP ? '+' : ''}`;
    return `<span style="left:${(rateShade(rate) * 100).toFixed(1)}%">${label}</span>`;
  });
  const weekend = period === 'day' ? `<span class="legend-item"><span class="swatch weekend"></span>${text.heatmap.weekend}</span>\n` : '';
  return `<div class="legend heatmap-legend">
<span class="legend-item scale"><span class="scale-label">${text.heatmap.scale}</span><span class="scale-bar"></span><span class="scale-ticks">${ticks.join('')}</span></span>
<span class="legend-item"><span class="swatch pending"></span>${text.heatmap.pending}</span>
${weekend}<span class="legend-item">${text.heatmap.missing}</span>
<span class="legend-item">${words.emptyLegend}</span>
<span class="legend-item"><span class="swatch over"></span>${text.heatmap.flagged}</span>
</div>`;
}
