import * as z from 'zod';
import { addDays, beijingMidnight, beijingYesterday } from '../beijing-date';
import { eventParser } from '../daily-retain/event-parser';
import { dateField, pick } from '../daily-retain/query';
import { ErrorCode } from '../errors';

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
  return z
    .object({
      beginDate: dateField('beginDate'),
      endDate: dateField('endDate'),
      begin_date: dateField('begin_date'),
      end_date: dateField('end_date'),
    })
    .transform((input, ctx): RangeQuery => {
      const begin = pick(input.beginDate, input.begin_date, 'beginDate', 'begin_date', ctx);
      const end = pick(input.endDate, input.end_date, 'endDate', 'end_date', ctx);
      const yesterday = beijingYesterday(now());
      const beginDate = begin?.day ?? end?.day ?? yesterday;
      const endDate = end?.day ?? beginDate;
      const issue = (message: string) => ctx.addIssue({ code: 'custom', message, params: { errCode: ErrorCode.DATE_RANGE } });
      const span = Math.round((beijingMidnight(endDate) - beijingMidnight(beginDate)) / 86_400_000) + 1;
      if (beginDate > endDate) {
        issue(`${begin?.field ?? 'beginDate'} "${beginDate}" is after ${end?.field ?? 'endDate'} "${endDate}": give the earlier day first`);
      } else if (endDate > yesterday) {
        issue(`${end?.field ?? begin?.field ?? 'endDate'} "${endDate}" is later than yesterday (${yesterday}, Beijing time): WeChat only has data up to yesterday`);
      } else if (span > MAX_RANGE_DAYS) {
        issue(`the range ${beginDate}–${endDate} spans ${span} days: ask for at most ${MAX_RANGE_DAYS} days at a time`);
      }
      return { beginDate, endDate, days: Array.from({ length: Math.max(0, span) }, (_, i) => addDays(beginDate, i)) };
    });
}

