import { performance } from 'node:perf_hooks';
import { addDays } from '../../src/beijing-date';
import { createGetDailyRetainRangeHandler } from '../../src/cloud-function/get-daily-retain-range-handler';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator } from '../../src/emulator/wechat-emulator';
import { NOW } from '../helpers/retain-days';

export { NOW };

/** What the range function returns (its own result, or a failure). */
export type RangeResult = Record<string, unknown>;

export interface RunOptions {
  /** Function environment variables beside the emulator's (undefined removes one). */
  env?: Record<string, string | undefined>;
  /** The caller, as getWXContext() would report a mini-program user. */
  openid?: string;
  /** The emulator's delay before every answer. */
  latencyMs?: number;
  /** The function's time limit (context.time_limit_in_ms). */
  timeLimitMs?: number;
}

/**
 * The real getDailyRetainRange function (its handler, as the built index.js wires it) against
 * the emulator, on a clock that starts at NOW (12:00 Beijing time, 2024-06-15) and runs at
 * real speed, so that time limits behave as in the cloud. Fixtures made this way keep the
 * function's exact shape and messages: nothing is written by hand.
 */
export async function runRangeFunction(event: object, options: RunOptions = {}): Promise<RangeResult> {
  const started = performance.now();
  const clock = () => NOW + (performance.now() - started);
  const emulator = await startEmulator({ clock, latencyMs: options.latencyMs ?? 0 });
  try {
    const env = { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, ...options.env };
    const platform = { getWXContext: () => (options.openid ? { OPENID: options.openid, APPID: EMULATOR_APPID } : {}), database: () => undefined };
    const { main } = createGetDailyRetainRangeHandler({ env, platform, clock, logger: { warn: () => undefined } });
    return (await main(event, { time_limit_in_ms: options.timeLimitMs ?? 60_000 })) as RangeResult;
  } finally {
    await emulator.close();
  }
}

type Entry = { key: number; value: number };

/**
 * A weekly or monthly result shaped by the range contract of issue 13 (not built yet):
 * `{period, beginDate, endDate, list, missing, errMsg, errCode}`, weeks as
 * `"yyyymmdd-yyyymmdd"` with keys 0–4, months as `"yyyymm"` with keys 0–1; key k appears
 * and is final once the whole period k has passed by `lastDay`.
 */
export function contractResult(period: 'week' | 'month', periods: { refDate: string; firstDay: string }[], lastDay: string, endDate: string) {
  const keys = period === 'week' ? [0, 1, 2, 3, 4] : [0, 1];
  const keyEnd = (firstDay: string, key: number) => (period === 'week' ? addDays(firstDay, 7 * (key + 1) - 1) : monthEndAfter(firstDay, key));
  const list = periods.map(({ refDate, firstDay }, i) => {
    const passed = keys.filter((key) => keyEnd(firstDay, key) <= lastDay);
    const cohort = (size: number, decay: number): Entry[] =>
      passed.map((key) => ({ key, value: key === 0 ? size : Math.round(size * decay ** key * (period === 'week' ? 0.55 : 0.4)) }));
    const size = 9000 + ((i * 7919) % 2500);
    return {
      refDate,
      visitUvNew: cohort(size, 0.8),
      visitUv: cohort(size * 6, 0.9),
      errMsg: `openapi.analysis.get${period === 'week' ? 'Weekly' : 'Monthly'}Retain:ok`,
      errCode: 0,
      final: passed.length === keys.length,
      pendingKeys: keys.filter((key) => !passed.includes(key)),
    };
  });
  const first = periods[0]?.firstDay ?? endDate;
  return { period, beginDate: first, endDate, list, missing: [], errMsg: 'getDailyRetainRange:ok', errCode: 0 };
}

function monthEndAfter(firstDay: string, months: number): string {
  const date = new Date(Date.UTC(Number(firstDay.slice(0, 4)), Number(firstDay.slice(4, 6)) + months, 0));
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

/** The Monday-to-Sunday weeks from `monday`, `count` of them. */
export function weeksFrom(monday: string, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const firstDay = addDays(monday, 7 * i);
    return { refDate: `${firstDay}-${addDays(firstDay, 6)}`, firstDay };
  });
}

/** The months from `yyyymm`, `count` of them. */
export function monthsFrom(month: string, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(4, 6)) - 1 + i, 1));
    const refDate = date.toISOString().slice(0, 7).replace('-', '');
    return { refDate, firstDay: `${refDate}01` };
  });
}
