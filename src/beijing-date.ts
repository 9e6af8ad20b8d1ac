/**
 * Calendar days in Beijing time (UTC+8, no daylight saving), whatever the host's zone:
 * cloud functions run in UTC, and WeChat's days run from 00:00 to 24:00 Beijing time.
 * Days are `yyyymmdd` strings throughout.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The Beijing calendar day that contains the instant `epochMs`. */
export function beijingDay(epochMs: number): string {
  return new Date(epochMs + BEIJING_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
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

/** Whether `yyyymmdd` names a real calendar day (20230230 does not). */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{8}$/.test(day)) return false;
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(4, 6));
  const date = Number(day.slice(6, 8));
  const probe = new Date(Date.UTC(year, month - 1, date));
  return (
    year >= 1000 && probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === date
  );
}
