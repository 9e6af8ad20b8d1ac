import * as z from '../zod-mini';
import { describe, eventParser } from '../daily-retain/event-parser';
import { addRangeIssue, askedDatesSchema, notEnded, type RetainInput } from '../daily-retain/query';
import { ErrorCode, ValidationError } from '../errors';
import { DAY } from '../period/day-period';
import { lastCompleteStart, type Period, type PeriodId, spanText } from '../period/period';
import { PERIOD_IDS, PERIODS } from '../period/periods';

/** The longest range of days one call may ask for: a year, leap or not. */
export const MAX_RANGE_DAYS = DAY.max;

/** What a range takes: the dates of a single call, and the grain. */
export interface RangeInput extends RetainInput {
  /** Days, weeks or months. @default 'day' */
  period?: PeriodId;
}

/** Whole periods from `beginDate` to `endDate`, inclusive, all ended by yesterday (Beijing time). */
export interface RangeQuery {
  period: Period;
  /** The first day of the first period. */
  beginDate: string;
  /** The last day of the last period. */
  endDate: string;
  /** The first day of each period, oldest first. */
  firstDays: string[];
}

/**
 * Validates a range before any network call: `period` is day, week or month (-90007 for
 * anything else), the same date rules as one day (61500 for a malformed date), then
 * begin ≤ end and at most `period.max` periods (61501).
 * - Days are taken as asked: a day after yesterday (Beijing time) has no data, and is 61501.
 * - Weeks and months widen any dates to whole periods and leave out those that have not ended
 *   by yesterday; a range in which none has is 61501, naming the last one that has.
 * One date given means its period; none means the last period that has ended.
 */
export function parseRangeQuery(input: unknown, now: () => number): RangeQuery {
  return parsers[periodOf(input).id](input, now);
}

const parsers = Object.fromEntries(
  PERIOD_IDS.map((id) => [id, eventParser(rangeSchema(PERIODS[id]), `{"beginDate":"20170301","endDate":"20170331"${id === 'day' ? '' : `,"period":"${id}"`}}`)]),
) as Record<PeriodId, (input: unknown, now: () => number) => RangeQuery>;

/** The event's `period`: absent, null or "" is `day`; anything but the three names is -90007. */
function periodOf(input: unknown): Period {
  if (input === null || typeof input !== 'object' || !('period' in input)) return DAY;
  const value = (input as { period?: unknown }).period;
  if (value === undefined || value === null || value === '') return DAY;
  // A lookup by an own name only: "constructor" or "__proto__" must not find anything.
  if (typeof value === 'string' && (PERIOD_IDS as string[]).includes(value)) return PERIODS[value as PeriodId];
  throw new ValidationError(ErrorCode.INVALID_EVENT, `period ${describe(value)} is not a period: use "day", "week" or "month" (or leave it out for days)`);
}

function rangeSchema(period: Period) {
  return (now: () => number) =>
    z.pipe(
      askedDatesSchema(now, period),
      z.transform(({ beginDate, endDate, yesterday, beginField, endField, lastField }, ctx): RangeQuery => {
        // Every check is arithmetic on the two dates; the list is built only for a range that passes.
        if (beginDate > endDate) {
          addRangeIssue(ctx, `${beginField} "${beginDate}" is after ${endField} "${endDate}": give the earlier day first`);
          return z.NEVER;
        }
        // Days are not widened: a day after yesterday is one the caller wants and WeChat has no data for.
        if (period === DAY && endDate > yesterday) {
          addRangeIssue(ctx, notEnded(DAY, `${lastField} "${endDate}"`, endDate, yesterday));
          return z.NEVER;
        }
        const first = period.start(beginDate);
        const lastComplete = lastCompleteStart(period, yesterday);
        // biome-ignore lint/complexity/useMathMinMax: days are yyyymmdd strings, compared as such.
        const last = period.start(endDate) < lastComplete ? period.start(endDate) : lastComplete;
        if (first > last) {
          addRangeIssue(
            ctx,
            `no ${period.id} from ${beginField} "${beginDate}" on has ended by yesterday (${yesterday}, Beijing time): the last one that has is ${spanText(period, lastComplete)}`,
          );
          return z.NEVER;
        }
        const count = period.distance(first, last) + 1;
        if (count > period.max) {
          const widened = first === beginDate && period.end(last) === endDate ? '' : ` (${first}–${period.end(last)} in whole ${period.id}s that have ended)`;
          addRangeIssue(ctx, `the range ${beginDate}–${endDate} spans ${count} ${period.id}s${widened}: ask for at most ${period.max} ${period.id}s at a time`);
          return z.NEVER;
        }
        return {
          period,
          beginDate: first,
          endDate: period.end(last),
          firstDays: Array.from({ length: count }, (_, i) => period.shift(first, i)),
        };
      }),
    );
}
