import { addDays, beijingYesterday } from '../beijing-date';
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
