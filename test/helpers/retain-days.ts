import { addDays, beijingYesterday } from '../../src/beijing-date';
import { camelCaseKeys } from '../../src/camel-case';
import type { DailyRetainData } from '../../src/daily-retain/response';
import { EMULATOR_APPID } from '../../src/emulator/wechat-emulator';
import { retainData } from '../../src/emulator/retain-data';

/** 12:00 on 2024-06-15, Beijing time: yesterday is 20240614. */
export const NOW = Date.UTC(2024, 5, 15, 4, 0);

/**
 * `count` days ending yesterday (Beijing time, at `now`), oldest first, as the library returns
 * them: the emulator's numbers, camelCased. The last 30 days are still filling in.
 */
export function retainDays(count: number, now = NOW): DailyRetainData[] {
  const yesterday = beijingYesterday(now);
  return Array.from(
    { length: count },
    (_, i) => camelCaseKeys(retainData(EMULATOR_APPID, addDays(yesterday, i - count + 1), yesterday)) as DailyRetainData,
  );
}

/** `day` as if it had no new users: every visit_uv_new value is 0. */
export function withoutNewUsers(day: DailyRetainData): DailyRetainData {
  return { ...day, visitUvNew: day.visitUvNew.map((entry) => ({ ...entry, value: 0 })) };
}

/** The value at `key`; throws when the day has none, so a test cannot compare against undefined. */
export function valueAt(entries: readonly { key: number; value: number }[], key: number): number {
  const entry = entries.find((e) => e.key === key);
  if (!entry) throw new Error(`no value at key ${key}`);
  return entry.value;
}
