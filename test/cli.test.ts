import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../src/cli/run-cli';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';
import { appKeys, currentCertificate, securityEnv, startSecureEmulator } from './security-integration/secure-setup';
import { daysAgo, yesterday } from './helpers/yesterday';

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
    expect(stderr).toMatch(/WECHAT_APPSECRET is not set: using the embedded WeChat emulator/);
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
    expect(stderr).toMatch(/Wrote .*report\.html \(20 days\)/);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']https?:/i);
  });

  it.each([
    [[], /Usage: daily-retain <command>/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['range', '--from', '20170301'], /--from and --to are required/],
    [['range', '--from', '20170301', '--to', '20170302', '--format', 'xml'], /--format must be json, csv or table \(got "xml"\)/],
    [['range', '--from', '20170301', '--to', '20170302', '--concurrency', '0'], /--concurrency must be a whole number from 1 to 64/],
    [['report', '--from', '20170301', '--to', '20170302'], /--out is required/],
    [['get', '--dat', '20170301'], /Unknown option '--dat'/],
    [['get', '--date', '20230230'], /beginDate "20230230" is not a calendar date/],
    [['range', '--from', '20170310', '--to', '20170301'], /is after endDate/],
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
    [{ WECHAT_APPID: undefined }, /WECHAT_APPSECRET is set but WECHAT_APPID is not/],
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
    expect(stderr).toMatch(new RegExp(`missing ${daysAgo(3)}: errCode 45009`));
  });

  it('exits 1 when WeChat refuses a single day', async () => {
    emulator.inject('datacube', { kind: 'errcode', errcode: 45009 });
    const { code, stderr } = await cli(['get'], atEmulator());
    expect(code).toBe(1);
    expect(stderr).toMatch(/errCode|45009|quota/);
  });
});
