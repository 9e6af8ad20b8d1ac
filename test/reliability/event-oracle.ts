import { ErrorCode } from '../../src/errors';

/**
 * What the function must answer to an event, written from the README's rules rather than
 * from the schema, so that the fuzzed events test the schema instead of repeating it:
 * - the event is an object (null counts as `{}`), else -90007;
 * - no key other than the four date fields looks like a date (lowercased, letters only, it
 *   holds "date" or "day": `begindate`, `date`), else -90007;
 * - each of beginDate, endDate, begin_date, end_date is absent, null or "" (omitted), or a
 *   real calendar day as yyyymmdd or yyyy-mm-dd, else 61500; a camelCase and a snake_case
 *   field that are both given must agree, else 61500;
 * - both omitted: yesterday; one given: that day; begin must equal end, and be no later
 *   than yesterday (Beijing time), else 61501.
 */
export type Expected = { day: string } | { errCode: number };

const FIELDS = ['beginDate', 'endDate', 'begin_date', 'end_date'] as const;
const SHAPE = /^(?:[0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2})$/;

export function expectedAnswer(event: unknown, yesterday: string): Expected {
  const input = event ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) return { errCode: ErrorCode.INVALID_EVENT };
  const looksLikeADate = (key: string) => /date|day/.test(key.toLowerCase().replace(/[^a-z]/g, ''));
  if (Object.keys(input).some((key) => !(FIELDS as readonly string[]).includes(key) && looksLikeADate(key))) {
    return { errCode: ErrorCode.INVALID_EVENT };
  }
  const days: Partial<Record<(typeof FIELDS)[number], string>> = {};
  for (const field of FIELDS) {
    const value = (input as Record<string, unknown>)[field];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' || !SHAPE.test(value)) return { errCode: ErrorCode.DATE_FORMAT };
    const day = value.split('-').join('');
    if (!isRealDay(day)) return { errCode: ErrorCode.DATE_FORMAT };
    days[field] = day;
  }
  const disagree = (a?: string, b?: string) => a !== undefined && b !== undefined && a !== b;
  if (disagree(days.beginDate, days.begin_date) || disagree(days.endDate, days.end_date)) {
    return { errCode: ErrorCode.DATE_FORMAT };
  }
  const begin = days.beginDate ?? days.begin_date;
  const end = days.endDate ?? days.end_date;
  const beginDate = begin ?? end ?? yesterday;
  const endDate = end ?? beginDate;
  if (beginDate !== endDate || endDate > yesterday) return { errCode: ErrorCode.DATE_RANGE };
  return { day: beginDate };
}

/** A day that exists in the Gregorian calendar; like the schema, years before 1000 are refused. */
function isRealDay(day: string): boolean {
  const [year, month, date] = [Number(day.slice(0, 4)), Number(day.slice(4, 6)), Number(day.slice(6, 8))];
  if (year < 1000 || month < 1 || month > 12 || date < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return date <= length;
}
