import * as z from 'zod';
import { eventParser } from '../daily-retain/event-parser';
import { addRangeIssue, askedDatesSchema } from '../daily-retain/query';
import { DAYS, type RangePeriod } from './range-period';

/** The longest range one call may ask for: a year, leap or not. */
export const MAX_RANGE_DAYS = DAYS.max;

/** Every day from `beginDate` to `endDate`, inclusive, oldest first. */
export interface RangeQuery {
  beginDate: string;
  endDate: string;
  days: string[];
}

/**
 * Validates a range before any network call: the same date rules as one day (61500 for a
 * malformed date), then begin ≤ end ≤ yesterday (Beijing time) and at most a year (61501).
 * One date given means that day; none means yesterday.
 */
export const parseRangeQuery = eventParser(rangeSchema(DAYS), '{"beginDate":"20170301","endDate":"20170331"}');

function rangeSchema(period: RangePeriod) {
  return (now: () => number) =>
    askedDatesSchema(now).transform(({ beginDate, endDate, yesterday, beginField, endField, lastField }, ctx): RangeQuery => {
      // Every check is arithmetic on the two dates; the list is built only for a range that passes.
      if (beginDate > endDate) {
        addRangeIssue(ctx, `${beginField} "${beginDate}" is after ${endField} "${endDate}": give the earlier day first`);
        return z.NEVER;
      }
      if (endDate > yesterday) {
        addRangeIssue(ctx, `${lastField} "${endDate}" is later than yesterday (${yesterday}, Beijing time): WeChat only has data up to yesterday`);
        return z.NEVER;
      }
      const count = period.count(beginDate, endDate);
      if (count > period.max) {
        addRangeIssue(ctx, `the range ${beginDate}–${endDate} spans ${count} ${period.name}s: ask for at most ${period.max} ${period.name}s at a time`);
        return z.NEVER;
      }
      return { beginDate, endDate, days: period.list(beginDate, endDate) };
    });
}
