import { keyFinalFrom } from '../range/day-completeness';
import { displayCount, displayDate, displayPercent } from '../range/display';
import { RETAIN_KEYS } from '../range/retain-keys';
import type { DayRetention, RetentionCell } from '../range/retention-rates';
import type { CohortView } from './cohort-labels';
import { weekday } from './day-axis';
import { escapeHtml } from './escape-html';
import { checkCounts, isCount } from './rate-check';
import { shadeStep } from './rate-colour';
import type { ReportText } from './report-text';

/**
 * A cohort table: a row per day; D0 holds the day's users, D1…D30 the share of them who came
 * back, coloured on the scale of rate-colour.ts. Cells carry only a class and, for rates, the
 * returning users (`data-n`): the page script builds a cell's tooltip from its row and column,
 * which keeps a 366-day report small. Class names: `s0`…`s31` shades, `n` the D0 count,
 * `p` not final yet (`data-f`: the day it is complete from), `x` no users that day, `na` no
 * number from WeChat, `over` above 100 %, `bad` not a count; `we` shades a weekend's date.
 */
export function renderHeatmap(rows: readonly DayRetention[], cohort: CohortView, text: ReportText): string {
  const head = RETAIN_KEYS.map((key) => `<th scope="col">D${key}</th>`).join('');
  const body = rows.map((day) => {
    const { size, cells } = cohort.pick(day);
    const tds = cells.map((cell) => (cell.key === 0 ? sizeCell(size, text) : rateCell(day.refDate, size, cell, text)));
    const weekend = [0, 6].includes(weekday(day.refDate)) ? ' class="we"' : '';
    return `<tr data-date="${day.refDate}"><th${weekend}>${displayDate(day.refDate)}</th>${tds.join('')}</tr>`;
  });
  return `<table class="heatmap" data-cohort="${cohort.id}" data-title="${escapeHtml(text.cohorts[cohort.id].retention)}">
<thead><tr><th scope="col">${text.heatmap.date}</th>${head}</tr></thead>
<tbody>${body.join('\n')}</tbody>
</table>`;
}

function sizeCell(size: number | null, text: ReportText): string {
  if (size === null) return `<td class="na">${text.heatmap.missingText}</td>`;
  if (!isCount(size)) return `<td class="bad">${text.heatmap.invalidText}</td>`;
  return `<td class="n">${displayCount(size)}</td>`;
}

function rateCell(refDate: string, size: number | null, cell: RetentionCell, text: ReportText): string {
  if (cell.state === 'pending') return `<td class="p" data-f="${displayDate(keyFinalFrom(refDate, cell.key))}"></td>`;
  if (size === 0 && !cell.users) return '<td class="x">–</td>';
  if (cell.users === null || size === null) return `<td class="na">${text.heatmap.missingText}</td>`;
  const verdict = checkCounts(cell.users, size);
  if (verdict === 'invalid') return `<td class="bad">${text.heatmap.invalidText}</td>`;
  const users = displayCount(cell.users);
  if (verdict === 'over') return `<td class="over" data-n="${users}">&gt;100%</td>`;
  const rate = cell.users / size;
  return `<td class="s${shadeStep(rate)}" data-n="${users}">${displayPercent(rate)}</td>`;
}
