import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient, FileRetainCache, MemoryRetainCache } from '../src';
import { createGetDailyRetainRangeHandler } from '../src/cloud-function/get-daily-retain-range-handler';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';
import { WEEK } from '../src/period/week-period';
import { fakeCloudDatabase } from './helpers/fake-cloud-database';
import { openApiFailure } from './helpers/open-api-failure';
import { NOW } from './helpers/retain-days';

// getDailyRetainRange by week and by month: any dates widen to whole periods, periods not
// yet ended are left out, the result says which periods it covers, and the completeness,
// concurrency, deadline and cache of days hold for weeks and months.

/** 2024-06-15 12:00 Beijing time, a Saturday: yesterday is Friday 20240614. */
const clock = () => NOW;

let emulator: WeChatEmulator;
beforeEach(async () => {
  emulator = await startEmulator({ clock });
});
afterEach(() => emulator.close());

const clientFor = (extra: object = {}) =>
  createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, clock, logger: { warn: () => undefined }, ...extra });
const datacube = () => emulator.count('datacube');

describe('a range of weeks', () => {
  it('widens any dates to whole weeks, leaves out the week under way, and says which weeks it covers', async () => {
    const result = await clientFor().getDailyRetainRange({ beginDate: '20240103', endDate: '20240614', period: 'week' });
    expect(result).toMatchObject({ period: 'week', beginDate: '20240101', endDate: '20240609', missing: [] });
    expect(result.list).toHaveLength(23);
    expect(result.list[0]).toMatchObject({ refDate: '20240101-20240107', errMsg: 'openapi.analysis.getWeeklyRetain:ok', errCode: 0, final: true, pendingKeys: [] });
    expect(result.list.at(-1)).toMatchObject({ refDate: '20240603-20240609', final: false, pendingKeys: [1, 2, 3, 4] });
    expect(emulator.requests.filter((r) => r.endpoint === 'datacube').map((r) => r.path)).toEqual(Array(23).fill(WEEK.path));
  });

  it('says which keys of each week are still to come: W4 of a week is known once the 4th week after it has ended', async () => {
    const { list } = await clientFor().getDailyRetainRange({ beginDate: '20240506', endDate: '20240609', period: 'week' });
    expect(list.map((week) => [week.refDate, week.final, week.pendingKeys])).toEqual([
      ['20240506-20240512', true, []],
      ['20240513-20240519', false, [4]],
      ['20240520-20240526', false, [3, 4]],
      ['20240527-20240602', false, [2, 3, 4]],
      ['20240603-20240609', false, [1, 2, 3, 4]],
    ]);
    expect(list.map((week) => week.visitUvNew.map((entry) => entry.key))).toEqual([[0, 1, 2, 3, 4], [0, 1, 2, 3], [0, 1, 2], [0, 1], [0]]);
  });

  it('takes the last complete week when no date is given, and a day alone as its week', async () => {
    expect(await clientFor().getDailyRetainRange({ period: 'week' })).toMatchObject({ beginDate: '20240603', endDate: '20240609', list: [{ refDate: '20240603-20240609' }] });
    expect(await clientFor().getDailyRetainRange({ beginDate: '20240214', period: 'week' })).toMatchObject({ beginDate: '20240212', endDate: '20240218' });
  });

  it('accepts an end after yesterday, covering the weeks that have ended', async () => {
    expect(await clientFor().getDailyRetainRange({ beginDate: '20240527', endDate: '20991231', period: 'week' })).toMatchObject({ beginDate: '20240527', endDate: '20240609' });
  });

  it('never fetches a final week twice, and fetches weeks still filling in again', async () => {
    const retainCache = new MemoryRetainCache();
    const range = { beginDate: '20240101', endDate: '20240609', period: 'week' } as const;
    await clientFor({ retainCache }).getDailyRetainRange(range);
    expect(datacube()).toBe(23);
    emulator.reset();
    const second = await clientFor({ retainCache }).getDailyRetainRange(range);
    expect(second.list).toHaveLength(23);
    // Weeks 20240101–20240506 are final (19 of them); the 4 after may still change.
    expect(datacube()).toBe(4);
    expect(await retainCache.get(EMULATOR_APPID, 'week-20240101-20240107')).toMatchObject({ refDate: '20240101-20240107' });
    expect(await retainCache.get(EMULATOR_APPID, 'day-20240101')).toBeUndefined();
  });

  it('lists a failed week as missing, with its errMsg, and starts no week after it', async () => {
    emulator.inject('datacube', { kind: 'errcode', errcode: 45009 }, Number.POSITIVE_INFINITY);
    const { list, missing } = await clientFor().getDailyRetainRange({ beginDate: '20240101', endDate: '20240609', period: 'week' }, { concurrency: 2 });
    expect(list).toEqual([]);
    expect(missing).toHaveLength(23);
    expect(missing[0]).toMatchObject({ refDate: '20240101-20240107', errCode: 45009, errMsg: expect.stringMatching(/^openapi\.analysis\.getWeeklyRetain:fail /) });
    expect(missing.at(-1)).toMatchObject({ refDate: '20240603-20240609', errMsg: expect.stringMatching(/^getDailyRetainRange:fail not fetched after 2024\d{4}-2024\d{4} failed/) });
    expect(datacube()).toBe(2);
  });

  it('lists an answer for another period as missing, never cached', async () => {
    const retainCache = new MemoryRetainCache();
    emulator.inject('datacube', { kind: 'body', body: JSON.stringify({ ref_date: '20240101', visit_uv_new: [], visit_uv: [] }) });
    const { missing } = await clientFor({ retainCache }).getDailyRetainRange({ beginDate: '20240101', endDate: '20240107', period: 'week' });
    expect(missing).toEqual([
      { refDate: '20240101-20240107', errCode: -90006, errMsg: 'getDailyRetainRange:fail the answer for 20240101-20240107 is not usable: refDate is not a yyyymmdd-yyyymmdd string' },
    ]);
    expect(await retainCache.get(EMULATOR_APPID, 'week-20240101-20240107')).toBeUndefined();
  });
});

describe('a range of months', () => {
  it('widens any dates to whole months, leaves out the month under way, and says which months it covers', async () => {
    const result = await clientFor().getDailyRetainRange({ beginDate: '20230615', endDate: '20240614', period: 'month' });
    expect(result).toMatchObject({ period: 'month', beginDate: '20230601', endDate: '20240531', missing: [] });
    expect(result.list.map((month) => month.refDate)).toEqual([
      '202306', '202307', '202308', '202309', '202310', '202311', '202312', '202401', '202402', '202403', '202404', '202405',
    ]);
    expect(result.list.at(-2)).toMatchObject({ errMsg: 'openapi.analysis.getMonthlyRetain:ok', final: true, pendingKeys: [] });
    expect(result.list.at(-1)).toMatchObject({ final: false, pendingKeys: [1], visitUvNew: [{ key: 0, value: expect.any(Number) }] });
  });

  it('keeps final months in the file cache under keys that say the month, and checks a record on read', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'retain-months-'));
    try {
      const warnings: string[] = [];
      const range = { beginDate: '20240101', endDate: '20240531', period: 'month' } as const;
      const client = () => clientFor({ retainCache: new FileRetainCache(dir), logger: { warn: (m: string) => warnings.push(m) } });
      await client().getDailyRetainRange(range);
      expect((await fs.readdir(path.join(dir, EMULATOR_APPID))).sort()).toEqual(['month-202401.json', 'month-202402.json', 'month-202403.json', 'month-202404.json']);
      // A record planted for January that holds a day: dropped with one warning, refetched, overwritten.
      const january = path.join(dir, EMULATOR_APPID, 'month-202401.json');
      await fs.writeFile(january, JSON.stringify({ refDate: '20240101', visitUvNew: [], visitUv: [] }));
      emulator.reset();
      const { list } = await client().getDailyRetainRange(range);
      expect(list[0]).toMatchObject({ refDate: '202401', final: true });
      expect(warnings).toEqual([expect.stringMatching(/^retain cache: dropped the record of 202401: refDate is not a yyyymm string; fetching the month again/)]);
      expect(datacube()).toBe(2);
      expect(JSON.parse(await fs.readFile(january, 'utf8'))).toMatchObject({ refDate: '202401' });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps final months in the cloud database under ids that say the month', async () => {
    const { db, collections } = fakeCloudDatabase({ collections: ['wechat_retain_cache', 'wechat_access_tokens'] });
    const { main } = createGetDailyRetainRangeHandler({
      env: { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET },
      platform: { getWXContext: () => ({}), database: () => db },
      clock,
      logger: { warn: () => undefined },
    });
    const result = await main({ beginDate: '20240301', endDate: '20240531', period: 'month' }, { time_limit_in_ms: 10_000 });
    expect(result).toMatchObject({ period: 'month', beginDate: '20240301', endDate: '20240531', errMsg: 'getDailyRetainRange:ok', errCode: 0 });
    const cache = collections.get('wechat_retain_cache');
    expect([...(cache?.keys() ?? [])].sort()).toEqual([`${EMULATOR_APPID}-month-202403`, `${EMULATOR_APPID}-month-202404`]);
    expect(cache?.get(`${EMULATOR_APPID}-month-202403`)).toEqual({ appid: EMULATOR_APPID, key: 'month-202403', value: { refDate: '202403', visitUvNew: expect.any(Array), visitUv: expect.any(Array) } });
  });
});

describe('the limits and rules of a range by period', () => {
  it.each([
    [{ beginDate: '20220613', endDate: '20240609', period: 'week' }, 104],
    [{ beginDate: '20220601', endDate: '20240531', period: 'month' }, 24],
  ])('takes %j, the most periods at a time (%i)', async (range, count) => {
    emulator.settings.latencyMs = 0;
    const { list } = await clientFor().getDailyRetainRange(range as never, { concurrency: 16 });
    expect(list).toHaveLength(count);
  });

  it.each([
    [{ beginDate: '20220606', endDate: '20240609', period: 'week' }, 'the range 20220606–20240609 spans 105 weeks: ask for at most 104 weeks at a time'],
    [{ beginDate: '20220515', endDate: '20240614', period: 'month' }, 'the range 20220515–20240614 spans 25 months (20220501–20240531 in whole months that have ended): ask for at most 24 months at a time'],
    [{ beginDate: '20240612', endDate: '20240614', period: 'week' }, 'no week from beginDate "20240612" on has ended by yesterday (20240614, Beijing time): the last one that has is 20240603–20240609'],
    [{ beginDate: '20240601', period: 'month' }, 'no month from beginDate "20240601" on has ended by yesterday (20240614, Beijing time): the last one that has is 20240501–20240531'],
    [{ beginDate: '20240301', endDate: '20240201', period: 'month' }, 'beginDate "20240301" is after endDate "20240201": give the earlier day first'],
  ])('refuses %j with 61501 before any request: %s', async (range, message) => {
    const error = await openApiFailure(clientFor().getDailyRetainRange(range as never));
    expect(error).toMatchObject({ errCode: 61501, errMsg: `getDailyRetainRange:fail ${message}` });
    expect(emulator.requests).toHaveLength(0);
  });

  it.each([['weekly'], ['Week'], [7], [['week']], ['constructor']])('refuses period %j with -90007, naming the three periods', async (period) => {
    const error = await openApiFailure(clientFor().getDailyRetainRange({ beginDate: '20240101', endDate: '20240131', period } as never));
    expect(error.errCode).toBe(-90007);
    expect(error.errMsg).toMatch(/^getDailyRetainRange:fail period .* is not a period: use "day", "week" or "month" \(or leave it out for days\)$/);
    expect(emulator.requests).toHaveLength(0);
  });

  it.each([[undefined], [null], ['']])('reads period %j as days, and says so in the result', async (period) => {
    const result = await clientFor().getDailyRetainRange({ beginDate: '20240610', endDate: '20240614', period } as never);
    expect(result).toMatchObject({ period: 'day', beginDate: '20240610', endDate: '20240614' });
    expect(result.list.map((day) => day.refDate)).toEqual(['20240610', '20240611', '20240612', '20240613', '20240614']);
  });
});

describe('a range of weeks against the time limit', () => {
  it('returns what it has at the deadline and marks the rest missing, to be fetched by the next call', async () => {
    await emulator.close();
    emulator = await startEmulator({ latencyMs: 100 });
    const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, logger: { warn: () => undefined } });
    const { list, missing } = await client.getDailyRetainRange({ beginDate: '20230101', endDate: '20231231', period: 'week' }, { concurrency: 2, deadlineAt: Date.now() + 800 });
    expect(list.length).toBeGreaterThan(0);
    expect(list.length + missing.length).toBe(53);
    expect(missing.at(-1)).toMatchObject({
      refDate: '20231225-20231231',
      errCode: -90003,
      errMsg: 'getDailyRetainRange:fail the time limit was reached before this week was fetched; call again to continue (finished weeks are cached)',
    });
  });
});
