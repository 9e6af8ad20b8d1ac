import { addDays, beijingYesterday } from '../beijing-date';
import type { RetainEntry } from '../daily-retain/response';
import { keyEnd, type Period } from './period';

/** How much of one period WeChat can still change. */
export interface PeriodCompleteness {
  /** WeChat's ref_date of the period. */
  refDate: string;
  /** True once every key is final: no later fetch can add or change anything. */
  final: boolean;
  /** Keys whose period has passed in Beijing time, in key order. */
  finalKeys: number[];
  /** Keys still to come, in key order. */
  pendingKeys: number[];
}

/**
 * Key k counts the users of the period who came back in period ref + k, so WeChat can only
 * know it once that whole period has ended in Beijing time: once its last day is no later
 * than yesterday. For a day, that is day ref + k; for a week, the Sunday k weeks on; for a
 * month, the last day of the k-th month after.
 */
export function isKeyFinal(period: Period, firstDay: string, key: number, now: number): boolean {
  return keyEnd(period, firstDay, key) <= beijingYesterday(now);
}

/** The Beijing day from which key k of the period starting on `firstDay` is final: the day after period ref + k. */
export function keyFinalFrom(period: Period, firstDay: string, key: number): string {
  return addDays(keyEnd(period, firstDay, key), 1);
}

/** The last documented key: a period is final once it is. */
export function lastKey(period: Period): number {
  return period.keys[period.keys.length - 1] as number;
}

/** A period is final once its last key is: a cache may keep it for good. */
export function isPeriodFinal(period: Period, firstDay: string, now: number): boolean {
  return isKeyFinal(period, firstDay, lastKey(period), now);
}

/** Which of the documented keys of the period starting on `firstDay` are final at `now` (epoch ms). */
export function periodCompleteness(period: Period, firstDay: string, now: number): PeriodCompleteness {
  const finalKeys = period.keys.filter((key) => isKeyFinal(period, firstDay, key, now));
  const pendingKeys = period.keys.filter((key) => !isKeyFinal(period, firstDay, key, now));
  return { refDate: period.refDate(firstDay), final: pendingKeys.length === 0, finalKeys, pendingKeys };
}

/**
 * Days after a period's last key is final by the calendar during which WeChat may still fill
 * it in. WeChat computes a day's data in the morning after it (a "data not ready" was seen at
 * 09:57 Beijing time), and a week's or a month's on the days after it ends (undocumented):
 * the margin is about when the last day's data lands, not about the period's length.
 */
export const LATE_DATA_DAYS = 2;

/**
 * Whether a fetched answer can be kept for good. By the calendar a period is final once
 * period ref + last key has ended, but an answer fetched just after that may still lack the
 * last key. It counts as final once it holds the last key for both cohorts, or once
 * LATE_DATA_DAYS more days have passed (an app for which WeChat never reports that key).
 */
export function isAnswerFinal(
  period: Period,
  firstDay: string,
  answer: { visitUvNew: readonly RetainEntry[]; visitUv: readonly RetainEntry[] },
  now: number,
): boolean {
  if (!isPeriodFinal(period, firstDay, now)) return false;
  const last = lastKey(period);
  const hasLastKey = [answer.visitUvNew, answer.visitUv].every((entries) => entries.some((entry) => entry.key === last));
  return hasLastKey || addDays(keyEnd(period, firstDay, last), LATE_DATA_DAYS) <= beijingYesterday(now);
}
