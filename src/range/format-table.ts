import type { DailyRetainData } from '../daily-retain/response';
import { displayCount, displayDate, displayPercent } from './display';
import { RETURN_KEYS } from './retain-keys';
import { type CohortRetention, type DayRetention, type RetentionCell, retentionRows } from './retention-rates';

const PENDING = '…';
const NONE = '-';

/**
 * Retention rates as plain aligned text for a terminal: one block for new users, one for
 * active users, a row per day (oldest first), a column per key. Rates only: counts are in
 * the CSV, and both groups side by side would not fit 80 columns.
 */
export function formatTable(days: readonly DailyRetainData[], { now }: { now: number }): string {
  const rows = retentionRows(days, now);
  return [
    block('New users', rows, (day) => day.newUsers),
    block('Active users', rows, (day) => day.activeUsers),
    `${PENDING} not final yet   ${NONE} no data (or no users that day)\n`,
  ].join('\n');
}

function block(title: string, rows: DayRetention[], cohort: (day: DayRetention) => CohortRetention): string {
  const header = ['Date', 'Users', ...RETURN_KEYS.map((key) => `D${key}`)];
  const body = rows.map((day) => {
    const { size, cells } = cohort(day);
    return [displayDate(day.refDate), size === null ? NONE : displayCount(size), ...cells.slice(1).map(rateText)];
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
