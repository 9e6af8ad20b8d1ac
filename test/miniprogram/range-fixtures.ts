import { performance } from 'node:perf_hooks';
import { createGetDailyRetainRangeHandler, type RangeFunctionResult } from '../../src/cloud-function/get-daily-retain-range-handler';
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

/**
 * The real function's answer for weeks or months (as for days: nothing written by hand),
 * typed as its success; any failure throws, so a test cannot build on one.
 */
export async function periodResult(event: { beginDate: string; endDate: string; period: 'week' | 'month' }): Promise<RangeFunctionResult> {
  const result = await runRangeFunction(event);
  if (result.errCode !== 0) throw new Error(`the range function failed: ${JSON.stringify(result)}`);
  return result as unknown as RangeFunctionResult;
}
