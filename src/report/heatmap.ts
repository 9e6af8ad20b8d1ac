import { keyFinalFrom } from '../range/day-completeness';
import { displayCount, displayDate, displayPercent } from '../range/display';
import { RETAIN_KEYS } from '../range/retain-keys';
import type { DayRetention, RetentionCell } from '../range/retention-rates';
import type { CohortView } from './cohort-labels';
import { escapeHtml } from './escape-html';
import { rateColour } from './rate-colour';

/**
 * A cohort table: a row per day, a column per key, each cell coloured by its retention rate.
 * The exact numbers are in each cell's `title`, which browsers show on hover.
 */
export function renderHeatmap(rows: readonly DayRetention[], cohort: CohortView): string {
  const head = RETAIN_KEYS.map((key) => `<th scope="col" title="Day ${key}">D${key}</th>`).join('');
  const body = rows.map((day) => {
    const { size, cells } = cohort.pick(day);
    const label = displayDate(day.refDate);
    const sizeText = size === null ? '–' : displayCount(size);
    const tds = cells.map((cell) => renderCell(day.refDate, size, cell, cohort)).join('');
    return `<tr data-date="${escapeHtml(day.refDate)}"><th scope="row">${escapeHtml(label)}</th>
<td class="size">${sizeText}</td>${tds}</tr>`;
  });
  return `<table class="heatmap" data-cohort="${cohort.id}">
<thead><tr><th scope="col">Date</th><th scope="col">Users</th>${head}</tr></thead>
<tbody>${body.join('\n')}</tbody>
</table>`;
}

function renderCell(refDate: string, size: number | null, cell: RetentionCell, cohort: CohortView): string {
  const where = `${displayDate(refDate)}, day ${cell.key}`;
  const td = (state: string, title: string, text = '', style = '') =>
    `<td class="cell ${state}" data-key="${cell.key}"${style} title="${escapeHtml(title)}">${text}</td>`;
  if (cell.state === 'pending') {
    return td('pending', `${where}: not final yet (complete from ${displayDate(keyFinalFrom(refDate, cell.key))})`);
  }
  if (size === 0) return td('empty', `${where}: no ${cohort.noun} that day`, '–');
  if (cell.rate === null || cell.users === null || size === null) return td('missing', `${where}: WeChat returned no number`, 'n/a');
  const { background, text } = rateColour(cell.rate);
  const title = `${where}: ${displayPercent(cell.rate)} (${displayCount(cell.users)} of ${displayCount(size)} ${cohort.noun})`;
  const percent = cell.rate >= 1 ? '100%' : displayPercent(cell.rate);
  return td('final', title, percent, ` style="background:${background};color:${text}"`);
}
