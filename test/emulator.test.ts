import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';
import { daysAgo, today, yesterday } from './helpers/yesterday';

let emulator: WeChatEmulator;
let now: number;
beforeEach(async () => {
  now = Date.now();
  emulator = await startEmulator({ clock: () => now, tokenTtlSeconds: 7200 });
});
afterEach(() => emulator.close());

const post = async (path: string, body: unknown) =>
  (await fetch(`${emulator.url}${path}`, { method: 'POST', body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
const stableToken = (extra: object = {}) =>
  post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: EMULATOR_APPID, secret: EMULATOR_SECRET, ...extra });
const retain = (token: unknown, day: string, end = day) =>
  post(`/datacube/getweanalysisappiddailyretaininfo?access_token=${token}`, { begin_date: day, end_date: end });
const RID = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

describe('WeChat emulator', () => {
  it('stable_token in normal mode returns the same token with its remaining lifetime', async () => {
    const first = await stableToken();
    now += 1000_000;
    const second = await stableToken();
    expect(second.access_token).toBe(first.access_token);
    expect(first.expires_in).toBe(7200);
    expect(second.expires_in).toBe(6200);
  });

  it('stable_token hands out a new token 5 minutes before expiry; the old one still works until then', async () => {
    const first = await stableToken();
    now += (7200 - 299) * 1000;
    const second = await stableToken();
    expect(second.access_token).not.toBe(first.access_token);
    expect((await retain(first.access_token, yesterday())).errcode).toBeUndefined();
    now += 300_000;
    expect((await retain(first.access_token, yesterday())).errcode).toBe(42001);
  });

  it('force_refresh revokes the previous stable token', async () => {
    const first = await stableToken();
    await stableToken({ force_refresh: true });
    const answer = await retain(first.access_token, yesterday());
    expect(answer.errcode).toBe(40001);
    expect(answer.errmsg).toMatch(RID);
  });

  it('GET /cgi-bin/token issues a new token each call and keeps the old one for 5 minutes', async () => {
    const get = async () => (await fetch(`${emulator.url}/cgi-bin/token?grant_type=client_credential&appid=${EMULATOR_APPID}&secret=${EMULATOR_SECRET}`)).json();
    const first = (await get()) as { access_token: string };
    const second = (await get()) as { access_token: string };
    expect(second.access_token).not.toBe(first.access_token);
    now += 299_000;
    expect((await retain(first.access_token, yesterday())).errcode).toBeUndefined();
    now += 2000;
    expect((await retain(first.access_token, yesterday())).errcode).toBe(42001);
  });

  it.each([
    [{ appid: 'wxunknown000000000' }, 40013],
    [{ secret: 'wrong' }, 40125],
    [{ secret: '' }, 41004],
    [{ grant_type: 'password' }, 40002],
  ])('stable_token refuses %j with %i and a rid', async (override, errcode) => {
    const answer = await stableToken(override);
    expect(answer.errcode).toBe(errcode);
    expect(answer.errmsg).toMatch(RID);
  });

  it.each([
    ['a missing token', '', 41001],
    ['a malformed token', 'bad!', 40014],
    ['an unknown token', 'x'.repeat(64), 40001],
  ])('the datacube refuses %s', async (_name, token, errcode) => {
    expect((await retain(token, yesterday())).errcode).toBe(errcode);
  });

  it('applies the datacube date rules: one day, a real date, no later than yesterday (Beijing time)', async () => {
    const { access_token: token } = await stableToken();
    expect((await retain(token, '20230230')).errcode).toBe(61500);
    expect((await retain(token, '2023-02-03')).errcode).toBe(61500);
    expect((await retain(token, '20230203', '20230204')).errcode).toBe(61501);
    expect((await retain(token, today())).errcode).toBe(61501);
    expect((await retain(token, yesterday())).ref_date).toBe(yesterday());
  });

  it('fills key k only once ref_date + k has passed', async () => {
    const { access_token: token } = await stableToken();
    const keys = async (day: string) => ((await retain(token, day)).visit_uv_new as { key: number }[]).map((e) => e.key);
    expect(await keys(yesterday())).toEqual([0]);
    expect(await keys(daysAgo(3))).toEqual([0, 1, 2]);
    expect(await keys(daysAgo(15))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 14]);
    expect(await keys(daysAgo(31))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 14, 30]);
  });

  it('answers the same numbers for the same day', async () => {
    const { access_token: token } = await stableToken();
    expect(await retain(token, '20200101')).toEqual(await retain(token, '20200101'));
  });

  it('plays scripted faults in order, then answers normally', async () => {
    emulator.inject('stable_token', { kind: 'errcode', errcode: -1 }, 2);
    emulator.inject('stable_token', { kind: 'http', status: 502 });
    expect((await stableToken()).errcode).toBe(-1);
    expect((await stableToken()).errcode).toBe(-1);
    const gateway = await fetch(`${emulator.url}/cgi-bin/stable_token`, { method: 'POST', body: '{}' });
    expect(gateway.status).toBe(502);
    expect(await gateway.text()).toMatch(/<html>/);
    expect((await stableToken()).access_token).toEqual(expect.any(String));
    expect(emulator.count('stable_token')).toBe(4);
  });

  it('can be driven over HTTP from another process', async () => {
    await fetch(`${emulator.url}/__emulator/fault`, { method: 'POST', body: JSON.stringify({ endpoint: 'stable_token', fault: { kind: 'errcode', errcode: 45009 } }) });
    expect((await stableToken()).errcode).toBe(45009);
    const log = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as { endpoint: string }[];
    expect(log.map((r) => r.endpoint)).toEqual(['stable_token']);
  });
});
