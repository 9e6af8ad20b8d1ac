import { addDays, beijingYesterday } from '../beijing-date';
import type { DailyRetainData } from '../daily-retain/response';
import { LAST_KEY, RETAIN_KEYS, type RetainKey } from './retain-keys';

/** How much of one day WeChat can still change. */
export interface DayCompleteness {
  refDate: string;
  /** True once every key is final: no later fetch can add or change anything. */
  final: boolean;
  /** Keys whose day has passed in Beijing time, in key order. */
  finalKeys: RetainKey[];
  /** Keys still to come, in key order. */
  pendingKeys: RetainKey[];
}

/**
 * Key k counts the users of `refDate` who came back on day `refDate + k`, so WeChat can
 * only know it once that day has ended in Beijing time: once it is no later than yesterday.
 */
export function isKeyFinal(refDate: string, key: number, now: number): boolean {
  return addDays(refDate, key) <= beijingYesterday(now);
}

/** The Beijing day from which key k of `refDate` is final (the day after `refDate + k`). */
export function keyFinalFrom(refDate: string, key: number): string {
  return addDays(refDate, key + 1);
}

/** A day is final once its last key (30) is: a cache may keep it for good. */
export function isDayFinal(refDate: string, now: number): boolean {
  return isKeyFinal(refDate, LAST_KEY, now);
}

/** Which of the documented keys of `day` are final at `now` (epoch ms). */
export function dayCompleteness(day: { refDate: string }, now: number): DayCompleteness {
  const finalKeys = RETAIN_KEYS.filter((key) => isKeyFinal(day.refDate, key, now));
  const pendingKeys = RETAIN_KEYS.filter((key) => !isKeyFinal(day.refDate, key, now));
  return { refDate: day.refDate, final: pendingKeys.length === 0, finalKeys, pendingKeys };
}

/** Days after a day is final by the calendar during which WeChat may still fill its last key. */
const LATE_DATA_DAYS = 2;

/**
 * Whether a fetched answer can be kept for good. By the calendar a day is final once
 * ref_date + 30 has passed, but WeChat computes a day's data in the morning after it (a
 * "data not ready" was seen at 09:57 Beijing time), so an answer fetched just after midnight
 * may lack key 30. It counts as final once it holds key 30 for both cohorts, or once
 * LATE_DATA_DAYS more days have passed (an app for which WeChat never reports key 30).
 */
export function isAnswerFinal(day: Pick<DailyRetainData, 'refDate' | 'visitUvNew' | 'visitUv'>, now: number): boolean {
  if (!isDayFinal(day.refDate, now)) return false;
  const hasLastKey = [day.visitUvNew, day.visitUv].every((entries) => entries.some((entry) => entry.key === LAST_KEY));
  return hasLastKey || isKeyFinal(day.refDate, LAST_KEY + LATE_DATA_DAYS, now);
}
