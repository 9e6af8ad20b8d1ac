import { isCalendarDay } from '../beijing-date';
import type { RetainData } from '../daily-retain/response';
import { describe } from '../daily-retain/event-parser';
import { ErrorCode, ValidationError } from '../errors';
import { firstDayOf, type PeriodId } from '../period/period';
import { PERIOD_IDS, PERIODS } from '../period/periods';

/**
 * One view's periods: what `getDailyRetainRange` resolves to (its `period`, `beginDate` and
 * `endDate` say what the view covers, `missing` what it could not fetch), or only its list.
 */
export interface ReportRange {
  /** Must match the view it is given for. @default the view's (days for a range given alone) */
  period?: PeriodId;
  /** The first day the view covers, `yyyymmdd` (weeks and months: the asked dates widened). */
  beginDate?: string;
  /** The last day the view covers, `yyyymmdd`. */
  endDate?: string;
  list: readonly RetainData[];
  /** Periods the range could not fetch: the report names them. */
  missing?: readonly { refDate: string }[];
}

/** A view's periods: a range result, or a plain list of days, weeks or months. */
export type ReportPeriods = readonly RetainData[] | ReportRange;

/** The views of one report, each from its own range call over the same dates; at least one. */
export interface ReportViews {
  day?: ReportPeriods;
  week?: ReportPeriods;
  month?: ReportPeriods;
}

/**
 * What `renderReport` takes: a list of days (the daily view alone, as before weeks and months
 * existed), one range result (its period's view alone), or `{ day, week, month }` (those views,
 * in that order, with tabs between them).
 */
export type ReportInput = readonly RetainData[] | ReportRange | ReportViews;

/** One view, checked: its periods and what it covers. */
export interface ViewInput {
  period: PeriodId;
  items: readonly RetainData[];
  /** What the range covered, when a range result gave it. */
  span?: { beginDate: string; endDate: string };
  /** The ref_dates of the periods the range could not fetch. */
  missing: string[];
}

/** What each view's refDates must look like, for messages. */
const EXPECTED: Record<PeriodId, string> = {
  day: 'a yyyymmdd calendar date',
  week: 'yyyymmdd-yyyymmdd, a Monday to the Sunday after it',
  month: 'yyyymm, a calendar month',
};

/**
 * The views of `input`, day, week, month, checked before anything is drawn: each item's
 * refDate names a period of its view, once; a range result belongs to the view it is given
 * for. Items not in the documented shape are left for `retentionRows` to leave out.
 * @throws {ValidationError} saying what was wrong and what to pass instead.
 */
export function readReportInput(input: unknown): ViewInput[] {
  if (Array.isArray(input) || isRange(input)) return [readView('day', input, true)];
  if (input === null || typeof input !== 'object') {
    throw refuse(`expected a list of days, a range result or { day, week, month } of range results (got ${describe(input)})`);
  }
  const names = Object.keys(input);
  const unknown = names.find((name) => !(PERIOD_IDS as string[]).includes(name));
  if (unknown !== undefined) throw refuse(`unknown view ${JSON.stringify(unknown)}: the views are day, week and month`);
  const views = PERIOD_IDS.filter((id) => (input as ReportViews)[id] !== undefined);
  if (views.length === 0) throw refuse('no view to show: give at least one of day, week or month');
  return views.map((id) => readView(id, (input as ReportViews)[id], false));
}

function readView(id: PeriodId, value: unknown, alone: boolean): ViewInput {
  const range = isRange(value) ? value : undefined;
  const period = alone ? (range?.period ?? id) : id;
  if (!Array.isArray(value) && !range) throw refuse(`${period} must be a range result or a list of ${period}s (got ${describe(value)})`);
  if (range?.period !== undefined && !(PERIOD_IDS as string[]).includes(range.period)) {
    throw refuse(`the range's period ${describe(range.period)} is not day, week or month`);
  }
  if (range?.period !== undefined && range.period !== period) {
    throw refuse(`${period} holds a range of ${range.period}s: fetch it with getDailyRetainRange({ …, period: '${period}' })`);
  }
  const items = (range?.list ?? value) as readonly RetainData[];
  checkItems(period, items);
  return { period, items, span: readSpan(period, range), missing: readMissing(period, range) };
}

function checkItems(period: PeriodId, items: readonly RetainData[]): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const refDate = item?.refDate;
    const named = typeof refDate === 'string' && firstDayOf(PERIODS[period], refDate) !== undefined;
    if (!named) throw new ValidationError(ErrorCode.DATE_FORMAT, `renderReport: ${period} ${i} has refDate ${describe(refDate)}: expected ${EXPECTED[period]}`);
    if (seen.has(refDate)) throw new ValidationError(ErrorCode.DATE_FORMAT, `renderReport: ${refDate} appears twice: pass each ${period} once`);
    seen.add(refDate);
  });
}

function readSpan(period: PeriodId, range: ReportRange | undefined): ViewInput['span'] {
  if (range?.beginDate === undefined && range?.endDate === undefined) return undefined;
  const { beginDate, endDate } = range;
  for (const [name, day] of Object.entries({ beginDate, endDate })) {
    if (typeof day !== 'string' || !isCalendarDay(day)) {
      throw new ValidationError(ErrorCode.DATE_FORMAT, `renderReport: the ${period} range's ${name} is ${describe(day)}: expected a yyyymmdd calendar date, or neither date`);
    }
  }
  return { beginDate: beginDate as string, endDate: endDate as string };
}

function readMissing(period: PeriodId, range: ReportRange | undefined): string[] {
  const missing: unknown = range?.missing ?? [];
  const refDates = Array.isArray(missing) ? missing.map((entry) => (entry as { refDate?: unknown } | null)?.refDate) : [];
  if (!Array.isArray(missing) || refDates.some((refDate) => typeof refDate !== 'string')) {
    throw refuse(`the ${period} range's missing must be a list of { refDate } as getDailyRetainRange returns it`);
  }
  return refDates as string[];
}

function isRange(value: unknown): value is ReportRange {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'list' in value && Array.isArray((value as ReportRange).list);
}

function refuse(reason: string): ValidationError {
  return new ValidationError(ErrorCode.INVALID_EVENT, `renderReport: ${reason}`);
}
