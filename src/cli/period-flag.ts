import { addDays, beijingYesterday, isCalendarDay } from '../beijing-date';
import { notEnded, type RetainInput } from '../daily-retain/query';
import type { Period, PeriodId } from '../period/period';
import { PERIOD_IDS } from '../period/periods';
import type { RangeQuery } from '../range/range-query';
import { UsageError } from './cli-client';

/** `--period`: a period, or for `report` `all` (the daily view with the weeks and months it covers). */
export type PeriodChoice = PeriodId | 'all';

/** The periods `report --period all` shows, each a view of the same dates. */
export const ALL_VIEWS: readonly PeriodId[] = PERIOD_IDS;

/** Checks `--period`: day, week or month, and for `report` also all. */
export function checkPeriodFlag(value: string, withAll: boolean): void {
  const choices: string[] = withAll ? ['all', ...PERIOD_IDS] : PERIOD_IDS;
  if (!choices.includes(value)) throw new UsageError(`--period must be ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)} (got "${value}")`);
}

/** The forms of a date the library takes (daily-retain/query.ts); anything else it refuses in its own words. */
const DATE_FORMS = /^(?:\d{8}|\d{4}-\d{2}-\d{2})$/;

/**
 * `get --period week|month --date D`: the week or month that holds D, as its API takes it
 * (a Monday and its Sunday, a first and a last day), and the note that says so. Without
 * --date, the API's default: the last one that has ended. A --date that is not a calendar
 * date goes to the API as typed, which refuses it naming --date; so does a day (--period day).
 * @throws UsageError when that week or month has not ended by yesterday (Beijing time).
 */
export function periodOfDate(period: Period, date: string | undefined, now: number): { query: RetainInput; note?: string } {
  const day = date?.replace(/-/g, '');
  // A day is taken as typed: the API checks it.
  if (period.id === 'day' || date === undefined || day === undefined || !DATE_FORMS.test(date) || !isCalendarDay(day)) {
    return { query: date === undefined ? {} : { beginDate: date, endDate: date } };
  }
  const beginDate = period.start(day);
  const endDate = period.end(day);
  const yesterday = beijingYesterday(now);
  if (endDate > yesterday) throw new UsageError(notEnded(period, `--date "${date}"`, beginDate, yesterday));
  return { query: { beginDate, endDate }, note: `${period.id} ${beginDate}–${endDate} (widened from ${day})` };
}

/**
 * What a range of weeks or months covers, when it is not what was typed:
 * `weeks 20261102–20261129 (widened from 20261105–20261127; the week under way is left out)`.
 * Undefined for days (taken as typed) and for dates that were whole periods already.
 */
export function widenedNote(query: RangeQuery, typed: { from: string; to: string }, now: number): string | undefined {
  const { period, beginDate, endDate, firstDays } = query;
  if (period.id === 'day') return undefined;
  const from = typed.from.replace(/-/g, '');
  const to = typed.to.replace(/-/g, '');
  const widened = beginDate < from || endDate > to;
  // The period of --to is in the range unless it had not ended: then it and any after it are left out.
  const leftOut = period.end(to) !== endDate;
  if (!widened && !leftOut) return undefined;
  const underWay = period.start(addDays(beijingYesterday(now), 1));
  const left = period.start(to) > underWay ? `the ${period.id} under way and those after it are left out` : `the ${period.id} under way is left out`;
  const notes = [`${widened ? 'widened from' : 'asked for'} ${from}–${to}`, ...(leftOut ? [left] : [])];
  return `${period.id}${firstDays.length === 1 ? '' : 's'} ${beginDate}–${endDate} (${notes.join('; ')})`;
}
