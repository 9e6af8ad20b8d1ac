import type { DailyRetainData } from '../daily-retain/response';
import { DAY } from '../period/day-period';
import * as periods from '../period/period-completeness';
import type { RetainKey } from './retain-keys';

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

// The day case of period-completeness.ts, under the names the library has always exported.

/** Key k of `refDate` is final once day `refDate + k` has ended in Beijing time. */
export function isKeyFinal(refDate: string, key: number, now: number): boolean {
  return periods.isKeyFinal(DAY, refDate, key, now);
}

/** The Beijing day from which key k of `refDate` is final (the day after `refDate + k`). */
export function keyFinalFrom(refDate: string, key: number): string {
  return periods.keyFinalFrom(DAY, refDate, key);
}

/** A day is final once its last key (30) is: a cache may keep it for good. */
export function isDayFinal(refDate: string, now: number): boolean {
  return periods.isPeriodFinal(DAY, refDate, now);
}

/** Which of the documented keys of `day` are final at `now` (epoch ms). */
export function dayCompleteness(day: { refDate: string }, now: number): DayCompleteness {
  return periods.periodCompleteness(DAY, day.refDate, now) as DayCompleteness;
}

/** Whether a fetched day can be kept for good: see period-completeness.ts. */
export function isAnswerFinal(day: Pick<DailyRetainData, 'refDate' | 'visitUvNew' | 'visitUv'>, now: number): boolean {
  return periods.isAnswerFinal(DAY, day.refDate, day, now);
}
