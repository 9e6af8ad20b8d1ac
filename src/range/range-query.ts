import { addDays, beijingMidnight } from '../beijing-date';
import { eventParser } from '../daily-retain/event-parser';
import { addRangeIssue, askedDatesSchema } from '../daily-retain/query';

/** The longest range one call may ask for: a year, leap or not. */
export const MAX_RANGE_DAYS = 366;

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
export const parseRangeQuery = eventParser(rangeSchema, '{"beginDate":"20170301","endDate":"20170331"}');

function rangeSchema(now: () => number) {
  return askedDatesSchema(now).transform(({ beginDate, endDate, yesterday, beginField, endField, lastField }, ctx): RangeQuery => {
    const span = Math.round((beijingMidnight(endDate) - beijingMidnight(beginDate)) / 86_400_000) + 1;
    if (beginDate > endDate) {
      addRangeIssue(ctx, `${beginField} "${beginDate}" is after ${endField} "${endDate}": give the earlier day first`);
    } else if (endDate > yesterday) {
      addRangeIssue(ctx, `${lastField} "${endDate}" is later than yesterday (${yesterday}, Beijing time): WeChat only has data up to yesterday`);
    } else if (span > MAX_RANGE_DAYS) {
      addRangeIssue(ctx, `the range ${beginDate}–${endDate} spans ${span} days: ask for at most ${MAX_RANGE_DAYS} days at a time`);
    }
    return { beginDate, endDate, days: Array.from({ length: Math.max(0, span) }, (_, i) => addDays(beginDate, i)) };
  });
}
