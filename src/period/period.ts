import { isCalendarDay } from '../beijing-date';

/**
 * The grains of retention WeChat answers: day, week and month, each described once (in
 * day-period.ts, week-period.ts and month-period.ts) by what differs between them. Queries,
 * answers, completeness, ranges and caches all read a `Period`, so the daily code paths are
 * the `day` case of the same code. (The emulator keeps its own copy of WeChat's rules on
 * purpose, so that a wrong rule here cannot hide behind a matching fake.)
 *
 * | | day | week | month |
 * |---|---|---|---|
 * | API | getDailyRetain | getWeeklyRetain | getMonthlyRetain |
 * | request | begin = end | a Monday to its Sunday | the 1st to the last day |
 * | ref_date | yyyymmdd | yyyymmdd-yyyymmdd | yyyymm |
 * | keys | 0–7, 14, 30 | 0–4 | 0–1 |
 * | most per range | 366 | 104 | 24 |
 *
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/data-analysis/visit-retain/api_getweeklyretain
 */
export type PeriodId = 'day' | 'week' | 'month';

/** The API of one period, as `cloud.openapi.analysis` names it. */
export type RetainApi = 'getDailyRetain' | 'getWeeklyRetain' | 'getMonthlyRetain';

export interface Period<Api extends RetainApi = RetainApi> {
  readonly id: PeriodId;
  readonly api: Api;
  /** The datacube path that answers one period. */
  readonly path: string;
  /** The keys WeChat documents: 0 is the period itself, k the k-th period after it. */
  readonly keys: readonly number[];
  /** The most periods one range may ask for. */
  readonly max: number;
  /** The first day of the period that holds `day`. */
  start(day: string): string;
  /** The last day of the period that holds `day`. */
  end(day: string): string;
  /** The first day of the period `n` periods after (before, when negative) the one starting on `firstDay`. */
  shift(firstDay: string, n: number): string;
  /** How many periods the one starting on `to` comes after the one starting on `from`: arithmetic, nothing listed. */
  distance(from: string, to: string): number;
  /** WeChat's `ref_date` for the period starting on `firstDay`: `20170306-20170312`, `201702`. */
  refDate(firstDay: string): string;
  /** The form of a `ref_date`, for messages: `yyyymmdd-yyyymmdd`. */
  readonly refDateForm: string;
  /** Whether `text` has that form. */
  readonly refDatePattern: RegExp;
  /** Why `day` cannot be a period's first (`begin`) or last (`end`) day, e.g. "is a Wednesday"; undefined when it can. */
  misfit(day: string, edge: 'begin' | 'end'): string | undefined;
  /** What a period is, for messages: "a week runs Monday to Sunday". */
  readonly rule: string;
  /** The first day of the period in WeChat's documented example (`20170306` for its week 20170306-20170312). */
  readonly example: string;
}

/** The first day of the latest period that has ended by `yesterday` (Beijing time). */
export function lastCompleteStart(period: Period, yesterday: string): string {
  const start = period.start(yesterday);
  return period.end(yesterday) === yesterday ? start : period.shift(start, -1);
}

/** The last day of period ref + `key`, for the period starting on `firstDay`: key k is known once it has ended. */
export function keyEnd(period: Period, firstDay: string, key: number): string {
  return period.end(period.shift(firstDay, key));
}

/** `20261123–20261129`: a period's first and last day, as messages name it. */
export function spanText(period: Period, firstDay: string): string {
  return `${firstDay}–${period.end(firstDay)}`;
}

/**
 * The first day of the period WeChat names `refDate` (`20170313` → itself, `20170306-20170312`
 * → `20170306`, `201702` → `20170201`: every ref_date starts with its first day, a month's
 * without the day); undefined when `refDate` names no period of this kind (`20170307-20170313`
 * does not start on a Monday, `201713` is no month).
 */
export function firstDayOf(period: Period, refDate: string): string | undefined {
  if (!period.refDatePattern.test(refDate)) return undefined;
  const first = refDate.slice(0, 8).padEnd(8, '01');
  return isCalendarDay(first) && period.refDate(first) === refDate && period.start(first) === first ? first : undefined;
}
