import { addDays } from '../src/beijing-date';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';
import { NOW } from './helpers/retain-days';

// The emulator's weekly and monthly retain endpoints: WeChat's date rules (61501 for
// anything but one whole week or month that has ended), keys filled in as periods end, and
// numbers consistent with the days it serves.

const WEEKLY = '/datacube/getweanalysisappidweeklyretaininfo';
const MONTHLY = '/datacube/getweanalysisappidmonthlyretaininfo';
const DAILY = '/datacube/getweanalysisappiddailyretaininfo';

let emulator: WeChatEmulator;
let token: string;
beforeAll(async () => {
  // 2024-06-15 12:00 Beijing time: yesterday is Friday 20240614.
  emulator = await startEmulator({ clock: () => NOW });
  const answer = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: EMULATOR_APPID, secret: EMULATOR_SECRET });
  token = answer.access_token as string;
});
afterAll(() => emulator.close());

async function post(path: string, body: unknown, accessToken?: string): Promise<Record<string, unknown>> {
  const query = accessToken === undefined ? '' : `?access_token=${accessToken}`;
  return (await fetch(`${emulator.url}${path}${query}`, { method: 'POST', body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
}
const retain = (path: string, begin: string, end: string) => post(path, { begin_date: begin, end_date: end }, token);
type Entry = { key: number; value: number };
const keysOf = (answer: Record<string, unknown>) => (answer.visit_uv_new as Entry[]).map((entry) => entry.key);
const at = (entries: unknown, key: number) => (entries as Entry[]).find((entry) => entry.key === key)?.value as number;

describe('the weekly retain endpoint', () => {
  it('answers a Monday-to-Sunday week with ref_date yyyymmdd-yyyymmdd', async () => {
    const answer = await retain(WEEKLY, '20170306', '20170312');
    expect(answer).toEqual({ ref_date: '20170306-20170312', visit_uv_new: expect.any(Array), visit_uv: expect.any(Array) });
    expect(keysOf(answer)).toEqual([0, 1, 2, 3, 4]);
  });

  it.each([
    ['a week that starts on a Tuesday', '20240604', '20240610'],
    ['a Monday and the Saturday after it', '20240603', '20240608'],
    ['two weeks', '20240527', '20240609'],
    ['one day', '20240603', '20240603'],
    ['the current week, not ended yet', '20240610', '20240616'],
  ])('answers 61501 for %s', async (_name, begin, end) => {
    expect(await retain(WEEKLY, begin, end)).toMatchObject({ errcode: 61501, errmsg: expect.stringMatching(/^date range error rid: /) });
  });

  it('answers 61500 for a date that is not a calendar day', async () => {
    expect((await retain(WEEKLY, '20240230', '20240303')).errcode).toBe(61500);
  });

  it('fills key k only once week ref + k has ended', async () => {
    expect(keysOf(await retain(WEEKLY, '20240603', '20240609'))).toEqual([0]);
    expect(keysOf(await retain(WEEKLY, '20240520', '20240526'))).toEqual([0, 1, 2]);
    expect(keysOf(await retain(WEEKLY, '20240506', '20240512'))).toEqual([0, 1, 2, 3, 4]);
  });

  it("counts the week's new users as the sum of its days' new users, and its active users between its busiest day and the sum", async () => {
    const days = await Promise.all(Array.from({ length: 7 }, (_, i) => retain(DAILY, addDays('20240506', i), addDays('20240506', i))));
    const week = await retain(WEEKLY, '20240506', '20240512');
    const newUsers = days.map((day) => at(day.visit_uv_new, 0));
    const activeUsers = days.map((day) => at(day.visit_uv, 0));
    expect(at(week.visit_uv_new, 0)).toBe(newUsers.reduce((a, b) => a + b));
    expect(at(week.visit_uv, 0)).toBeGreaterThanOrEqual(Math.max(...activeUsers));
    expect(at(week.visit_uv, 0)).toBeLessThanOrEqual(activeUsers.reduce((a, b) => a + b));
    for (const key of [1, 2, 3, 4]) expect(at(week.visit_uv_new, key)).toBeLessThan(at(week.visit_uv_new, 0));
  });

  it('applies the token checks of the daily endpoint', async () => {
    expect((await post(WEEKLY, { begin_date: '20170306', end_date: '20170312' })).errcode).toBe(41001);
    expect((await post(WEEKLY, { begin_date: '20170306', end_date: '20170312' }, 'x'.repeat(64))).errcode).toBe(40001);
  });

  it('is a datacube endpoint for faults and counts', async () => {
    emulator.inject('datacube', { kind: 'errcode', errcode: 61503 });
    expect((await retain(WEEKLY, '20170306', '20170312')).errcode).toBe(61503);
    expect(emulator.requests.at(-1)).toMatchObject({ endpoint: 'datacube', path: WEEKLY });
  });
});

describe('the monthly retain endpoint', () => {
  it('answers a calendar month with ref_date yyyymm', async () => {
    const answer = await retain(MONTHLY, '20170201', '20170228');
    expect(answer).toEqual({ ref_date: '201702', visit_uv_new: expect.any(Array), visit_uv: expect.any(Array) });
    expect(keysOf(answer)).toEqual([0, 1]);
  });

  it.each([
    ['a month that starts on the 2nd', '20240402', '20240430'],
    ['the 1st and the day before the last', '20240201', '20240228'],
    ['two months', '20240301', '20240430'],
    ['the current month, not ended yet', '20240601', '20240630'],
  ])('answers 61501 for %s', async (_name, begin, end) => {
    expect((await retain(MONTHLY, begin, end)).errcode).toBe(61501);
  });

  it('takes a leap February to its 29th', async () => {
    expect((await retain(MONTHLY, '20240201', '20240229')).ref_date).toBe('202402');
  });

  it('fills key 1 only once the next month has ended', async () => {
    expect(keysOf(await retain(MONTHLY, '20240501', '20240531'))).toEqual([0]);
    expect(keysOf(await retain(MONTHLY, '20240401', '20240430'))).toEqual([0, 1]);
  });

  it("counts the month's new users as the sum of its days' new users", async () => {
    const days = await Promise.all(Array.from({ length: 29 }, (_, i) => retain(DAILY, addDays('20240201', i), addDays('20240201', i))));
    const month = await retain(MONTHLY, '20240201', '20240229');
    expect(at(month.visit_uv_new, 0)).toBe(days.reduce((sum, day) => sum + at(day.visit_uv_new, 0), 0));
    expect(at(month.visit_uv, 0)).toBeLessThanOrEqual(days.reduce((sum, day) => sum + at(day.visit_uv, 0), 0));
  });
});
