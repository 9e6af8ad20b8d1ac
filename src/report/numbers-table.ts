import { displayCount, displayDate } from '../range/display';
import { RETAIN_KEYS } from '../range/retain-keys';
import type { DayRetention, RetentionCell } from '../range/retention-rates';
import { COHORTS } from './cohort-labels';
import { escapeHtml } from './escape-html';

/** Every count as WeChat answered it, a row per day; cells not final yet are marked. */
export function renderNumbersTable(rows: readonly DayRetention[]): string {
  const groups = COHORTS.map((cohort) => `<th scope="colgroup" colspan="${RETAIN_KEYS.length}">${cohort.title}</th>`);
  const keys = COHORTS.flatMap(() => RETAIN_KEYS.map((key) => (key === 0 ? '<th scope="col">Users</th>' : `<th scope="col" title="Day ${key}">D${key}</th>`)));
  const body = rows.map((day) => {
    const cells = COHORTS.flatMap((cohort) => cohort.pick(day).cells.map(numberCell));
    return `<tr data-date="${escapeHtml(day.refDate)}"><th scope="row">${escapeHtml(displayDate(day.refDate))}</th>${cells.join('')}</tr>`;
  });
  return `<table class="numbers">
<thead><tr><th rowspan="2" scope="col">Date</th>${groups.join('')}</tr><tr>${keys.join('')}</tr></thead>
<tbody>${body.join('\n')}</tbody>
</table>`;
}

function numberCell(cell: RetentionCell, index: number): string {
  const start = index === 0 ? ' group-start' : '';
  if (cell.state === 'pending') {
    const text = cell.users === null ? '' : displayCount(cell.users);
    return `<td class="pending${start}" title="Not final yet">${text}</td>`;
  }
  return `<td class="${cell.state}${start}">${cell.users === null ? 'n/a' : displayCount(cell.users)}</td>`;
}
