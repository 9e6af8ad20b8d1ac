import { createGetDailyRetainHandler } from '../../src/cloud-function/get-daily-retain-handler';
import { createGetDailyRetainRangeHandler } from '../../src/cloud-function/get-daily-retain-range-handler';
import { deadlineFor } from '../../src/cloud-function/function-runtime';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import { fakeCloudDatabase } from '../helpers/fake-cloud-database';
import { daysAgo } from '../helpers/yesterday';
import { type DatabaseOperation, hookedDatabase } from './database-faults';

// Issue 11, point 7: every cache and store operation ends by the call's deadline, not only
// by its own 1 s guard. (A cloud retain-cache write of 900–990 ms pushed
// getDailyRetainRange to 3.16–3.41 s under a 3 s limit.)

let emulator: WeChatEmulator;
beforeEach(async () => {
  emulator = await startEmulator({ latencyMs: 20 });
});
afterEach(() => emulator.close());

const RETAIN_COLLECTION = 'wechat_retain_cache';

/** The range function on a cloud database whose retain-cache `slow` operations take 900–990 ms (or `ms`). */
function rangeFunction(slow: DatabaseOperation[], ms?: number) {
  const { db } = fakeCloudDatabase({ collections: [RETAIN_COLLECTION, 'wechat_access_tokens'] });
  const database = hookedDatabase(db, async (operation, collection) => {
    if (collection === RETAIN_COLLECTION && slow.includes(operation)) {
      await new Promise((resolve) => setTimeout(resolve, ms ?? 900 + Math.random() * 90));
    }
  });
  const warnings: string[] = [];
  const { main } = createGetDailyRetainRangeHandler({
    env: { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET },
    platform: { getWXContext: () => ({}), database: () => database },
    logger: { warn: (message) => warnings.push(message) },
  });
  return { main, warnings };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

describe('a slow retain cache in the range function', () => {
  it('does not hold a final day past the deadline: a 950 ms write is cut at the 600 ms budget of an 800 ms limit', async () => {
    const { main, warnings } = rangeFunction(['set'], 950);
    const budget = deadlineFor(0, { time_limit_in_ms: 800 });
    const { result, ms } = await timed(() => main({ beginDate: daysAgo(40), endDate: daysAgo(40) }, { time_limit_in_ms: 800 }));
    expect(ms).toBeLessThan(budget + 150);
    // The day is in hand: it is returned, the write is abandoned without a warning (the
    // deadline is not the cache's fault), and the next call may cache it.
    expect(result).toMatchObject({ errCode: 0, missing: [], list: [expect.objectContaining({ refDate: daysAgo(40), final: true })] });
    expect(warnings.filter((warning) => warning.includes('retain cache'))).toEqual([]);
  });

  it.each([
    ['writes', ['set'] as DatabaseOperation[]],
    ['reads and writes', ['get', 'set'] as DatabaseOperation[]],
  ])('answers within a 3 s limit when %s take 900–990 ms', async (_, slow) => {
    const { main } = rangeFunction(slow);
    const budget = deadlineFor(0, { time_limit_in_ms: 3000 });
    const { result, ms } = await timed(() => main({ beginDate: daysAgo(120), endDate: daysAgo(31) }, { time_limit_in_ms: 3000 }));
    expect(ms).toBeLessThan(budget + 150);
    expect(result).toMatchObject({ errCode: 0 });
    expect((result as { missing: { errCode: number }[] }).missing[0]).toMatchObject({ errCode: -90003 });
  });
});

describe('a slow token store (WECHAT_TOKEN_STORE=database)', () => {
  it('does not hold a call past its deadline when every operation takes 900–990 ms', async () => {
    const { db } = fakeCloudDatabase({ collections: ['wechat_access_tokens'] });
    const database = hookedDatabase(db, () => new Promise((resolve) => setTimeout(resolve, 900 + Math.random() * 90)));
    const { main } = createGetDailyRetainHandler({
      env: { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_TOKEN_STORE: 'database' },
      platform: { getWXContext: () => ({}), database: () => database },
      logger: { warn: () => undefined },
    });
    const budget = deadlineFor(0, { time_limit_in_ms: 800 });
    const { result, ms } = await timed(() => main({ beginDate: daysAgo(40) }, { time_limit_in_ms: 800 }));
    expect(ms).toBeLessThan(budget + 150);
    expect(result).toMatchObject({ errCode: -90003 });
  });
});
