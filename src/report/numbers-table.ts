import { PERIODS } from '../period/periods';
import { displayCount, displayKey } from '../range/display';
import type { PeriodRetention, RetentionCell } from '../range/retention-rates';
import { COHORTS } from './cohort-labels';
import { rowLabel } from './heatmap';
import type { ReportText, ViewText } from './report-text';

/**
 * Every count as WeChat answered it, a row per day, week or month. Classes: `g` starts a
 * cohort's columns, `p` not final yet, `na` no number (–).
 */
export function renderNumbersTable(rows: readonly PeriodRetention[], text: ReportText, words: ViewText): string {
  const period = rows[0]?.period ?? 'day';
  const { keys } = PERIODS[period];
  const groups = COHORTS.map((cohort) => `<th scope="colgroup" colspan="${keys.length}">${text.cohorts[cohort.id].title}</th>`);
  const heads = COHORTS.flatMap(() => keys.map((key) => `<th scope="col"${key === 0 ? ' class="g"' : ''}>${displayKey(period, key)}</th>`));
  const body = rows.map((row) => {
    const cells = COHORTS.flatMap((cohort) => cohort.pick(row).cells.map(numberCell));
    return `<tr data-date="${row.refDate}"><th>${rowLabel(row)}</th>${cells.join('')}</tr>`;
  });
  return `<table class="numbers">
<thead><tr><th rowspan="2" scope="col">${words.column}</th>${groups.join('')}</tr><tr>${heads.join('')}</tr></thead>
<tbody>${body.join('\n')}</tbody>
</table>`;
}

function numberCell(cell: RetentionCell, index: number): string {
  const classes = [index === 0 ? 'g' : '', cell.state === 'pending' ? 'p' : cell.state === 'missing' ? 'na' : ''].filter(Boolean);
  const attribute = classes.length ? ` class="${classes.join(' ')}"` : '';
  const value = cell.users === null ? (cell.state === 'missing' ? '–' : '') : displayCount(cell.users);
  return `<td${attribute}>${value}</td>`;
}
