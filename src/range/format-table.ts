import type { RetainData } from '../daily-retain/response';
import type { PeriodId } from '../period/period';
import { PERIODS } from '../period/periods';
import { displayCount, displayKey, displayPercent, displayRefDate } from './display';
import { returnKeys } from './retain-keys';
import { type CohortRetention, type PeriodRetention, type RetentionCell, retentionRows } from './retention-rates';

const PENDING = '…';
const NONE = '-';

/** The first column's heading, and what "no users" is of, per period. */
const WORDS: Readonly<Record<PeriodId, { column: string; noUsers: string }>> = {
  day: { column: 'Date', noUsers: 'that day' },
  week: { column: 'Week', noUsers: 'that week' },
  month: { column: 'Month', noUsers: 'that month' },
};

/**
 * Retention rates as plain aligned text for a terminal: one block for new users, one for
 * active users, a row per day, week or month (`period`, days by default; oldest first), a
 * column per key (D1…D30, W1…W4, M1). Rates only: counts are in the CSV, and both groups
 * side by side would not fit 80 columns.
 */
export function formatTable(items: readonly RetainData[], { now, period = 'day' }: { now: number; period?: PeriodId }): string {
  const rows = retentionRows(items, now, period);
  return [
    block('New users', period, rows, (row) => row.newUsers),
    block('Active users', period, rows, (row) => row.activeUsers),
    `${PENDING} not final yet   ${NONE} no data (or no users ${WORDS[period].noUsers})\n`,
  ].join('\n');
}

function block(title: string, period: PeriodId, rows: PeriodRetention[], cohort: (row: PeriodRetention) => CohortRetention): string {
  const header = [WORDS[period].column, 'Users', ...returnKeys(PERIODS[period]).map((key) => displayKey(period, key))];
  const body = rows.map((row) => {
    const { size, cells } = cohort(row);
    return [displayRefDate(row.refDate), size === null ? NONE : displayCount(size), ...cells.slice(1).map(rateText)];
  });
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((row) => (row[column] ?? '').length)));
  // The date column reads left to right; numbers line up on their last digit.
  const line = (row: string[]) =>
    row.map((text, column) => (column === 0 ? text.padEnd(widths[0] ?? 0) : text.padStart(widths[column] ?? 0))).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return `${[title, line(header), rule, ...body.map(line)].join('\n')}\n`;
}

function rateText(cell: RetentionCell): string {
  if (cell.state === 'pending') return PENDING;
  return cell.rate === null ? NONE : displayPercent(cell.rate);
}
