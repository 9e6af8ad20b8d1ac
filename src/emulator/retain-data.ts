import { createHash } from 'node:crypto';
import { addDays } from '../beijing-date';

/** The keys WeChat documents: the day itself, days 1–7 after, then 14 and 30. */
export const RETAIN_KEYS = [0, 1, 2, 3, 4, 5, 6, 7, 14, 30] as const;

/** The keys of getWeeklyRetain (the week and the 4 after) and getMonthlyRetain (the month and the next). */
export const WEEK_KEYS = [0, 1, 2, 3, 4] as const;
export const MONTH_KEYS = [0, 1] as const;

/** Deterministic numbers in [0, 1) for one seed: the same inputs always give the same numbers. */
function units(seed: string): (i: number) => number {
  const digest = createHash('sha256').update(seed).digest();
  return (i) => (digest.readUInt32BE(i * 4) % 10_000) / 10_000;
}

/** The new and the active users of one day for one AppID. */
export function dayUsers(appid: string, day: string): { newUsers: number; activeUsers: number } {
  const unit = units(`${appid}:${day}`);
  const newUsers = 200 + Math.round(unit(0) * 5800);
  return { newUsers, activeUsers: newUsers * 4 + Math.round(unit(1) * newUsers * 6) };
}

/** A cohort of `size` users across `keys`, with `first` of them back at key 1, fewer later; only the keys `known` passes. */
function series(keys: readonly number[], size: number, first: number, known: (key: number) => boolean) {
  return keys.filter(known).map((key) => ({ key, value: key === 0 ? size : Math.round(size * first * key ** -0.45) }));
}

/**
 * Plausible, deterministic retention for one AppID and day. Key k is present only once day
 * ref_date + k has ended (Beijing time), i.e. when ref_date + k is no later than
 * `yesterday`, as WeChat fills it in day by day.
 */
export function retainData(appid: string, refDate: string, yesterday: string) {
  const unit = units(`${appid}:${refDate}`);
  const { newUsers, activeUsers } = dayUsers(appid, refDate);
  const known = (key: number) => addDays(refDate, key) <= yesterday;
  return {
    ref_date: refDate,
    visit_uv_new: series(RETAIN_KEYS, newUsers, 0.18 + unit(2) * 0.2, known),
    visit_uv: series(RETAIN_KEYS, activeUsers, 0.35 + unit(3) * 0.2, known),
  };
}

/**
 * How many days an active user of a week, or of a month, is active on average: a period's
 * distinct active users are its days' active users over this (the same person active on
 * Monday and Tuesday counts once in the week). Made-up, plausible numbers.
 */
const ACTIVE_DAYS = { week: 2.5, month: 5 } as const;

/**
 * One week's or month's retention, consistent with the days the emulator serves for it:
 * its new users are exactly the sum of its days' new users (a user is new once), its active
 * users the sum of its days' active users over ACTIVE_DAYS (never fewer than its busiest
 * day, nor than its new users). Key k is present once the whole period k has ended by
 * `yesterday` (`keyEnd` gives the last day of period k).
 */
export function periodRetainData(
  appid: string,
  grain: 'week' | 'month',
  refDate: string,
  days: readonly string[],
  keyEnd: (key: number) => string,
  yesterday: string,
) {
  const users = days.map((day) => dayUsers(appid, day));
  const newUsers = users.reduce((sum, day) => sum + day.newUsers, 0);
  const dailyActive = users.map((day) => day.activeUsers);
  const activeUsers = Math.max(newUsers, ...dailyActive, Math.round(dailyActive.reduce((a, b) => a + b, 0) / ACTIVE_DAYS[grain]));
  const unit = units(`${appid}:${grain}:${refDate}`);
  const keys = grain === 'week' ? WEEK_KEYS : MONTH_KEYS;
  const known = (key: number) => keyEnd(key) <= yesterday;
  // A week or a month holds more chances to come back than a day: higher rates than D1.
  return {
    ref_date: refDate,
    visit_uv_new: series(keys, newUsers, 0.2 + unit(0) * 0.15, known),
    visit_uv: series(keys, activeUsers, 0.4 + unit(1) * 0.2, known),
  };
}
