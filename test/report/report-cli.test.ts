import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run-cli';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import { EXIT } from '../../src/cli/exit-codes';
import { daysAgo, yesterday } from '../helpers/yesterday';

let emulator: WeChatEmulator;
let dir: string;
beforeEach(async () => {
  emulator = await startEmulator();
  dir = mkdtempSync(path.join(os.tmpdir(), 'daily-retain-report-cli-'));
});
afterEach(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function report(flags: string[], env: Record<string, string> = {}) {
  let stderr = '';
  const out = path.join(dir, 'report.html');
  const code = await runCli(['report', '--from', daysAgo(5), '--to', yesterday(), '--out', out, ...flags], {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
    env: { RETAIN_CACHE_DIR: dir, ...env },
  });
  return { code, stderr, html: code === 0 ? readFileSync(out, 'utf8') : '' };
}

/** WeChat's configuration, pointed at a local emulator: the CLI takes it for real data. */
const configured = () => ({ WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_API_BASE: emulator.url });

describe('daily-retain report', () => {
  it('writes Chinese by default and marks the embedded emulator’s numbers as sample data', async () => {
    const { code, html } = await report([]);
    expect(code).toBe(0);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`<span>AppID ${EMULATOR_APPID}</span>`);
    expect(html).toContain('<div class="sample-banner" role="note"><strong>示例数据</strong>');
  });

  it('writes English with --lang en and names the app with --title, with no banner for configured credentials', async () => {
    const { code, html } = await report(['--lang', 'en', '--title', 'Tea & Cake 小程序'], configured());
    expect(code).toBe(0);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Tea &#38; Cake 小程序</h1>');
    expect(html).toContain(`<span>AppID ${EMULATOR_APPID}</span><span>`);
    // --period all: each view from its own API.
    expect(html).toContain('Source: WeChat getDailyRetain, getWeeklyRetain and getMonthlyRetain APIs');
    expect(html).not.toContain('class="sample-banner"');
  });

  it('refuses a language it does not have, before fetching anything', async () => {
    const { code, stderr } = await report(['--lang', 'fr'], configured());
    expect(code).toBe(2);
    expect(stderr).toMatch(/^daily-retain report: --lang must be zh or en \(got "fr"\)/);
    expect(emulator.count('datacube')).toBe(0);
  });
});

// `report --period`, at a fixed time that the CLI, its client and the emulator share: Friday
// 2026-11-27 12:00 Beijing time. Yesterday is Thursday 20261126; the week under way is
// 20261123–20261129 and the last that has ended 20261116–20261122; the month under way is
// November and the last that has ended October.
describe('daily-retain report --period', () => {
  const NOW = Date.UTC(2026, 10, 27, 4, 0);
  const clock = () => NOW;
  let fixed: WeChatEmulator;
  beforeEach(async () => {
    fixed = await startEmulator({ clock });
  });
  afterEach(() => fixed.close());

  async function reportAt(argv: string[], env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const out = path.join(dir, 'report.html');
    const code = await runCli(['report', '--out', out, ...argv], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: { RETAIN_CACHE_DIR: dir, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_API_BASE: fixed.url, ...env },
      now: clock,
    });
    return { code, stdout, stderr, html: existsSync(out) ? readFileSync(out, 'utf8') : undefined };
  }

  /** The views a report holds, and the tabs it shows between them. */
  const viewsOf = (html = '') => ({
    views: [...html.matchAll(/<section class="view" id="view-(\w+)"/g)].map((match) => match[1]),
    tabs: [...new Set([...html.matchAll(/data-tab="(\w+)"/g)].map((match) => match[1]))],
  });
  const daysAsked = () => fixed.requests.filter((request) => request.path.endsWith('dailyretaininfo')).length;

  it('writes days, weeks and months by default, in one file with three tabs, and says what the weeks and months cover', async () => {
    const { code, stdout, stderr, html } = await reportAt(['--from', '20260901', '--to', '20261126', '--lang', 'en']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toBe('');
    expect(viewsOf(html)).toEqual({ views: ['day', 'week', 'month'], tabs: ['day', 'week', 'month'] });
    expect(html).toContain('<title>Retention</title>');
    // The header names each view's span: 87 days, the weeks they fall in that have ended, the months.
    expect(html).toMatch(/<span>2026-09-01 – 2026-11-26 · 87 days<\/span><span>2026-08-31 – 2026-11-22 · 12 weeks<\/span><span>2026-09 – 2026-10 · 2 months<\/span>/);
    expect(stderr.split('\n')).toEqual([
      'daily-retain report: weeks 20260831–20261122 (widened from 20260901–20261126; the week under way is left out)',
      'daily-retain report: months 20260901–20261031 (asked for 20260901–20261126; the month under way is left out)',
      `Wrote ${path.join(dir, 'report.html')} (87 days, 12 weeks, 2 months).`,
      '',
    ]);
  });

  it.each([
    ['day', '小程序日留存报告', '(87 days).'],
    ['week', '小程序周留存报告', '(12 weeks).'],
    ['month', '小程序月留存报告', '(2 months).'],
  ])('--period %s writes that view alone, with no tabs', async (period, title, counted) => {
    const { code, stderr, html } = await reportAt(['--from', '20260901', '--to', '20261126', '--period', period]);
    expect(code).toBe(EXIT.ok);
    expect(viewsOf(html)).toEqual({ views: [period], tabs: [] });
    expect(html).toContain(`<title>${title}</title>`);
    expect(stderr.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^Wrote .*report\\.html \\${counted.replace(')', '\\)')}$`));
    // That view's API alone.
    const paths = new Set(fixed.requests.filter((request) => request.endpoint === 'datacube').map((request) => request.path));
    expect([...paths]).toEqual([`/datacube/getweanalysisappid${{ day: 'daily', week: 'weekly', month: 'monthly' }[period]}retaininfo`]);
  });

  it('--period week takes dates after yesterday and leaves out the weeks not ended', async () => {
    const { code, stderr, html } = await reportAt(['--from', '20261105', '--to', '20261231', '--period', 'week']);
    expect(code).toBe(EXIT.ok);
    expect(viewsOf(html).views).toEqual(['week']);
    expect(stderr).toContain('daily-retain report: weeks 20261102–20261122 (widened from 20261105–20261231; the week under way and those after it are left out)\n');
  });

  it('leaves out the monthly view of a range that holds no month that has ended, and says so on stderr', async () => {
    const { code, stderr, html } = await reportAt(['--from', '20261118', '--to', '20261126']);
    expect(code).toBe(EXIT.ok);
    expect(viewsOf(html)).toEqual({ views: ['day', 'week'], tabs: ['day', 'week'] });
    expect(stderr.split('\n')).toEqual([
      'daily-retain report: week 20261116–20261122 (widened from 20261118–20261126; the week under way is left out)',
      'daily-retain report: the monthly view is left out: no month from --from "20261118" on has ended by yesterday (20261126, Beijing time): the last one that has is 20261001–20261031',
      `Wrote ${path.join(dir, 'report.html')} (9 days, 1 week).`,
      '',
    ]);
    expect(fixed.requests.some((request) => request.path.endsWith('monthlyretaininfo'))).toBe(false);
  });

  it('writes the days alone when the range holds no week and no month that has ended', async () => {
    const { code, stderr, html } = await reportAt(['--from', '20261123', '--to', '20261126']);
    expect(code).toBe(EXIT.ok);
    expect(viewsOf(html)).toEqual({ views: ['day'], tabs: [] });
    expect(stderr).toMatch(/^daily-retain report: the weekly view is left out: no week from --from "20261123" on has ended/m);
    expect(stderr).toMatch(/^daily-retain report: the monthly view is left out: no month from --from "20261123" on has ended/m);
    expect(stderr).toMatch(/^Wrote .* \(4 days\)\.$/m);
  });

  it.each([
    [['--period', 'month', '--from', '20261118', '--to', '20261126'], 'no month from --from "20261118" on has ended by yesterday (20261126, Beijing time)'],
    [['--from', '20261118', '--to', '20261127'], '--to "20261127" is later than yesterday (20261126, Beijing time)'],
  ])('refuses %j before any request and writes nothing', async (argv, message) => {
    const { code, stderr, html } = await reportAt(argv);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain(`daily-retain report: ${message}`);
    expect(html).toBeUndefined();
    expect(fixed.requests).toHaveLength(0);
  });

  it('writes what it has when the weeks and months fail after the days: each view names what it misses, stderr one line per failure, exit 1', async () => {
    fixed.inject('datacube', { kind: 'delay', ms: 0 }, 57); // the 57 days from 20261001 to 20261126 answer
    fixed.inject('datacube', { kind: 'errcode', errcode: 45009 }, Number.POSITIVE_INFINITY);
    const { code, stderr, html } = await reportAt(['--from', '20261001', '--to', '20261126', '--lang', 'en']);
    expect(code).toBe(EXIT.failed);
    expect(daysAsked()).toBe(57);
    expect(viewsOf(html).views).toEqual(['day', 'week', 'month']);
    expect(html).toMatch(/id="view-week"[\s\S]*?8 weeks could not be fetched[\s\S]*?There are no weeks in this report\./);
    expect(html).toMatch(/id="view-month"[\s\S]*?There are no months in this report\./);
    const lines = stderr.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'daily-retain report: weeks 20260928–20261122 (widened from 20261001–20261126; the week under way is left out)',
      'daily-retain report: month 20261001–20261031 (asked for 20261001–20261126; the month under way is left out)',
      `Wrote ${path.join(dir, 'report.html')} (57 days, 0 weeks, 0 months).`,
    ]);
    // Two APIs said no: a line each, with the periods it cost.
    expect(lines.slice(3)).toEqual([
      expect.stringMatching(/^daily-retain report: missing 8 weeks \(20260928–20261122\): errCode 45009: reach max api daily quota limit rid: .*getweanalysisappidweeklyretaininfo\)$/),
      expect.stringMatching(/^daily-retain report: missing month 202610: errCode 45009: reach max api daily quota limit rid: .*getweanalysisappidmonthlyretaininfo\)$/),
    ]);
  });

  it('writes no file when nothing at all was fetched, and names the failure once for every view', async () => {
    const unreachable = { WECHAT_API_BASE: 'http://127.0.0.1:1/wechat' };
    const { code, stdout, stderr, html } = await reportAt(['--from', '20261102', '--to', '20261126'], unreachable);
    expect(code).toBe(EXIT.failed);
    expect(stdout).toBe('');
    expect(html).toBeUndefined();
    expect(stderr.split('\n')).toEqual([
      'daily-retain report: weeks 20261102–20261122 (asked for 20261102–20261126; the week under way is left out)',
      'daily-retain report: the monthly view is left out: no month from --from "20261102" on has ended by yesterday (20261126, Beijing time): the last one that has is 20261001–20261031',
      'daily-retain report: nothing fetched: ',
      expect.stringMatching(/^ {2}missing 8 days \(20261102–20261109\) and 3 weeks \(20261102–20261122\): errCode -90004: POST \/wechat\/cgi-bin\/stable_token: connection failed \(ECONNREFUSED\)/),
      '  missing 17 days (20261110–20261126): errCode -90004: not fetched after the failure above',
      'daily-retain report: hint: check WECHAT_API_BASE (now http://127.0.0.1:1/wechat): WeChat, or the proxy or emulator it names, must be reachable from this machine',
      '',
    ]);
  });
});
