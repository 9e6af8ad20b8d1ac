import { type RetainData, type RetainEntry, isRetainData, type RetainResult } from '../daily-retain/response';
import { ErrorCode, ValidationError } from '../errors';
import { firstDayOf, type Period, type PeriodId } from '../period/period';
import { isKeyFinal, isPeriodFinal } from '../period/period-completeness';
import { PERIODS } from '../period/periods';

/**
 * - `final`: the key's period has passed and WeChat answered a value.
 * - `pending`: the key's period has not passed yet; any value is provisional.
 * - `missing`: the key's period has passed but the answer holds no value for it.
 */
export type CellState = 'final' | 'pending' | 'missing';

export interface RetentionCell {
  /** 0 is the period itself, k the k-th day, week or month after. */
  key: number;
  /** Users counted at this key, as WeChat answered; null when the answer has none. */
  users: number | null;
  /** `users` / cohort size; null when either is unknown or the cohort is empty. */
  rate: number | null;
  state: CellState;
}

/** One cohort (the new or the active users of a day, week or month) across the documented keys. */
export interface CohortRetention {
  /** Users at key 0; null when WeChat gave no key 0. */
  size: number | null;
  /** One cell per documented key of the period (days: 0–7, 14, 30; weeks: 0–4; months: 0–1), in that order. */
  cells: RetentionCell[];
}

/** One day, week or month ready for a table, a CSV row or a chart. */
export interface PeriodRetention {
  /** WeChat's ref_date: `20170313`, `20170306-20170312`, `201702`. */
  refDate: string;
  period: PeriodId;
  /** The period's first day, `yyyymmdd`. */
  firstDay: string;
  /** Every key is final (the period of the last key has passed: day + 30, week + 4, month + 1). */
  final: boolean;
  newUsers: CohortRetention;
  activeUsers: CohortRetention;
}

/** One day: the day case of PeriodRetention. */
export type DayRetention = PeriodRetention;

/**
 * Value at `key` / value at key 0. Null, never NaN or Infinity, when key 0 is missing or 0
 * (a day without new users has no retention, not 0 % of it) or `key` is missing.
 */
export function retentionRate(entries: readonly RetainEntry[], key: number): number | null {
  const size = valueAt(entries, 0);
  const users = valueAt(entries, key);
  return size && users !== null ? users / size : null;
}

/**
 * Counts, rates and completeness of one day, week or month at `now` (epoch ms): key k is final
 * once period ref + k has ended in Beijing time (period-completeness.ts).
 * @throws {ValidationError} when `item.refDate` names no period of that kind.
 */
export function periodRetention(item: RetainData, now: number, period: PeriodId = 'day'): PeriodRetention {
  const grain = PERIODS[period];
  const firstDay = firstDayOf(grain, item.refDate);
  if (firstDay === undefined) {
    throw new ValidationError(
      ErrorCode.DATE_FORMAT,
      `refDate ${JSON.stringify(item.refDate)} names no ${period}: expected ${grain.refDateForm} (${grain.rule})`,
    );
  }
  const cohort = (entries: readonly RetainEntry[]): CohortRetention => ({
    size: valueAt(entries, 0),
    cells: grain.keys.map((key) => {
      const users = valueAt(entries, key);
      const state = !isKeyFinal(grain, firstDay, key, now) ? 'pending' : users === null ? 'missing' : 'final';
      return { key, users, rate: retentionRate(entries, key), state };
    }),
  });
  return {
    refDate: item.refDate,
    period,
    firstDay,
    final: isPeriodFinal(grain, firstDay, now),
    newUsers: cohort(item.visitUvNew),
    activeUsers: cohort(item.visitUv),
  };
}

/** Counts, rates and completeness of one day at `now` (epoch ms): `periodRetention` for days. */
export function dayRetention(day: RetainData, now: number): DayRetention {
  return periodRetention(day, now, 'day');
}

/**
 * `periodRetention` for each item in the documented shape whose refDate names a `period`
 * (a day by default), oldest first, whatever order they came in. The CSV, the table and the
 * report read periods through here, so an item of another shape (a record holding only a
 * refDate, a week among days) never reaches them, whoever built the list. A range never lists
 * such an item, nor one whose counts are not counts (usable-period.ts); for items passed in
 * directly, the report flags a count that is not one, and the CSV and the table print it as given.
 */
export function retentionRows(items: readonly RetainData[], now: number, period: PeriodId = 'day'): PeriodRetention[] {
  const grain: Period = PERIODS[period];
  return items
    // The same guard the library exports for a single result.
    .filter((item) => isRetainData(item as unknown as RetainResult) && firstDayOf(grain, item.refDate) !== undefined)
    .sort((a, b) => a.refDate.localeCompare(b.refDate))
    .map((item) => periodRetention(item, now, period));
}

/** The cell of `cohort` at `key`, one of its period's documented keys. */
export function cellAt(cohort: CohortRetention, key: number): RetentionCell {
  const cell = cohort.cells.find((candidate) => candidate.key === key);
  if (!cell) throw new RangeError(`key ${key} is not one of this period's keys (${cohort.cells.map((c) => c.key).join(', ')})`);
  return cell;
}

function valueAt(entries: readonly RetainEntry[], key: number): number | null {
  const value = entries.find((entry) => entry.key === key)?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
