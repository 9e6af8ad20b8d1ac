import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient } from '../../src';
import { runCli } from '../../src/cli/run-cli';
import { EMULATOR_APPID, EMULATOR_SECRET } from '../../src/emulator/wechat-emulator';
import { openApiFailure } from '../helpers/open-api-failure';
import { daysAgo } from '../helpers/yesterday';
import { expectFailure, useHarness } from './harness';

// Issue 11, point 6: text from upstream holding terminal escape sequences (ESC ] 0 ; … BEL
// sets a terminal's title, ESC [ 2 J clears it, U+009B is the one-character CSI) must reach
// no errMsg, log line or terminal as such: every C0/C1 control character becomes U+FFFD.
// This is the one change (besides redacting secrets) we make to WeChat's errmsg, which the
// parity corpus (test/parity) shows verbatim: real errmsgs never hold control characters.

const harness = useHarness();

const DAY = daysAgo(3);
const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\r\nfake line\u0000';
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe('control characters from upstream', () => {
  it.each([
    ['an errmsg', JSON.stringify({ errcode: 61503, errmsg: `data not ready ${HOSTILE}` }), 61503],
    ['an error page', `<html>${HOSTILE}</html>`, -90006],
    ['a key refused as wx-server-sdk refuses it', JSON.stringify({ [`__proto__${HOSTILE}`]: 1 }), -90006],
  ])('are replaced in the errMsg and the log when they come in %s', async (_name, body, errCode) => {
    const main = harness.load();
    harness.emulator.inject('datacube', { kind: 'body', body }, Number.POSITIVE_INFINITY);
    const result = await main({ beginDate: DAY });
    expectFailure(result, errCode);
    expect(result.errMsg).not.toMatch(CONTROL);
    expect(result.errMsg).toContain('\ufffd');
    for (const line of harness.logLines()) expect(line).not.toMatch(CONTROL);
  });

  it('keep the text around them, so the errMsg still says what WeChat said', async () => {
    const main = harness.load();
    harness.emulator.inject('datacube', { kind: 'body', body: JSON.stringify({ errcode: 61503, errmsg: 'data\u001b[2J not ready' }) });
    expect(await main({ beginDate: DAY })).toMatchObject({ errMsg: expect.stringMatching(/^openapi\.analysis\.getDailyRetain:fail data\ufffd\[2J not ready \(/) });
  });

  it('are replaced in the warning about an odd answer', async () => {
    const main = harness.load();
    harness.emulator.inject('datacube', { kind: 'body', body: JSON.stringify({ ref_date: `x${HOSTILE}`, visit_uv_new: [], visit_uv: [] }) });
    expect(await main({ beginDate: DAY })).toMatchObject({ errCode: 0 });
    const warnings = harness.logLines().filter((line) => line.includes('in a shape the documentation does not show'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toMatch(CONTROL);
  });

  it('are replaced in the library’s errMsg and in the cause chain it carries', async () => {
    const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: harness.emulator.url, logger: { warn: () => undefined } });
    harness.emulator.inject('datacube', { kind: 'body', body: JSON.stringify({ errcode: 45009, errmsg: HOSTILE }) });
    const error = await openApiFailure(client.openapi.analysis.getDailyRetain({ beginDate: DAY }));
    expect(error.errMsg).not.toMatch(CONTROL);
    expect((error.cause as Error).message).not.toMatch(CONTROL);
  });

  it('never reach the reason a range gives for a day it leaves out', async () => {
    const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: harness.emulator.url, logger: { warn: () => undefined } });
    harness.emulator.inject('datacube', { kind: 'body', body: JSON.stringify({ ref_date: `x${HOSTILE}`, visit_uv_new: [], visit_uv: [] }) });
    const { missing } = await client.getDailyRetainRange({ beginDate: DAY, endDate: DAY });
    expect(missing).toEqual([{ refDate: DAY, errCode: -90006, errMsg: expect.stringContaining('refDate is not a yyyymmdd string') }]);
    expect(missing[0]?.errMsg).not.toMatch(CONTROL);
  });

  it('never reach the terminal through the CLI', async () => {
    let stderr = '';
    let stdout = '';
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'control-characters-cache-'));
    const io = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: { WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_API_BASE: harness.emulator.url, RETAIN_CACHE_DIR: cacheDir },
    };
    harness.emulator.inject('datacube', { kind: 'body', body: JSON.stringify({ errcode: 61503, errmsg: HOSTILE }) }, Number.POSITIVE_INFINITY);
    try {
      expect(await runCli(['get', '--date', DAY], io)).toBe(1);
      expect(await runCli(['range', '--from', DAY, '--to', DAY], io)).toBe(1);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
    expect(stderr).toMatch(/^daily-retain get: errCode 61503: \ufffd\]0;pwned/m);
    expect(stderr).toMatch(/^daily-retain range: nothing fetched: missing \d{8}: errCode 61503: \ufffd\]0;pwned/m);
    // Lines are ours: each ends with the one newline we write.
    expect(stderr.replace(/\n/g, '')).not.toMatch(CONTROL);
    expect(stdout).toBe(''); // a range that fetched nothing prints nothing
  });
});
