import { displayCount, displayDate } from '../range/display';
import { RETAIN_KEYS } from '../range/retain-keys';
import type { DayRetention, RetentionCell } from '../range/retention-rates';
import { COHORTS } from './cohort-labels';
import type { ReportText } from './report-text';

/**
 * Every count as WeChat answered it, a row per day. Classes: `g` starts a cohort's columns,
 * `p` not final yet, `na` no number (–).
 */
export function renderNumbersTable(rows: readonly DayRetention[], text: ReportText): string {
  const groups = COHORTS.map((cohort) => `<th scope="colgroup" colspan="${RETAIN_KEYS.length}">${text.cohorts[cohort.id].title}</th>`);
  const keys = COHORTS.flatMap(() => RETAIN_KEYS.map((key) => `<th scope="col"${key === 0 ? ' class="g"' : ''}>D${key}</th>`));
  const body = rows.map((day) => {
    const cells = COHORTS.flatMap((cohort) => cohort.pick(day).cells.map(numberCell));
    return `<tr data-date="${day.refDate}"><th>${displayDate(day.refDate)}</th>${cells.join('')}</tr>`;
  });
  return `<table class="numbers">
<thead><tr><th rowspan="2" scope="col">${text.numbers.date}</th>${groups.join('')}</tr><tr>${keys.join('')}</tr></thead>
<tbody>${body.join('\n')}</tbody>
</table>`;
}

function numberCell(cell: RetentionCell, index: number): string {
  const classes = [index === 0 ? 'g' : '', cell.state === 'pending' ? 'p' : cell.state === 'missing' ? 'na' : ''].filter(Boolean);
  const attribute = classes.length ? ` class="${classes.join(' ')}"` : '';
  const value = cell.users === null ? (cell.state === 'missing' ? '–' : '') : displayCount(cell.users);
  return `<td${attribute}>${value}</td>`;
}
