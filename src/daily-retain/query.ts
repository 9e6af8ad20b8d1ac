import * as z from '../zod-mini';
import { beijingYesterday, isCalendarDay } from '../beijing-date';
import { ErrorCode } from '../errors';
import { DAY } from '../period/day-period';
import { lastCompleteStart, type Period, type PeriodId, spanText } from '../period/period';
import { PERIODS } from '../period/periods';
import { describe, eventParser } from './event-parser';

/**
 * The query WeChat receives: the first and the last day of one period as `yyyymmdd` (one
 * Beijing day twice; a Monday and its Sunday; the first and the last day of a month).
 */
export interface RetainQuery {
  beginDate: string;
  endDate: string;
}

/** One day: the day case of RetainQuery. */
export type DailyRetainQuery = RetainQuery;

/** What callers may pass: camelCase as `cloud.openapi` takes it, or WeChat's snake_case. */
export interface RetainInput {
  beginDate?: string;
  endDate?: string;
  begin_date?: string;
  end_date?: string;
}

/** The input of getDailyRetain (the same for every period). */
export type DailyRetainInput = RetainInput;

const DATE_SHAPES = /^(?:\d{8}|\d{4}-\d{2}-\d{2})$/;

/** One date field, named as the caller wrote it; normalised to `yyyymmdd`. */
function dateField(field: string) {
  return z.optional(
    z.transform((value: unknown, ctx) => {
      if (value === undefined || value === null || value === '') return undefined;
      if (typeof value !== 'string' || !DATE_SHAPES.test(value)) {
        z.addIssue(ctx, `${field} ${describe(value)} is not a date: use yyyymmdd (or yyyy-mm-dd), for example "20170313"`, { errCode: ErrorCode.DATE_FORMAT });
        return z.NEVER;
      }
      const day = value.replace(/-/g, '');
      if (!isCalendarDay(day)) {
        z.addIssue(ctx, `${field} ${describe(value)} is not a calendar date`, { errCode: ErrorCode.DATE_FORMAT });
        return z.NEVER;
      }
      return day;
    }),
  );
}

/** The dates an event asks for, both spellings resolved, named as the caller wrote them. */
export interface AskedDates {
  beginDate: string;
  endDate: string;
  yesterday: string;
  beginField: string;
  endField: string;
  /** The field that set the end: `endDate`, or `beginDate` when only that was given. */
  lastField: string;
  /** The date in that field, as given (for weeks and months it may not be the end itself). */
  lastDate: string;
}

/** The four names a date may have in an event. */
const DATE_KEYS = ['beginDate', 'endDate', 'begin_date', 'end_date'];

/**
 * A key that is not one of DATE_KEYS but looks like a date (`begindate`, `BeginDate`,
 * `begin-date`, `date`, `refDay`: lowercased, letters only, it holds "date" or "day") would
 * be dropped, and the call would silently return yesterday: -90007, naming the key.
 */
function refuseNearMisses(input: unknown, ctx: z.Payload): void {
  if (input === null || typeof input !== 'object') return;
  for (const key of Object.keys(input)) {
    if (DATE_KEYS.includes(key)) continue;
    const letters = key.toLowerCase().replace(/[^a-z]/g, '');
    if (!letters.includes('date') && !letters.includes('day')) continue;
    const meant = /end|until|last/.test(letters) ? 'endDate' : 'beginDate';
    z.addIssue(ctx, `the event key ${describe(key)} is not a date field: use beginDate, endDate, begin_date or end_date (did you mean ${meant}?)`, {
      errCode: ErrorCode.INVALID_EVENT,
    });
    return;
  }
}

/**
 * The four date fields of an event, resolved for `period`: a beginDate alone means its
 * period, an endDate alone the period that ends with it (for days: that day), none the last
 * period that has ended by yesterday (Beijing time, from `now`; for days: yesterday). A key
 * that looks like a misspelt date field is -90007; other keys (such as the `userInfo` that
 * clients inject) are dropped, never trusted. Malformed dates are 61500, WeChat's own code.
 */
export function askedDatesSchema(now: () => number, period: Period = DAY) {
  const dates = z.object({
    beginDate: dateField('beginDate'),
    endDate: dateField('endDate'),
    begin_date: dateField('begin_date'),
    end_date: dateField('end_date'),
  });
  // zod's preprocess, spelled as zod/mini spells it: a transform piped into the schema.
  const refused = z.transform((input: unknown, ctx) => {
    refuseNearMisses(input, ctx);
    return input;
  });
  return z.pipe(
    z.pipe(refused, dates),
    z.transform((input, ctx): AskedDates => {
      const begin = pick(input.beginDate, input.begin_date, 'beginDate', 'begin_date', ctx);
      const end = pick(input.endDate, input.end_date, 'endDate', 'end_date', ctx);
      const yesterday = beijingYesterday(now());
      const beginDate = begin?.day ?? (end ? period.start(end.day) : lastCompleteStart(period, yesterday));
      return {
        beginDate,
        endDate: end?.day ?? period.end(beginDate),
        yesterday,
        beginField: begin?.field ?? 'beginDate',
        endField: end?.field ?? 'endDate',
        lastField: end?.field ?? begin?.field ?? 'endDate',
        lastDate: end?.day ?? begin?.day ?? beginDate,
      };
    }),
  );
}

/**
 * One whole period that has ended by yesterday: what WeChat accepts, else 61501 (its own
 * code), with a message that names the field, the rule and the pair to ask for instead.
 */
function retainQuerySchema(period: Period) {
  return (now: () => number) =>
    z.pipe(
      askedDatesSchema(now, period),
      z.transform(({ beginDate, endDate, yesterday, beginField, endField, lastField, lastDate }, ctx): RetainQuery => {
        const beginMisfit = period.misfit(beginDate, 'begin');
        const endMisfit = period.misfit(endDate, 'end');
        if (beginMisfit) {
          addRangeIssue(ctx, `${beginField} "${beginDate}" ${beginMisfit}: ${period.rule}, for example ${spanText(period, period.start(beginDate))}`);
        } else if (endMisfit) {
          addRangeIssue(ctx, `${endField} "${endDate}" ${endMisfit}: ${period.rule}, for example ${spanText(period, beginDate)}`);
        } else if (endDate !== period.end(beginDate)) {
          addRangeIssue(ctx, notOnePeriod(period, `${beginField} "${beginDate}" and ${endField} "${endDate}"`, beginDate));
        } else if (endDate > yesterday) {
          addRangeIssue(ctx, notEnded(period, `${lastField} "${lastDate}"`, beginDate, yesterday));
        }
        return { beginDate, endDate };
      }),
    );
}

/** Two dates that are each a period's edge, but not of the same period. */
function notOnePeriod(period: Period, pair: string, beginDate: string): string {
  if (period.id === 'day') return `${pair} differ: WeChat answers one day per request, so they must be equal (use getDailyRetainRange for several days)`;
  const several = `use getDailyRetainRange with period "${period.id}" for several ${period.id}s`;
  return `${pair} are not one ${period.id}: WeChat answers one ${period.id} per request, for example ${spanText(period, beginDate)} (${several})`;
}

/** A period that has not ended by yesterday, Beijing time: WeChat has no data for it yet. */
export function notEnded(period: Period, field: string, beginDate: string, yesterday: string): string {
  if (period.id === 'day') return `${field} is later than yesterday (${yesterday}, Beijing time): WeChat only has data up to yesterday`;
  const last = spanText(period, lastCompleteStart(period, yesterday));
  return `${field}: the ${period.id} ${spanText(period, beginDate)} has not ended by yesterday (${yesterday}, Beijing time): WeChat only has data for ${period.id}s that have ended, the last one ${last}`;
}

const retainQueryParsers = Object.fromEntries(
  Object.values(PERIODS).map((period) => [
    period.id,
    eventParser(retainQuerySchema(period), JSON.stringify({ beginDate: period.example, endDate: period.end(period.example) })),
  ]),
) as Record<PeriodId, (input: unknown, now: () => number) => RetainQuery>;

/**
 * Validates a query or event for one `period` before any network call.
 * @throws ValidationError with errCode 61500 (date format) or 61501 (date range), or
 * INVALID_EVENT when the input is not an object or has a key that looks like a misspelt date.
 */
export function parseRetainQuery(period: Period, input: unknown, now: () => number): RetainQuery {
  return retainQueryParsers[period.id](input, now);
}

/** parseRetainQuery for days. */
export const parseDailyRetainQuery = (input: unknown, now: () => number): DailyRetainQuery => parseRetainQuery(DAY, input, now);

type Picked = { day: string; field: string } | undefined;

/** The camelCase or the snake_case spelling of a date, whichever was given; both must agree. */
function pick(camel: string | undefined, snake: string | undefined, camelName: string, snakeName: string, ctx: z.Payload): Picked {
  if (camel !== undefined && snake !== undefined && camel !== snake) {
    z.addIssue(ctx, `${camelName} "${camel}" and ${snakeName} "${snake}" disagree: pass one of them`, { errCode: ErrorCode.DATE_FORMAT });
  }
  if (camel !== undefined) return { day: camel, field: camelName };
  if (snake !== undefined) return { day: snake, field: snakeName };
  return undefined;
}

/** A date range WeChat would refuse: 61501, its own code. */
export function addRangeIssue(ctx: z.Payload, message: string): void {
  z.addIssue(ctx, message, { errCode: ErrorCode.DATE_RANGE });
}
