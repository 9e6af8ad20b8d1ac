import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT } from '../src/cli/exit-codes';
import { runCli } from '../src/cli/run-cli';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';

// `daily-retain get|range --period day|week|month`, at a fixed time that the CLI, its client
// and the emulator share: Friday 2026-11-27 12:00 Beijing time. Yesterday is Thursday
// 20261126, so the week under way is 20261123–20261129 and the last one that has ended
// 20261116–20261122; the month under way is November and the last one that has ended October.

const NOW = Date.UTC(2026, 10, 27, 4, 0);
const clock = () => NOW;

let emulator: WeChatEmulator;
let cacheDir: string;
beforeEach(async () => {
  emulator = await startEmulator({ clock });
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'daily-retain-periods-'));
});
afterEach(async () => {
  await emulator.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

/** The CLI configured for WeChat at the local emulator: no emulator notice on stderr, only what the command says. */
async function cli(argv: string[], { isTTY = false } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY },
    env: { RETAIN_CACHE_DIR: cacheDir, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_API_BASE: emulator.url },
    now: clock,
  });
  return { code, stdout, stderr };
}

const refDates = (json: string) => (JSON.parse(json) as { refDate: string }[]).map((item) => item.refDate);
/** The datacube requests the emulator received, as `path begin_date–end_date`. */
const asked = () =>
  emulator.requests
    .filter((request) => request.endpoint === 'datacube')
    .map((request) => {
      const { begin_date, end_date } = request.body as { begin_date: string; end_date: string };
      return `${request.path.replace(/^\/datacube\/getweanalysisappid|retaininfo$/g, '')} ${begin_date}–${end_date}`;
    })
    .sort();

describe('range --period week|month: any dates, widened to whole periods, and stderr says so', () => {
  it('widens --from and --to to whole weeks and leaves out the week under way', async () => {
    const { code, stdout, stderr } = await cli(['range', '--period', 'week', '--from', '20261105', '--to', '20261126']);
    expect(code).toBe(EXIT.ok);
    expect(refDates(stdout)).toEqual(['20261102-20261108', '20261109-20261115', '20261116-20261122']);
    expect(stderr).toBe('daily-retain range: weeks 20261102–20261122 (widened from 20261105–20261126; the week under way is left out)\n');
    expect(asked()).toEqual(['weekly 20261102–20261108', 'weekly 20261109–20261115', 'weekly 20261116–20261122']);
  });

  it('widens to whole months, yyyy-mm-dd dates too', async () => {
    const { code, stdout, stderr } = await cli(['range', '--period', 'month', '--from', '2026-08-15', '--to', '2026-11-26']);
    expect(code).toBe(EXIT.ok);
    expect(refDates(stdout)).toEqual(['202608', '202609', '202610']);
    expect(stderr).toBe('daily-retain range: months 20260801–20261031 (widened from 20260815–20261126; the month under way is left out)\n');
  });

  it('says nothing when the dates are whole periods that have ended', async () => {
    const { code, stdout, stderr } = await cli(['range', '--period', 'week', '--from', '20261102', '--to', '20261122']);
    expect(code).toBe(EXIT.ok);
    expect(refDates(stdout)).toHaveLength(3);
    expect(stderr).toBe('');
  });

  it.each([
    [['--from', '20261102', '--to', '20261125'], 'weeks 20261102–20261122 (asked for 20261102–20261125; the week under way is left out)'],
    [['--from', '20261110', '--to', '20261231'], 'weeks 20261109–20261122 (widened from 20261110–20261231; the week under way and those after it are left out)'],
    [['--from', '20261117', '--to', '20261117'], 'week 20261116–20261122 (widened from 20261117–20261117)'],
  ])('names what it covers and why: %j', async (dates, note) => {
    const { code, stderr } = await cli(['range', '--period', 'week', ...dates]);
    expect(code).toBe(EXIT.ok);
    expect(stderr).toBe(`daily-retain range: ${note}\n`);
  });

  it('prints CSV with the weeks’ keys in its header and WeChat’s ref_date first', async () => {
    const { code, stdout } = await cli(['range', '--period', 'week', '--from', '20261019', '--to', '20261122', '--format', 'csv']);
    expect(code).toBe(EXIT.ok);
    const [header, ...rows] = stdout.trimEnd().split('\n').map((line) => line.split(','));
    expect(header?.join(',')).toBe(
      'ref_date,new_users,active_users,new_w1,new_w1_rate,active_w1,active_w1_rate,new_w2,new_w2_rate,active_w2,active_w2_rate,new_w3,new_w3_rate,active_w3,active_w3_rate,new_w4,new_w4_rate,active_w4,active_w4_rate',
    );
    expect(rows.map((row) => row[0])).toEqual(['20261019-20261025', '20261026-20261101', '20261102-20261108', '20261109-20261115', '20261116-20261122']);
    // The first week's W4 (20261116–20261122) has ended; the last week's W1 (the week under way) has not.
    expect(rows[0]?.slice(1).every((cell) => /^\d+(?:\.\d+)?$/.test(cell))).toBe(true);
    expect(rows.at(-1)?.slice(3).every((cell) => cell === 'pending')).toBe(true);
  });

  it('prints CSV with the month’s key, M1', async () => {
    const { stdout } = await cli(['range', '--period', 'month', '--from', '20260901', '--to', '20261031', '--format', 'csv']);
    expect(stdout).toMatch(/^ref_date,new_users,active_users,new_m1,new_m1_rate,active_m1,active_m1_rate\n202609,\d+,\d+,\d+,0\.\d+,\d+,0\.\d+\n202610,\d+,\d+,pending,pending,pending,pending\n$/);
  });

  it('prints a table of weeks: a row per week, W1…W4', async () => {
    const { stdout } = await cli(['range', '--period', 'week', '--from', '20261102', '--to', '20261122', '--format', 'table']);
    const [title, header] = stdout.split('\n');
    expect([title, header?.split(/\s+/)]).toEqual(['New users', ['Week', 'Users', 'W1', 'W2', 'W3', 'W4']]);
    expect(stdout).toContain('\n2026-11-16 – 11-22  ');
    expect(stdout).toMatch(/no users that week\)\n$/);
  });

  it('draws a progress bar in weeks on a terminal', async () => {
    const { stderr } = await cli(['range', '--period', 'week', '--from', '20261102', '--to', '20261122'], { isTTY: true });
    expect(stderr).toContain('\r[##############################] 3/3 weeks (0 cached)\n');
  });

  it('serves weeks whose W4 has passed from the cache the second time', async () => {
    const weeks = ['range', '--period', 'week', '--from', '20261001', '--to', '20261110'];
    expect((await cli(weeks)).code).toBe(EXIT.ok);
    expect(emulator.count('datacube')).toBe(7);
    emulator.reset();
    const again = await cli(weeks, { isTTY: true });
    expect(refDates(again.stdout)).toHaveLength(7);
    // Weeks 20260928–20261025 are final (the W4 of the last, 20261116–20261122, has ended); the other three are not.
    expect(again.stderr).toContain('7/7 weeks (4 cached)');
    expect(emulator.count('datacube')).toBe(3);
  });

  it('keeps days as they were: --period day is the default, and the output is the same', async () => {
    const days = ['range', '--from', '20261120', '--to', '20261126'];
    for (const format of ['json', 'csv', 'table']) {
      const plain = await cli([...days, '--format', format]);
      const explicit = await cli([...days, '--format', format, '--period', 'day']);
      expect(explicit).toEqual(plain);
      expect(plain.stderr).toBe('');
    }
    expect((await cli([...days, '--format', 'csv'])).stdout.split('\n')[0]).toMatch(/^ref_date,new_users,active_users,new_d1,new_d1_rate,active_d1,active_d1_rate,new_d2,/);
  });
});

describe('get --period week|month: the week or month that holds --date', () => {
  it('gets the week that holds --date, asking WeChat for its Monday and Sunday', async () => {
    const { code, stdout, stderr } = await cli(['get', '--period', 'week', '--date', '20261118']);
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(stdout)).toMatchObject({ refDate: '20261116-20261122', errMsg: 'openapi.analysis.getWeeklyRetain:ok', errCode: 0 });
    expect(stderr).toBe('daily-retain get: week 20261116–20261122 (widened from 20261118)\n');
    expect(asked()).toEqual(['weekly 20261116–20261122']);
  });

  it('gets the month that holds --date', async () => {
    const { code, stdout, stderr } = await cli(['get', '--period', 'month', '--date', '2026-10-15']);
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(stdout)).toMatchObject({ refDate: '202610', errMsg: 'openapi.analysis.getMonthlyRetain:ok', errCode: 0 });
    expect(stderr).toBe('daily-retain get: month 20261001–20261031 (widened from 20261015)\n');
  });

  it.each([
    ['week', '20261116-20261122'],
    ['month', '202610'],
  ])('without --date, gets the last %s that has ended, and says nothing', async (period, refDate) => {
    const { code, stdout, stderr } = await cli(['get', '--period', period]);
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(stdout).refDate).toBe(refDate);
    expect(stderr).toBe('');
  });

  it('gets a day by default, as before', async () => {
    const { stdout, stderr } = await cli(['get', '--date', '20261120']);
    expect(JSON.parse(stdout)).toMatchObject({ refDate: '20261120', errMsg: 'openapi.analysis.getDailyRetain:ok' });
    expect(stderr).toBe('');
    expect(asked()).toEqual(['daily 20261120–20261120']);
  });
});

describe('--period errors name the flags typed, and cost no request', () => {
  it.each([
    [['get', '--period', 'week', '--date', '20261125'], '--date "20261125": the week 20261123–20261129 has not ended by yesterday (20261126, Beijing time): WeChat only has data for weeks that have ended, the last one 20261116–20261122'],
    [['get', '--period', 'month', '--date', '20261101'], '--date "20261101": the month 20261101–20261130 has not ended by yesterday (20261126, Beijing time): WeChat only has data for months that have ended, the last one 20261001–20261031'],
    [['get', '--period', 'week', '--date', '20261131'], '--date "20261131" is not a calendar date'],
    [['get', '--period', 'week', '--date', ''], '--date is empty: give a day as yyyymmdd, or leave --date out for the last week that has ended'],
    [['get', '--period', 'month', '--date', '2026-1-5'], '--date "2026-1-5" is not a date: use yyyymmdd (or yyyy-mm-dd), for example "20170313"'],
    [['range', '--period', 'week', '--from', '20261124', '--to', '20261231'], 'no week from --from "20261124" on has ended by yesterday (20261126, Beijing time): the last one that has is 20261116–20261122'],
    [['range', '--period', 'month', '--from', '20261110', '--to', '20261101'], '--from "20261110" is after --to "20261101": give the earlier day first'],
    [['range', '--period', 'month', '--from', '20240101', '--to', '20261126'], 'the range 20240101–20261126 spans 34 months (20240101–20261031 in whole months that have ended): ask for at most 24 months at a time'],
    [['range', '--period', 'weeks', '--from', '20261102', '--to', '20261122'], '--period must be day, week or month (got "weeks")'],
    [['get', '--period', 'all'], '--period must be day, week or month (got "all")'],
    [['report', '--period', 'year', '--from', '20261102', '--to', '20261122', '--out', 'r.html'], '--period must be all, day, week or month (got "year")'],
  ])('%j', async (argv, message) => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(`daily-retain ${argv[0]}: ${message}`);
    expect(stderr).not.toMatch(/beginDate|endDate|begin_date|end_date|openapi\.analysis/);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('a range of weeks that fails', () => {
  it('prints nothing on stdout and names the weeks missing, in one line per failure', async () => {
    emulator.inject('datacube', { kind: 'errcode', errcode: 45009 }, Number.POSITIVE_INFINITY);
    const { code, stdout, stderr } = await cli(['range', '--period', 'week', '--from', '20261102', '--to', '20261122', '--format', 'csv']);
    expect(code).toBe(EXIT.failed);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^daily-retain range: nothing fetched: missing 3 weeks \(20261102–20261122\): errCode 45009: reach max api daily quota limit rid: \S+ \(.*errcode 45009 from \/datacube\/getweanalysisappidweeklyretaininfo\)\n$/);
  });

  it('prints the weeks it has, and puts those a failure left unfetched in one line', async () => {
    emulator.inject('datacube', { kind: 'delay', ms: 0 }, 2);
    emulator.inject('datacube', { kind: 'errcode', errcode: 45009 }, Number.POSITIVE_INFINITY);
    const { code, stdout, stderr } = await cli(['range', '--period', 'week', '--from', '20261005', '--to', '20261122', '--concurrency', '1']);
    expect(code).toBe(EXIT.failed);
    expect(refDates(stdout)).toEqual(['20261005-20261011', '20261012-20261018']);
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^daily-retain range: missing week 20261019–20261025: errCode 45009: reach max api daily quota limit rid: /);
    expect(lines[1]).toBe('daily-retain range: missing 4 weeks (20261026–20261122): errCode 45009: not fetched after the failure above');
    expect(lines).toHaveLength(2);
  });
});
