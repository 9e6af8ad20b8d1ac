/**
 * Calendar days in Beijing time (UTC+8, no daylight saving), whatever the host's zone:
 * cloud functions run in UTC, and WeChat's days run from 00:00 to 24:00 Beijing time.
 * Days are `yyyymmdd` strings throughout.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The Beijing calendar day that contains the instant `epochMs`. */
export function beijingDay(epochMs: number): string {
  return isoDay(epochMs + BEIJING_OFFSET_MS);
}

/** Yesterday in Beijing time: the latest day WeChat has data for. */
export function beijingYesterday(epochMs: number): string {
  return beijingDay(epochMs - DAY_MS);
}

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  return beijingDay(beijingMidnight(day) + days * DAY_MS);
}

/** The instant at which `day` starts in Beijing time. */
export function beijingMidnight(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))) - BEIJING_OFFSET_MS;
}

/** Whether `yyyymmdd` names a real calendar day (20230230 does not). Arithmetic: every event checks two. */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{8}$/.test(day)) return false;
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(4, 6));
  const date = Number(day.slice(6, 8));
  return year >= 1000 && month >= 1 && month <= 12 && date >= 1 && date <= daysInMonth(year, month);
}

/** 28 to 31: the Gregorian calendar, as Date.UTC counts it (20240229, 21000228). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** 0 for Monday … 6 for Sunday: WeChat's weeks run Monday to Sunday. */
export function weekdayIndex(day: string): number {
  return (new Date(beijingMidnight(day) + BEIJING_OFFSET_MS).getUTCDay() + 6) % 7;
}

/** The first day of the month `months` months after (before, when negative) the month of `day`. */
export function addMonths(day: string, months: number): string {
  return isoDay(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1 + months, 1));
}

/** The last day of the month of `day`: 28 to 31, leap years included (20240229, 21000228). */
export function monthEnd(day: string): string {
  return `${day.slice(0, 6)}${daysInMonth(Number(day.slice(0, 4)), Number(day.slice(4, 6)))}`;
}

/** The latest day `yyyymmdd` can name. */
const LAST_DAY = '99991231';

/**
 * The UTC calendar day of `utcMs` as `yyyymmdd`. A day after 9999-12-31 (the end of a week
 * or month that starts in its last days) becomes that day: `yyyymmdd` has no later one, and
 * a later day must never compare as earlier, which `+010000…` would. (Read field by field:
 * every call reads yesterday, and toISOString() took five times as long.)
 */
function isoDay(utcMs: number): string {
  const date = new Date(utcMs);
  const year = date.getUTCFullYear();
  if (year > 9999) return LAST_DAY;
  return `${String(year).padStart(4, '0')}${twoDigits(date.getUTCMonth() + 1)}${twoDigits(date.getUTCDate())}`;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
