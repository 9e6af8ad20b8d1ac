import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient, FileRetainCache, formatCsv, formatTable, renderReport } from '../../src';
import { createGetDailyRetainRangeHandler } from '../../src/cloud-function/get-daily-retain-range-handler';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import { fakeCloudDatabase } from '../helpers/fake-cloud-database';
import { daysAgo } from '../helpers/yesterday';

// Issue 11, point 3: a cache record is checked with the same schema as a fresh answer. A
// record that fails is dropped with one warning, the day is fetched again and the record
// overwritten. (A record holding only {"refDate": …} crashed the report, CSV and table
// with "Cannot read properties of undefined", forever, and came back as `final: true`.)

let emulator: WeChatEmulator;
let dir: string;
beforeEach(async () => {
  emulator = await startEmulator();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'retain-records-'));
});
afterEach(async () => {
  await emulator.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const DAY = daysAgo(40);
const recordFile = (day = DAY) => path.join(dir, EMULATOR_APPID, `day-${day}.json`);

async function plant(text: string, day = DAY): Promise<void> {
  await fs.mkdir(path.dirname(recordFile(day)), { recursive: true });
  await fs.writeFile(recordFile(day), text);
}

function fileClient() {
  const warnings: string[] = [];
  const client = createClient({
    appid: EMULATOR_APPID,
    secret: EMULATOR_SECRET,
    apiBase: emulator.url,
    retainCache: new FileRetainCache(dir),
    logger: { warn: (message) => warnings.push(message) },
  });
  return { client, warnings };
}

const values = (value: string) => `[{"key":0,"value":10},{"key":30,"value":${value}}]`;

describe('a file-cache record that is not a usable day', () => {
  it.each([
    ['only a refDate', `{"refDate":"${DAY}"}`],
    ['1e308', `{"refDate":"${DAY}","visitUvNew":${values('1e308')},"visitUv":${values('1')}}`],
    ['a negative count', `{"refDate":"${DAY}","visitUvNew":${values('-5')},"visitUv":${values('1')}}`],
    ['another day', `{"refDate":"20170313","visitUvNew":[],"visitUv":[]}`],
    ['null', 'null'],
    ['a string', '"day"'],
    ['an array', '[]'],
    ['not JSON', '{"refDate":'],
  ])('is dropped with one warning, refetched and overwritten: %s', async (_, record) => {
    await plant(record);
    const { client, warnings } = fileClient();
    const { list, missing } = await client.getDailyRetainRange({ beginDate: DAY, endDate: DAY });
    expect(missing).toEqual([]);
    expect(list).toEqual([expect.objectContaining({ refDate: DAY, final: true, visitUvNew: expect.arrayContaining([{ key: 30, value: expect.any(Number) }]) })]);
    expect(emulator.count('datacube')).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^retain cache: /);
    const { errMsg: _errMsg, errCode: _errCode, final: _final, pendingKeys: _pending, ...day } = list[0] as (typeof list)[number];
    expect(JSON.parse(await fs.readFile(recordFile(), 'utf8'))).toEqual(day);
    for (const render of [formatCsv, formatTable, renderReport]) expect(() => render(list, { now: Date.now() })).not.toThrow();

    // The overwritten record is used from now on: no request, no warning.
    emulator.reset();
    const again = fileClient();
    expect((await again.client.getDailyRetainRange({ beginDate: DAY, endDate: DAY })).list).toEqual(list);
    expect(emulator.count('datacube')).toBe(0);
    expect(again.warnings).toEqual([]);
  });

  it('names the day and what is wrong with its record', async () => {
    await plant(`{"refDate":"${DAY}"}`);
    const { client, warnings } = fileClient();
    await client.getDailyRetainRange({ beginDate: DAY, endDate: DAY });
    expect(warnings).toEqual([
      `retain cache: dropped the record of ${DAY}: visitUvNew is not a list of {key, value} entries; fetching the day again and overwriting the record (further bad records are not reported)`,
    ]);
  });

  it('warns once for a range with many bad records', async () => {
    for (let ago = 40; ago <= 49; ago++) await plant(`{"refDate":"${daysAgo(ago)}"}`, daysAgo(ago));
    const { client, warnings } = fileClient();
    const { list } = await client.getDailyRetainRange({ beginDate: daysAgo(49), endDate: daysAgo(40) });
    expect(list).toHaveLength(10);
    expect(emulator.count('datacube')).toBe(10);
    expect(warnings).toHaveLength(1);
  });
});

describe('a cache record of a day still filling in', () => {
  it('is not read: the day is fetched, served as not final and the record left alone', async () => {
    // A well-formed record of a day whose key 30 has not passed (written by an instance whose
    // clock ran ahead, or by hand) must not be served as final with keys WeChat has yet to fill.
    const recent = daysAgo(3);
    const planted = `{"refDate":"${recent}","visitUvNew":${values('7')},"visitUv":${values('7')}}`;
    await plant(planted, recent);
    const { client, warnings } = fileClient();
    const { list, missing } = await client.getDailyRetainRange({ beginDate: recent, endDate: recent });
    expect(missing).toEqual([]);
    expect(list).toEqual([expect.objectContaining({ refDate: recent, final: false, pendingKeys: expect.arrayContaining([30]) })]);
    expect((list[0] as (typeof list)[number]).visitUvNew).not.toContainEqual({ key: 30, value: 7 });
    expect(emulator.count('datacube')).toBe(1);
    expect(warnings).toEqual([]);
    expect(await fs.readFile(recordFile(recent), 'utf8')).toBe(planted);
  });
});

describe('a cache record of a final day that lacks its last key', () => {
  it('is fetched again and overwritten: it was written before WeChat had key 30', async () => {
    // Key 30 of this day is yesterday's: final by the calendar, and the emulator has it now.
    const day = daysAgo(31);
    await plant(`{"refDate":"${day}","visitUvNew":[{"key":0,"value":10}],"visitUv":[{"key":0,"value":20}]}`, day);
    const { client, warnings } = fileClient();
    const { list } = await client.getDailyRetainRange({ beginDate: day, endDate: day });
    expect(emulator.count('datacube')).toBe(1);
    expect(warnings).toEqual([]);
    expect(list).toEqual([expect.objectContaining({ refDate: day, final: true, visitUvNew: expect.arrayContaining([{ key: 30, value: expect.any(Number) }]) })]);
    expect(JSON.parse(await fs.readFile(recordFile(day), 'utf8')).visitUvNew).toContainEqual({ key: 30, value: expect.any(Number) });
  });
});

describe('a cloud-database record that is not a usable day', () => {
  it('is dropped with one warning; the range function returns the real day and overwrites the record', async () => {
    const collection = 'wechat_retain_cache';
    const { db, collections } = fakeCloudDatabase({ collections: [collection, 'wechat_access_tokens'] });
    const id = `${EMULATOR_APPID}-day-${DAY}`;
    collections.get(collection)?.set(id, { appid: EMULATOR_APPID, key: `day-${DAY}`, value: { refDate: DAY } });
    const warnings: string[] = [];
    const { main } = createGetDailyRetainRangeHandler({
      env: { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET },
      platform: { getWXContext: () => ({}), database: () => db },
      logger: { warn: (message) => warnings.push(message) },
    });
    const result = (await main({ beginDate: DAY, endDate: DAY }, { time_limit_in_ms: 3000 })) as { list: Record<string, unknown>[] };
    expect(result.list).toEqual([expect.objectContaining({ refDate: DAY, final: true, visitUvNew: expect.arrayContaining([{ key: 30, value: expect.any(Number) }]) })]);
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`retain cache: dropped the record of ${DAY}: visitUvNew is not a list`))]);
    const stored = collections.get(collection)?.get(id) as { value: unknown };
    expect(stored.value).toEqual({ refDate: DAY, visitUvNew: result.list[0]?.visitUvNew, visitUv: result.list[0]?.visitUv });
  });
});
