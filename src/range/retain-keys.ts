import type { Period } from '../period/period';

/**
 * The keys WeChat documents for `visit_uv_new` and `visit_uv` of a day: the day itself, days
 * 1–7 after, then 14 and 30 (weeks and months have theirs in src/period/). The emulator keeps
 * its own copy on purpose (it must not share the library's assumptions); these are the columns
 * every range view of days shows.
 */
export const RETAIN_KEYS = [0, 1, 2, 3, 4, 5, 6, 7, 14, 30] as const;

export type RetainKey = (typeof RETAIN_KEYS)[number];

/** The keys of `period` after key 0 (days 1–7, 14, 30; weeks 1–4; month 1): the ones with a rate. */
export function returnKeys(period: Pick<Period, 'keys'>): number[] {
  return period.keys.filter((key) => key > 0);
}
