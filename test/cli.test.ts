import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../src/cli/run-cli';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';
import { appKeys, currentCertificate, securityEnv, startSecureEmulator } from './security-integration/secure-setup';
import { daysAgo, yesterday } from './helpers/yesterday';
import { addDays } from '../src/beijing-date';
import { EXIT } from '../src/cli/exit-codes';
import { USAGE } from '../src/cli/cli-usage';

const { version } = require('../package.json') as { version: string };

let emulator: WeChatEmulator;
let cacheDir: string;
beforeEach(async () => {
  emulator = await startEmulator();
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'daily-retain-cli-'));
});
afterEach(async () => {
  await emulator.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

async function cli(argv: string[], env: Record<string, string | undefined> = {}, isTTY = false) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY },
    env: { RETAIN_CACHE_DIR: cacheDir, ...env },
  });
  return { code, stdout, stderr };
}

const atEmulator = () => ({ WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_API_BASE: emulator.url });

describe('daily-retain CLI', () => {
  it('get prints one day as JSON in the cloud.openapi shape', async () => {
    const { code, stdout } = await cli(['get', '--date', '2017-03-13'], atEmulator());
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ refDate: '20170313', errMsg: 'openapi.analysis.getDailyRetain:ok', errCode: 0 });
  });

  it('runs against the embedded emulator without credentials, and says so on stderr', async () => {
    const { code, stdout, stderr } = await cli(['get']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).refDate).toBe(yesterday());
    expect(stderr).toMatch(/none of WECHAT_APPID, WECHAT_APPSECRET, WECHAT_API_BASE is set: using the embedded WeChat emulator \(AppID wxemulator00000001, sample data\)/);
  });

  it('range --format json prints an array of days in order', async () => {
    const { code, stdout } = await cli(['range', '--from', daysAgo(5), '--to', yesterday()], atEmulator());
    expect(code).toBe(0);
    const days = JSON.parse(stdout) as { refDate: string; errCode: number }[];
    expect(days.map((d) => d.refDate)).toEqual([daysAgo(5), daysAgo(4), daysAgo(3), daysAgo(2), yesterday()]);
    expect(days.every((d) => d.errCode === 0)).toBe(true);
  });

  it('range --format csv prints a header and one row per day', async () => {
    const { code, stdout } = await cli(['range', '--from', daysAgo(3), '--to', yesterday(), '--format', 'csv'], atEmulator());
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ref_date,new_users,active_users,/);
    expect(lines).toHaveLength(4);
  });

  it('range --format table prints aligned tables for eyes', async () => {
    const { stdout } = await cli(['range', '--from', daysAgo(3), '--to', yesterday(), '--format', 'table'], atEmulator());
    expect(stdout).toMatch(/New users/);
    expect(stdout).toMatch(/Active users/);
  });

  it('draws a progress bar on stderr when it is a terminal, and none otherwise', async () => {
    const range = ['range', '--from', daysAgo(4), '--to', yesterday()];
    const tty = await cli(range, atEmulator(), true);
    expect(tty.stderr).toContain('\r[##############################] 4/4 days (0 cached)\n');
    const piped = await cli(range, atEmulator(), false);
    expect(piped.stderr).not.toContain('days (');
  });

  it('serves a finished range from the cache the second time', async () => {
    const args = ['range', '--from', daysAgo(60), '--to', daysAgo(31)];
    expect((await cli(args, atEmulator())).code).toBe(0);
    expect(emulator.count('datacube')).toBe(30);
    emulator.reset();
    const second = await cli(args, atEmulator());
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toHaveLength(30);
    expect(emulator.count('datacube')).toBe(0);
  });

  it('report writes a self-contained HTML file', async () => {
    const out = path.join(cacheDir, 'report.html');
    const { code, stderr } = await cli(['report', '--from', daysAgo(20), '--to', yesterday(), '--out', out], atEmulator());
    expect(code).toBe(0);
    // --period all: the days, and the weeks and months they fall in that have ended (how many depends on today).
    expect(stderr).toMatch(/^Wrote .*report\.html \(20 days(, \d+ weeks?)?(, \d+ months?)?\)\.$/m);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']https?:/i);
  });

  it.each([
    [[], /Usage: daily-retain <command>/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['range', '--from', '20170301'], /--to is required/],
    [['range'], /--from and --to are required/],
    [['range', '--from', '20170301', '--to', '20170302', '--format', 'xml'], /--format must be json, csv or table \(got "xml"\)/],
    [['range', '--from', '20170301', '--to', '20170302', '--concurrency', '0'], /--concurrency must be a whole number from 1 to 64/],
    [['report', '--from', '20170301', '--to', '20170302'], /--out is required/],
    [['get', '--dat', '20170301'], /Unknown option '--dat'/],
    [['get', '--date', '20230230'], /--date "20230230" is not a calendar date/],
    [['range', '--from', '20170310', '--to', '20170301'], /--from "20170310" is after --to "20170301"/],
  ])('exits 2 with a message for bad arguments %j', async (argv, message) => {
    const { code, stderr } = await cli(argv, atEmulator());
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(emulator.count('datacube')).toBe(0);
  });

  it('uses API security when the WECHAT_API_* variables are set, as the function does', async () => {
    const keys = appKeys();
    const secure = await startSecureEmulator(keys);
    try {
      const env = { WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_API_BASE: secure.url, ...securityEnv(keys, currentCertificate(secure)) };
      const { code, stdout } = await cli(['get', '--date', '20170313'], env);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ refDate: '20170313', errCode: 0 });
      const datacube = secure.requests.find((r) => r.endpoint === 'datacube');
      expect(Object.keys(datacube?.body as object).sort()).toEqual(['authtag', 'data', 'iv']);
    } finally {
      await secure.close();
    }
  });

  it.each([
    [{ WECHAT_APPID: 'wx123' }, /WECHAT_APPID must be your AppID/],
    [{ WECHAT_API_BASE: 'api.weixin.qq.com' }, /WECHAT_API_BASE must be an http\(s\) URL/],
    [{ WECHAT_API_SYM_KEY: 'abc' }, /WECHAT_API_SYM_SN/],
    [{ WECHAT_APPID: undefined }, /WECHAT_APPID is not set: set WECHAT_APPID and WECHAT_APPSECRET to call WeChat/],
    [{ WECHAT_APPSECRET: ' ' }, /WECHAT_APPSECRET is not set/],
  ])('exits 2 naming the bad environment variable %j', async (bad, message) => {
    const { code, stderr } = await cli(['get'], { ...atEmulator(), ...bad });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(emulator.requests).toHaveLength(0);
  });

  it.each(['get', 'range', 'report'])('%s --help prints its help and exits 0', async (command) => {
    const { code, stdout } = await cli([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: daily-retain ${command}`));
  });

  it('--help prints the command help and exits 0', async () => {
    const { code, stdout } = await cli(['range', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: daily-retain range --from yyyymmdd --to yyyymmdd/);
  });

  it('exits 1 on an API failure, saying which days are missing', async () => {
    emulator.inject('datacube', { kind: 'errcode', errcode: 45009 }, Number.POSITIVE_INFINITY);
    const { code, stderr } = await cli(['range', '--from', daysAgo(3), '--to', yesterday()], atEmulator());
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`missing 3 days \\(${daysAgo(3)}–${yesterday()}\\): errCode 45009`));
  });

  it('exits 1 when WeChat refuses a single day', async () => {
    emulator.inject('datacube', { kind: 'errcode', errcode: 45009 });
    const { code, stderr } = await cli(['get'], atEmulator());
    expect(code).toBe(1);
    expect(stderr).toMatch(/errCode|45009|quota/);
  });

  it.each([['--version'], ['-v']])('%s prints the version and exits 0', async (flag) => {
    const { code, stdout, stderr } = await cli([flag]);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toBe(`daily-retain ${version}\n`);
    expect(stderr).toBe('');
  });

  describe('errors name the flag the person typed, never the query field', () => {
    const tomorrow = addDays(yesterday(), 2);
    it.each([
      [['get', '--date', tomorrow], `--date "${tomorrow}" is later than yesterday`],
      [['get', '--date', '2017-3-1'], '--date "2017-3-1" is not a date: use yyyymmdd'],
      [['range', '--from', '20170301', '--to', tomorrow], `--to "${tomorrow}" is later than yesterday`],
      [['range', '--from', '201703', '--to', '20170302'], '--from "201703" is not a date'],
      [['range', '--from', '20170302', '--to', '20170301'], '--from "20170302" is after --to "20170301"'],
      [['report', '--from', '20170301', '--to', '20170230', '--out', 'r.html'], '--to "20170230" is not a calendar date'],
      [['get', '--date', ''], '--date is empty'],
    ])('%j', async (argv, message) => {
      const { code, stderr } = await cli(argv, atEmulator());
      expect(code).toBe(EXIT.usage);
      expect(stderr).toContain(message);
      expect(stderr).not.toMatch(/beginDate|endDate|begin_date|end_date|openapi\.analysis/);
      expect(emulator.requests).toHaveLength(0);
    });
  });

  it('says it uses the emulator only when a command gets that far: not for dates refused before any request', async () => {
    const refused = await cli(['get', '--date', '20230230']);
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).not.toMatch(/emulator/);
    const served = await cli(['get', '--date', '20170313']);
    expect(served.code).toBe(EXIT.ok);
    expect(served.stderr.match(/embedded WeChat emulator/g)).toHaveLength(1);
  });

  it('names both WECHAT_APPID and WECHAT_APPSECRET in one message when neither is set', async () => {
    const { code, stderr } = await cli(['get'], { WECHAT_API_BASE: emulator.url });
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/^daily-retain get: WECHAT_APPID and WECHAT_APPSECRET are not set: set WECHAT_APPID and WECHAT_APPSECRET to call WeChat, or unset WECHAT_API_BASE to use the embedded emulator$/m);
    expect(emulator.requests).toHaveLength(0);
  });

  it('names a missing and an invalid variable in the same message', async () => {
    const { code, stderr } = await cli(['get'], { WECHAT_APPID: 'wx123', WECHAT_API_BASE: emulator.url });
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/WECHAT_APPSECRET is not set: .*; invalid environment variable: WECHAT_APPID must be your AppID/);
  });

  describe('local failures: exit 3, a message that names the path and what to do, nothing fetched', () => {
    it('report --out in a folder that does not exist', async () => {
      const out = path.join(cacheDir, 'no-such-folder', 'r.html');
      const { code, stderr } = await cli(['report', '--from', daysAgo(3), '--to', yesterday(), '--out', out], atEmulator());
      expect(code).toBe(EXIT.local);
      expect(stderr).toBe(`daily-retain report: cannot write ${out}: the folder ${path.dirname(out)} does not exist: create it, or give another --out\n`);
      expect(emulator.requests).toHaveLength(0);
    });

    it('report --out naming a folder', async () => {
      const { code, stderr } = await cli(['report', '--from', daysAgo(3), '--to', yesterday(), '--out', cacheDir], atEmulator());
      expect(code).toBe(EXIT.local);
      expect(stderr).toContain(`cannot write ${cacheDir}: it is a folder: give a file name, such as ${path.join(cacheDir, 'report.html')}`);
      expect(emulator.requests).toHaveLength(0);
    });

    it('report --out under a file', async () => {
      const file = path.join(cacheDir, 'plain-file');
      writeFileSync(file, '');
      const { code, stderr } = await cli(['report', '--from', daysAgo(3), '--to', yesterday(), '--out', path.join(file, 'r.html')], atEmulator());
      expect(code).toBe(EXIT.local);
      expect(stderr).toContain(`${file} is not a folder: give another --out`);
    });

    it.each([
      ['a file', (file: string) => file, 'it is a file, not a folder: move it away, or set RETAIN_CACHE_DIR to a folder you can write'],
      ['under a file', (file: string) => path.join(file, 'cache'), 'a part of the path is a file, not a folder: set RETAIN_CACHE_DIR to a folder you can write'],
    ])('a cache folder that is %s', async (_what, where, advice) => {
      const file = path.join(cacheDir, 'plain-file');
      writeFileSync(file, '');
      const dir = where(file);
      const { code, stdout, stderr } = await cli(['range', '--from', daysAgo(3), '--to', yesterday()], { ...atEmulator(), RETAIN_CACHE_DIR: dir });
      expect(code).toBe(EXIT.local);
      expect(stdout).toBe('');
      expect(stderr).toBe(`daily-retain range: cannot use the cache folder ${dir}: ${advice}\n`);
      expect(emulator.requests).toHaveLength(0);
    });

    it('a cache folder it can use is made, private to the user', async () => {
      const dir = path.join(cacheDir, 'fresh', 'cache');
      const { code } = await cli(['range', '--from', daysAgo(3), '--to', yesterday()], { ...atEmulator(), RETAIN_CACHE_DIR: dir });
      expect(code).toBe(EXIT.ok);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    });

    it('a report written over an earlier one replaces it whole, and leaves no temporary file', async () => {
      const out = path.join(cacheDir, 'r.html');
      writeFileSync(out, 'old');
      const { code } = await cli(['report', '--from', daysAgo(3), '--to', yesterday(), '--out', out], atEmulator());
      expect(code).toBe(EXIT.ok);
      expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/i);
      expect(readdirSync(cacheDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    });
  });

  describe('a range that fails', () => {
    const unreachable = () => ({ ...atEmulator(), WECHAT_API_BASE: 'http://user:pw@127.0.0.1:1/wechat' });

    it.each(['json', 'csv', 'table'])('prints nothing on stdout (--format %s), names the failure once, and hints at WECHAT_API_BASE', async (format) => {
      const { code, stdout, stderr } = await cli(['range', '--from', daysAgo(5), '--to', yesterday(), '--format', format], unreachable());
      expect(code).toBe(EXIT.failed);
      expect(stdout).toBe('');
      const lines = stderr.trimEnd().split('\n');
      expect(lines[0]).toBe(`daily-retain range: nothing fetched: missing 5 days (${daysAgo(5)}–${yesterday()}): errCode -90004: POST /wechat/cgi-bin/stable_token: connection failed (ECONNREFUSED) (gave up after 3 attempts)`);
      expect(lines[1]).toBe('daily-retain range: hint: check WECHAT_API_BASE (now http://127.0.0.1:1/wechat): WeChat, or the proxy or emulator it names, must be reachable from this machine');
      expect(lines).toHaveLength(2);
    });

    it('report writes no file when nothing was fetched', async () => {
      const out = path.join(cacheDir, 'r.html');
      const { code, stderr } = await cli(['report', '--from', daysAgo(3), '--to', yesterday(), '--out', out], unreachable());
      expect(code).toBe(EXIT.failed);
      expect(stderr).toMatch(/nothing fetched/);
      expect(() => readFileSync(out)).toThrow(/ENOENT/);
    });

    it('get gives the same hint for a network failure', async () => {
      const { code, stdout, stderr } = await cli(['get', '--date', '20170313'], unreachable());
      expect(code).toBe(EXIT.failed);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^daily-retain get: errCode -90004: POST \/wechat\/cgi-bin\/stable_token: connection failed/);
      expect(stderr).toMatch(/hint: check WECHAT_API_BASE/);
    });

    it('gives no WECHAT_API_BASE hint when WeChat answered', async () => {
      emulator.inject('datacube', { kind: 'errcode', errcode: 45009 }, Number.POSITIVE_INFINITY);
      const { code, stdout, stderr } = await cli(['range', '--from', daysAgo(3), '--to', yesterday(), '--format', 'table'], atEmulator());
      expect(code).toBe(EXIT.failed);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^daily-retain range: nothing fetched: missing 3 days \(.*\): errCode 45009: reach max api daily quota limit rid: /);
      expect(stderr).not.toMatch(/hint/);
    });

    it('prints the days it has, and lists the missing ones on stderr', async () => {
      emulator.inject('datacube', { kind: 'errcode', errcode: 61503 });
      const days = [daysAgo(3), daysAgo(2), yesterday()];
      const { code, stdout, stderr } = await cli(['range', '--from', daysAgo(3), '--to', yesterday(), '--concurrency', '3'], atEmulator());
      expect(code).toBe(EXIT.failed);
      const listed = (JSON.parse(stdout) as { refDate: string }[]).map((day) => day.refDate);
      expect(listed).toHaveLength(2);
      const [missing] = days.filter((day) => !listed.includes(day));
      expect(stderr).toMatch(new RegExp(`^daily-retain range: missing ${missing}: errCode 61503: data not ready`, 'm'));
      expect(stderr).not.toMatch(/nothing fetched|hint/);
    });
  });

  it('csv says "pending" for cells still to come, as its help says', async () => {
    const { stdout } = await cli(['range', '--from', daysAgo(3), '--to', yesterday(), '--format', 'csv'], atEmulator());
    const lastRow = stdout.trimEnd().split('\n').at(-1)?.split(',') ?? [];
    expect(lastRow.slice(3).every((cell) => cell === 'pending')).toBe(true);
    expect(USAGE.range.replace(/\s+/g, ' ')).toContain('a cell still to come says "pending", a cell without data is empty');
  });

  it('json gives each day "final" and "pendingKeys"', async () => {
    const { stdout } = await cli(['range', '--from', daysAgo(31), '--to', daysAgo(30)], atEmulator());
    const [old, recent] = JSON.parse(stdout) as { final: boolean; pendingKeys: number[] }[];
    expect(old).toMatchObject({ final: true, pendingKeys: [] });
    expect(recent).toMatchObject({ final: false, pendingKeys: [30] });
  });

  it.each(['get', 'range', 'report'] as const)('%s --help lists every exit code', async (command) => {
    const { stdout } = await cli([command, '--help']);
    for (const [name, code] of Object.entries(EXIT)) expect(`${name}: ${stdout}`).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
  });
});

