import { createClient, type RangeResult } from '../../src';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator } from '../../src/emulator/wechat-emulator';
import type { PeriodId } from '../../src/period/period';
import { PERIOD_IDS } from '../../src/period/periods';
import { NOW } from './retain-days';

/** The three range results of one span of dates, keyed by period. */
export type RetainRanges = Record<PeriodId, RangeResult>;

/**
 * What `getDailyRetainRange` returns by day, week and month for `beginDate`–`endDate` at `now`,
 * fetched from the emulator through the library: real range results, as the report's CLI will
 * pass them, rather than hand-written fixtures.
 */
export async function retainRanges(beginDate: string, endDate: string, now = NOW): Promise<RetainRanges> {
  const clock = () => now;
  const emulator = await startEmulator({ clock });
  try {
    const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, clock, logger: { warn: () => undefined } });
    const ranges: Partial<RetainRanges> = {};
    for (const period of PERIOD_IDS) ranges[period] = await client.getDailyRetainRange({ beginDate, endDate, period });
    return ranges as RetainRanges;
  } finally {
    await emulator.close();
  }
}
