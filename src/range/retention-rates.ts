import { type DailyRetainData, type DailyRetainResult, isDailyRetainDay, type RetainEntry } from '../daily-retain/response';
import { isDayFinal, isKeyFinal } from './day-completeness';
import { RETAIN_KEYS, type RetainKey } from './retain-keys';

/**
 * - `final`: the key's day has passed and WeChat answered a value.
 * - `pending`: the key's day has not passed yet; any value is provisional.
 * - `missing`: the key's day has passed but the answer holds no value for it.
 */
export type CellState = 'final' | 'pending' | 'missing';

export interface RetentionCell {
  key: RetainKey;
  /** Users counted at this key, as WeChat answered; null when the answer has none. */
  users: number | null;
  /** `users` / cohort size; null when either is unknown or the cohort is empty. */
  rate: number | null;
  state: CellState;
}

/** One cohort (the new or the active users of a day) across the documented keys. */
export interface CohortRetention {
  /** Users at key 0; null when WeChat gave no key 0. */
  size: number | null;
  /** One cell per key of `RETAIN_KEYS`, in that order. */
  cells: RetentionCell[];
}

/** One day ready for a table, a CSV row or a chart. */
export interface DayRetention {
  refDate: string;
  /** Every key is final (ref_date + 30 has passed). */
  final: boolean;
  newUsers: CohortRetention;
  activeUsers: CohortRetention;
}

/**
 * Value at `key` / value at key 0. Null, never NaN or Infinity, when key 0 is missing or 0
 * (a day without new users has no retention, not 0 % of it) or `key` is missing.
 */
export function retentionRate(entries: readonly RetainEntry[], key: number): number | null {
  const size = valueAt(entries, 0);
  const users = valueAt(entries, key);
  return size && users !== null ? users / size : null;
}

/** Counts, rates and completeness of one day at `now` (epoch ms). */
export function dayRetention(day: DailyRetainData, now: number): DayRetention {
  const cohort = (entries: readonly RetainEntry[]): CohortRetention => ({
    size: valueAt(entries, 0),
    cells: RETAIN_KEYS.map((key) => {
      const users = valueAt(entries, key);
      const state = !isKeyFinal(day.refDate, key, now) ? 'pending' : users === null ? 'missing' : 'final';
      return { key, users, rate: retentionRate(entries, key), state };
    }),
  });
  return {
    refDate: day.refDate,
    final: isDayFinal(day.refDate, now),
    newUsers: cohort(day.visitUvNew),
    activeUsers: cohort(day.visitUv),
  };
}

/**
 * `dayRetention` for each day in the documented shape, oldest first, whatever order the
 * days came in. The CSV, the table and the report read days through here, so a day of
 * another shape (a record holding only a refDate) never reaches them, whoever built the list.
 * A range never lists such a day, nor one whose counts are not counts (usable-period.ts); for
 * days passed in directly, the report flags a count that is not one, and the CSV and the
 * table print it as given.
 */
export function retentionRows(days: readonly DailyRetainData[], now: number): DayRetention[] {
  return days
    // The same guard the library exports for a single day's result.
    .filter((day) => isDailyRetainDay(day as unknown as DailyRetainResult))
    .sort((a, b) => a.refDate.localeCompare(b.refDate))
    .map((day) => dayRetention(day, now));
}

/** The cell of `cohort` at `key` (every documented key has one). */
export function cellAt(cohort: CohortRetention, key: RetainKey): RetentionCell {
  return cohort.cells.find((cell) => cell.key === key) as RetentionCell;
}

function valueAt(entries: readonly RetainEntry[], key: number): number | null {
  const value = entries.find((entry) => entry.key === key)?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
