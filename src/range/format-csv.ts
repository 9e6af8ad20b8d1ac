import type { DailyRetainData } from '../daily-retain/response';
import { RETURN_KEYS } from './retain-keys';
import { cellAt, type CohortRetention, retentionRows } from './retention-rates';

/**
 * One header row, then one row per day, oldest first:
 * `ref_date,new_users,active_users`, then for each key k of 1–7, 14, 30:
 * `new_dk,new_dk_rate,active_dk,active_dk_rate`. Rates are fractions (0.2345), which a
 * spreadsheet can format as percentages. A cell whose day has not come yet says `pending`
 * (text, which a spreadsheet's SUM and AVERAGE skip), so a re-run later only ever fills
 * cells in; an empty cell is no data: WeChat gave no value, or the day had no users to
 * make a rate of.
 */
export function formatCsv(days: readonly DailyRetainData[], { now }: { now: number }): string {
  const header = ['ref_date', 'new_users', 'active_users'];
  for (const key of RETURN_KEYS) header.push(`new_d${key}`, `new_d${key}_rate`, `active_d${key}`, `active_d${key}_rate`);
  const rows = retentionRows(days, now).map((day) => {
    const row = [day.refDate, size(day.newUsers), size(day.activeUsers)];
    for (const key of RETURN_KEYS) row.push(...cells(day.newUsers, key), ...cells(day.activeUsers, key));
    return row;
  });
  // LF, not RFC 4180's CRLF: the CLI prints this for Unix tools; spreadsheets accept both.
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}

/** RFC 4180 quoting: only fields holding a comma, a quote or a line break need it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function size(cohort: CohortRetention): string {
  const first = cellAt(cohort, 0);
  return first.state === 'final' && first.users !== null ? String(first.users) : '';
}

/** What a cell whose key's day has not passed says, in counts and rates alike. */
export const CSV_PENDING = 'pending';

function cells(cohort: CohortRetention, key: (typeof RETURN_KEYS)[number]): [string, string] {
  const cell = cellAt(cohort, key);
  if (cell.state === 'pending') return [CSV_PENDING, CSV_PENDING];
  if (cell.state !== 'final') return ['', ''];
  return [String(cell.users), cell.rate === null ? '' : String(Number(cell.rate.toFixed(4)))];
}
