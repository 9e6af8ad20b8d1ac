import { createClient } from '../../src';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import { MemoryRetainCache } from '../../src/range/retain-cache';
import { daysAgo } from '../helpers/yesterday';

// A single-day call passes any success answer through, as cloud.openapi does (test/parity).
// Ranges, caches, CSV and the report use only days in the documented shape, for the day
// asked for: these expectations were the single-day call's before it passed odd answers through.

let emulator: WeChatEmulator;
beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.close());

const DAY = daysAgo(40); // final: it would be cached
const documented = (refDate: string) => JSON.stringify({ ref_date: refDate, visit_uv_new: [{ key: 0, value: 5 }], visit_uv: [{ key: 0, value: 9 }] });

function client(retainCache = new MemoryRetainCache()) {
  const warnings: string[] = [];
  const made = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, retainCache, logger: { warn: (line) => warnings.push(line) } });
  return { client: made, warnings, retainCache };
}

describe('a range leaves out a day that is not in the documented shape', () => {
  it.each([
    ['an answer for another day', documented(daysAgo(41)), /refDate is "\d{8}", not the day asked for/],
    ['an empty answer', '{}', /refDate is not a yyyymmdd string/],
    ['an answer without visit_uv', JSON.stringify({ ref_date: DAY, visit_uv_new: [] }), /visitUv is not a list of \{key, value\} entries/],
    ['string keys', JSON.stringify({ ref_date: DAY, visit_uv_new: [{ key: '0', value: 1 }], visit_uv: [] }), /visitUvNew\.0\.key is not a number/],
  ])('%s: missing with errCode -90006 and the reason, never cached, though a single-day call returns it', async (_name, body, reason) => {
    const { client: range, warnings, retainCache } = client();
    emulator.inject('datacube', { kind: 'body', body }, 2);
    const { list, missing } = await range.getDailyRetainRange({ beginDate: DAY, endDate: DAY });
    expect(list).toEqual([]);
    expect(missing).toEqual([{ refDate: DAY, errCode: -90006, errMsg: expect.stringMatching(reason) }]);
    expect(missing[0]?.errMsg).toMatch(/^getDailyRetainRange:fail /);
    expect(await retainCache.get(EMULATOR_APPID, `day-${DAY}`)).toBeUndefined();
    expect(warnings).toHaveLength(1);

    const single = await range.openapi.analysis.getDailyRetain({ beginDate: DAY });
    expect(single.errCode).toBe(0);
  });

  it('keeps a documented day, and caches it once final', async () => {
    const { client: range, retainCache } = client();
    emulator.inject('datacube', { kind: 'body', body: documented(DAY) });
    const { list, missing } = await range.getDailyRetainRange({ beginDate: DAY, endDate: DAY });
    expect(missing).toEqual([]);
    expect(list).toMatchObject([{ refDate: DAY, visitUvNew: [{ key: 0, value: 5 }], final: true }]);
    expect(await retainCache.get(EMULATOR_APPID, `day-${DAY}`)).toMatchObject({ refDate: DAY });
  });
});
