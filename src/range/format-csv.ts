import type { RetainData } from '../daily-retain/response';
import type { PeriodId } from '../period/period';
import { PERIODS } from '../period/periods';
import { returnKeys } from './retain-keys';
import { cellAt, type CohortRetention, retentionRows } from './retention-rates';

/** The letter of a period in the CSV's column names: `new_d7`, `new_w4`, `new_m1`. */
const COLUMN_LETTER: Readonly<Record<PeriodId, string>> = { day: 'd', week: 'w', month: 'm' };

/**
 * One header row, then one row per day, week or month (`period`, days by default), oldest
 * first: `ref_date,new_users,active_users`, then for each key k after 0 (days 1–7, 14, 30;
 * weeks 1–4; month 1) `new_<p>k,new_<p>k_rate,active_<p>k,active_<p>k_rate`, where <p> is
 * d, w or m. `ref_date` is WeChat's, as the JSON has it (`20261102`, `20261102-20261108`,
 * `202611`): each form has a fixed width and starts with its first day, so it sorts by date
 * as text, and a row joins the JSON's on it. Rates are fractions (0.2345), which a
 * spreadsheet can format as percentages. A cell whose period has not come yet says `pending`
 * (text, which a spreadsheet's SUM and AVERAGE skip), so a re-run later only ever fills
 * cells in; an empty cell is no data: WeChat gave no value, or the period had no users to
 * make a rate of.
 */
export function formatCsv(items: readonly RetainData[], { now, period = 'day' }: { now: number; period?: PeriodId }): string {
  const keys = returnKeys(PERIODS[period]);
  const letter = COLUMN_LETTER[period];
  const header = ['ref_date', 'new_users', 'active_users'];
  for (const key of keys) header.push(`new_${letter}${key}`, `new_${letter}${key}_rate`, `active_${letter}${key}`, `active_${letter}${key}_rate`);
  const rows = retentionRows(items, now, period).map((item) => {
    const row = [item.refDate, size(item.newUsers), size(item.activeUsers)];
    for (const key of keys) row.push(...cells(item.newUsers, key), ...cells(item.activeUsers, key));
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

/** What a cell whose key's period has not passed says, in counts and rates alike. */
export const CSV_PENDING = 'pending';

function cells(cohort: CohortRetention, key: number): [string, string] {
  const cell = cellAt(cohort, key);
  if (cell.state === 'pending') return [CSV_PENDING, CSV_PENDING];
  if (cell.state !== 'final') return ['', ''];
  return [String(cell.users), cell.rate === null ? '' : String(Number(cell.rate.toFixed(4)))];
}
