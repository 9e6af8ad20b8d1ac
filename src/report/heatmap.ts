import { keyFinalFrom } from '../period/period-completeness';
import { PERIODS } from '../period/periods';
import { displayCount, displayDate, displayKey, displayPercent } from '../range/display';
import type { PeriodRetention, RetentionCell } from '../range/retention-rates';
import type { CohortView } from './cohort-labels';
import { escapeHtml } from './escape-html';
import { weekday } from './period-axis';
import { checkCounts, isCount } from './rate-check';
import { shadeStep } from './rate-colour';
import type { ReportText, ViewText } from './report-text';

/**
 * A cohort table: a row per day, week or month; key 0 holds the cohort's users, the later keys
 * the share of them who came back, coloured on the scale of rate-colour.ts (the same scale in
 * every view). Cells carry only a class and, for rates, the returning users (`data-n`): the
 * page script builds a cell's tooltip from its row and column, which keeps a 366-day report
 * small. Class names: `s0`…`s31` shades, `n` the key-0 count, `p` not final yet (`data-f`:
 * the day it is complete from), `x` no users then, `na` no number from WeChat, `over` above
 * 100 %, `bad` not a count; `we` shades a weekend's date.
 */
export function renderHeatmap(rows: readonly PeriodRetention[], cohort: CohortView, text: ReportText, words: ViewText): string {
  const period = rows[0]?.period ?? 'day';
  const head = PERIODS[period].keys.map((key) => `<th scope="col">${displayKey(period, key)}</th>`).join('');
  const body = rows.map((row) => {
    const { size, cells } = cohort.pick(row);
    const tds = cells.map((cell) => (cell.key === 0 ? sizeCell(size, text) : rateCell(row, size, cell, text)));
    const weekend = period === 'day' && [0, 6].includes(weekday(row.firstDay)) ? ' class="we"' : '';
    return `<tr data-date="${row.refDate}"><th${weekend}>${rowLabel(row)}</th>${tds.join('')}</tr>`;
  });
  return `<table class="heatmap" data-cohort="${cohort.id}" data-title="${escapeHtml(text.cohorts[cohort.id].retention)}">
<thead><tr><th scope="col">${words.column}</th>${head}</tr></thead>
<tbody>${body.join('\n')}</tbody>
</table>`;
}

/** A row's heading: `2024-01-05`; a week's Monday over its Sunday (`2024-01-01` / `–01-07`); `2024-01`. */
export function rowLabel(row: PeriodRetention): string {
  if (row.period === 'month') return `${row.firstDay.slice(0, 4)}-${row.firstDay.slice(4, 6)}`;
  if (row.period === 'week') return `${displayDate(row.firstDay)}<span class="to">–${displayDate(PERIODS.week.end(row.firstDay)).slice(5)}</span>`;
  return displayDate(row.firstDay);
}

function sizeCell(size: number | null, text: ReportText): string {
  if (size === null) return `<td class="na">${text.heatmap.missingText}</td>`;
  if (!isCount(size)) return `<td class="bad">${text.heatmap.invalidText}</td>`;
  return `<td class="n">${displayCount(size)}</td>`;
}

function rateCell(row: PeriodRetention, size: number | null, cell: RetentionCell, text: ReportText): string {
  if (cell.state === 'pending') return `<td class="p" data-f="${displayDate(keyFinalFrom(PERIODS[row.period], row.firstDay, cell.key))}"></td>`;
  if (size === 0 && !cell.users) return '<td class="x">–</td>';
  if (cell.users === null || size === null) return `<td class="na">${text.heatmap.missingText}</td>`;
  const verdict = checkCounts(cell.users, size);
  if (verdict === 'invalid') return `<td class="bad">${text.heatmap.invalidText}</td>`;
  const users = displayCount(cell.users);
  if (verdict === 'over') return `<td class="over" data-n="${users}">&gt;100%</td>`;
  const rate = cell.users / size;
  return `<td class="s${shadeStep(rate)}" data-n="${users}">${displayPercent(rate)}</td>`;
}
