import { createClient, type RangeDay, retentionRate } from '../src';
import { addDays } from '../src/beijing-date';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';
import { fetchRange } from '../src/range/fetch-range';
import { DAY } from '../src/period/day-period';
import { MemoryRetainCache } from '../src/range/retain-cache';
import { daysAgo, today, yesterday } from './helpers/yesterday';
import { openApiFailure } from './helpers/open-api-failure';

let emulator: WeChatEmulator;
beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.close());

const clientFor = (extra: object = {}) =>
  createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, logger: { warn: () => undefined }, ...extra });


describe('getDailyRetainRange', () => {
  it('returns every day in order, in the cloud.openapi shape, saying which are final', async () => {
    const { list, missing } = await clientFor().getDailyRetainRange({ beginDate: daysAgo(40), endDate: yesterday() });
    expect(missing).toEqual([]);
    expect(list.map((d) => d.refDate)).toEqual(Array.from({ length: 40 }, (_, i) => addDays(daysAgo(40), i)));
    expect(list[0]).toMatchObject({ errMsg: 'openapi.analysis.getDailyRetain:ok', errCode: 0, final: true });
    expect(list.at(-1)).toMatchObject({ refDate: yesterday(), final: false, visitUvNew: [{ key: 0, value: expect.any(Number) }] });
    // ref_date + 30 has passed for the days up to 31 days ago.
    expect(list.filter((d) => d.final).map((d) => d.refDate).at(-1)).toBe(daysAgo(31));
  });

  it('fetches with bounded concurrency and reports progress for every day', async () => {
    let inFlight = 0;
    let peak = 0;
    const fetchPeriod = async (refDate: string) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return { refDate, visitUvNew: [], visitUv: [], errMsg: 'openapi.analysis.getDailyRetain:ok' as const, errCode: 0 as const };
    };
    const progress: number[] = [];
    const days = Array.from({ length: 12 }, (_, i) => addDays('20170301', i));
    const deps = { appid: EMULATOR_APPID, fetchPeriod, cache: new MemoryRetainCache(), clock: Date.now, logger: { warn: () => undefined } };
    const { list } = await fetchRange({ period: DAY, beginDate: '20170301', endDate: '20170312', firstDays: days }, deps, { concurrency: 3, onProgress: (p) => progress.push(p.done) });
    expect(peak).toBe(3);
    expect(list.map((d) => d.refDate)).toEqual(days);
    expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('never fetches a final day twice, and fetches days still filling in again', async () => {
    const retainCache = new MemoryRetainCache();
    const range = { beginDate: daysAgo(35), endDate: yesterday() };
    await clientFor({ retainCache }).getDailyRetainRange(range);
    expect(emulator.count('datacube')).toBe(35);
    emulator.reset();
    const second = await clientFor({ retainCache }).getDailyRetainRange(range);
    expect(second.list).toHaveLength(35);
    // Days 35..31 ago are final (5 days); the 30 newer ones may still change.
    expect(emulator.count('datacube')).toBe(30);
  });

  it('README example: rates are value at key k / value at key 0, null for a day without users', async () => {
    const { list } = await clientFor().getDailyRetainRange({ beginDate: daysAgo(10), endDate: daysAgo(10) });
    const day = list[0] as RangeDay;
    const at = (k: number) => day.visitUvNew.find((e) => e.key === k)?.value as number;
    expect(retentionRate(day.visitUvNew, 7)).toBeCloseTo(at(7) / at(0));
    expect(retentionRate([{ key: 0, value: 0 }, { key: 7, value: 0 }], 7)).toBeNull();
  });

  it('does not keep a day whose answer still lacks key 30, though the calendar says final', async () => {
    const retainCache = new MemoryRetainCache();
    const day = daysAgo(31); // ref_date + 30 was yesterday: final by the calendar since midnight
    // Just after midnight WeChat may not have computed yesterday yet: key 30 is missing.
    const early = { ref_date: day, visit_uv_new: [{ key: 0, value: 5 }], visit_uv: [{ key: 0, value: 9 }] };
    emulator.inject('datacube', { kind: 'body', body: JSON.stringify(early) });
    const first = await clientFor({ retainCache }).getDailyRetainRange({ beginDate: day, endDate: day });
    expect(first.list[0]).toMatchObject({ refDate: day, final: false });
    const second = await clientFor({ retainCache }).getDailyRetainRange({ beginDate: day, endDate: day });
    expect(second.list[0]).toMatchObject({ refDate: day, final: true });
    await clientFor({ retainCache }).getDailyRetainRange({ beginDate: day, endDate: day });
    expect(emulator.count('datacube')).toBe(2);
  });

  it('says which keys of each day are still to come', async () => {
    const { list } = await clientFor().getDailyRetainRange({ beginDate: daysAgo(3), endDate: yesterday() });
    expect(list.map((d) => d.pendingKeys)).toEqual([
      [3, 4, 5, 6, 7, 14, 30],
      [2, 3, 4, 5, 6, 7, 14, 30],
      [1, 2, 3, 4, 5, 6, 7, 14, 30],
    ]);
  });

  it('makes no datacube request for a finished range the second time', async () => {
    const retainCache = new MemoryRetainCache();
    const range = { beginDate: daysAgo(90), endDate: daysAgo(31) };
    const first = await clientFor({ retainCache }).getDailyRetainRange(range);
    emulator.reset();
    const second = await clientFor({ retainCache }).getDailyRetainRange(range);
    expect(emulator.count('datacube')).toBe(0);
    expect(second.list.map(({ final, ...day }) => day)).toEqual(first.list.map(({ final, ...day }) => day));
  });

  it.each([
    [{ beginDate: '20170320', endDate: '20170313' }, /beginDate "20170320" is after endDate "20170313"/],
    [{ beginDate: '20170313', endDate: today() }, /is later than yesterday/],
    [{ beginDate: '20160101', endDate: '20170313' }, /spans 438 days: ask for at most 366 days/],
  ])('rejects %j with 61501 before any request', async (range, message) => {
    const error = await openApiFailure(clientFor().getDailyRetainRange(range));
    expect(error.errCode).toBe(61501);
    expect(error.errMsg).toMatch(/^getDailyRetainRange:fail /);
    expect(error.errMsg).toMatch(message);
    expect(emulator.requests).toHaveLength(0);
  });

  it('stops starting days after a failure and lists the days it could not fetch', async () => {
    emulator.inject('datacube', { kind: 'errcode', errcode: 45009 }, Number.POSITIVE_INFINITY);
    const { list, missing } = await clientFor().getDailyRetainRange({ beginDate: daysAgo(20), endDate: yesterday() }, { concurrency: 2 });
    expect(list).toEqual([]);
    expect(missing).toHaveLength(20);
    expect(missing[0]).toMatchObject({ refDate: daysAgo(20), errCode: 45009, errMsg: expect.stringMatching(/^openapi\.analysis\.getDailyRetain:fail/) });
    expect(missing.at(-1)).toMatchObject({ errCode: 45009, errMsg: expect.stringMatching(/not fetched after/) });
    expect(emulator.count('datacube')).toBe(2);
  });

  it('returns what it has at the deadline and marks the rest missing', async () => {
    emulator.settings.latencyMs = 100;
    const { list, missing } = await clientFor().getDailyRetainRange(
      { beginDate: daysAgo(30), endDate: yesterday() },
      { concurrency: 2, deadlineAt: Date.now() + 800 },
    );
    expect(list.length).toBeGreaterThan(0);
    expect(missing.length).toBeGreaterThan(0);
    expect(list.length + missing.length).toBe(30);
    expect(missing.at(-1)).toMatchObject({ refDate: yesterday(), errCode: -90003, errMsg: expect.stringMatching(/call again to continue/) });
  });
});

describe('fetchRange, counted exactly', () => {
  const days = ['20170301', '20170302', '20170303'];
  const query = { period: DAY, beginDate: '20170301', endDate: '20170303', firstDays: days };
  const answer = (refDate: string) => ({ refDate, visitUvNew: [{ key: 30, value: 1 }], visitUv: [{ key: 30, value: 2 }] });

  it('fetches each period once, says in its progress which came from the cache, and caches the final ones', async () => {
    const fetched: string[] = [];
    const cache = new MemoryRetainCache();
    const deps = { appid: EMULATOR_APPID, fetchPeriod: async (day: string) => {
        fetched.push(day);
        return answer(day);
      }, cache, clock: Date.now, logger: { warn: () => undefined } };
    const first: boolean[] = [];
    await fetchRange(query, deps, { concurrency: 1, onProgress: (p) => first.push(p.fromCache) });
    expect(fetched).toEqual(days);
    expect(first).toEqual([false, false, false]);
    const again: boolean[] = [];
    const { list } = await fetchRange(query, deps, { concurrency: 1, onProgress: (p) => again.push(p.fromCache) });
    expect(fetched).toHaveLength(3);
    expect(again).toEqual([true, true, true]);
    expect(list.every((item) => item.final)).toBe(true);
  });

  it('starts a period with exactly MIN_PERIOD_MS (300 ms) left, and none with less', async () => {
    const fetched: string[] = [];
    const deps = { appid: EMULATOR_APPID, fetchPeriod: async (day: string) => {
        fetched.push(day);
        return answer(day);
      }, cache: new MemoryRetainCache(), clock: () => 1_000, logger: { warn: () => undefined } };
    await fetchRange(query, deps, { deadlineAt: 1_300 });
    expect(fetched).toEqual(days);
    const { list, missing } = await fetchRange(query, { ...deps, cache: new MemoryRetainCache() }, { deadlineAt: 1_299 });
    expect(fetched).toHaveLength(3);
    expect(list).toEqual([]);
    expect(missing.map((m) => m.errCode)).toEqual([-90003, -90003, -90003]);
  });

  it('reports a period whose fetch threw something other than an OpenApiError as -90099, and stops', async () => {
    const deps = {
      appid: EMULATOR_APPID,
      fetchPeriod: async () => {
        throw new TypeError('boom');
      },
      cache: new MemoryRetainCache(),
      clock: Date.now,
      logger: { warn: () => undefined },
    };
    const { missing } = await fetchRange(query, deps, { concurrency: 1 });
    expect(missing).toEqual([
      { refDate: '20170301', errCode: -90099, errMsg: 'unexpected error: TypeError: boom' },
      { refDate: '20170302', errCode: -90099, errMsg: 'getDailyRetainRange:fail not fetched after 20170301 failed (errCode -90099)' },
      { refDate: '20170303', errCode: -90099, errMsg: 'getDailyRetainRange:fail not fetched after 20170301 failed (errCode -90099)' },
    ]);
  });
});
