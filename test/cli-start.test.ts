import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { EMULATOR_APPID, EMULATOR_SECRET } from '../src/emulator/wechat-emulator';
import { daysAgo, yesterday } from './helpers/yesterday';

// `npm start` is `node dist/start.js` after a build: the built function run as the cloud
// console's test button runs it. Each test is a real process, as a person runs it.

const start = path.resolve(__dirname, '..', 'dist', 'start.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function npmStart(args: string[], vars: Record<string, string> = {}): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(WECHAT_|RETAIN_|TENCENTCLOUD_)/.test(name)));
  return new Promise((resolve) => {
    execFile(process.execPath, [start, ...args], { env: { ...clean, ...vars }, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

const EMULATOR_NOTICE = 'npm start: none of WECHAT_APPID, WECHAT_APPSECRET, WECHAT_API_BASE is set: the function called the embedded WeChat emulator (AppID wxemulator00000001, sample data).';

describe('npm start', () => {
  it('runs the function on the embedded emulator and says so once, with the result on stdout', async () => {
    const { code, stdout, stderr } = await npmStart([]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ refDate: yesterday(), errMsg: 'openapi.analysis.getDailyRetain:ok', errCode: 0 });
    // The token is kept in memory by default (WECHAT_TOKEN_STORE), which needs no notice.
    expect(stderr.trimEnd().split('\n')).toEqual([EMULATOR_NOTICE]);
  });

  it('prints a failure once: the result on stdout, and no notice for an event refused before any request', async () => {
    const { code, stdout, stderr } = await npmStart(['{"beginDate":"2099"}']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      errCode: 61500,
      errMsg: 'openapi.analysis.getDailyRetain:fail beginDate "2099" is not a date: use yyyymmdd (or yyyy-mm-dd), for example "20170313"',
    });
    expect(stderr).toBe('');
  });

  it('prints a network failure once, and no token notice when no token was kept', async () => {
    const { code, stdout, stderr } = await npmStart(['{}'], { WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_API_BASE: 'http://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ errCode: -90004 });
    expect(stderr).toBe('');
  });

  it('names WECHAT_APPID and WECHAT_APPSECRET in one errMsg when only WECHAT_API_BASE is set', async () => {
    const { code, stdout } = await npmStart([], { WECHAT_API_BASE: 'http://127.0.0.1:1' });
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as { errCode: number; errMsg: string };
    expect(result.errCode).toBe(-90001);
    expect(result.errMsg).toMatch(/fail WECHAT_APPID and WECHAT_APPSECRET are not set/);
  });

  it('runs the weekly function with --function, as its help shows', async () => {
    const { code, stdout } = await npmStart(['--function', 'getWeeklyRetain', '{"beginDate":"20170306","endDate":"20170312"}']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ refDate: '20170306-20170312', errMsg: 'openapi.analysis.getWeeklyRetain:ok', errCode: 0 });
  });

  it('runs the range function with --function', async () => {
    const { code, stdout } = await npmStart(['--function', 'getDailyRetainRange', JSON.stringify({ beginDate: daysAgo(3), endDate: yesterday() })]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { list: { refDate: string }[]; missing: unknown[]; errMsg: string };
    expect(result.list.map((day) => day.refDate)).toEqual([daysAgo(3), daysAgo(2), yesterday()]);
    expect(result).toMatchObject({ missing: [], errMsg: 'getDailyRetainRange:ok' });
  });

  it.each([
    [['{beginDate:1}'], /^npm start: the event must be JSON, for example: npm start -- '\{"beginDate":"20170313","endDate":"20170313"\}'\n/],
    [['--bogus'], /^npm start: Unknown option '--bogus'/],
    [['--function', 'getNothing'], /^npm start: there is no function "getNothing": the functions are getDailyRetain, getDailyRetainRange, getMonthlyRetain, getWeeklyRetain\n/],
    [['--function', '../dist'], /^npm start: there is no function "\.\.\/dist"/],
    [['{}', '{}'], /^npm start: give the event as one argument, in single quotes \(got 2 arguments\)/],
  ])('exits 2 with a message and the usage line for %j', async (args, message) => {
    const { code, stdout, stderr } = await npmStart(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^Usage: npm start -- \[--function name\] \['<event JSON>'\]$/m);
  });

  it('--help says what it does, the events, both modes and the exit codes', async () => {
    const { code, stdout } = await npmStart(['--help']);
    expect(code).toBe(0);
    for (const part of ['test button', '\'{"beginDate":"20170313","endDate":"20170313"}\'', 'embedded WeChat emulator', 'WeChat itself', 'Exit codes:', '  2  usage']) {
      expect(stdout).toContain(part);
    }
  });
});
