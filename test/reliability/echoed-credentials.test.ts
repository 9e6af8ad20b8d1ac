import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { createClient, FileRetainCache } from '../../src';
import { runCli } from '../../src/cli/run-cli';
import { EMULATOR_APPID, EMULATOR_SECRET } from '../../src/emulator/wechat-emulator';
import { MemoryRetainCache } from '../../src/range/retain-cache';
import { openApiFailure } from '../helpers/open-api-failure';
import { findSecrets } from '../helpers/secret-scan';
import { daysAgo } from '../helpers/yesterday';
import { expectFailure, OK_MESSAGE, useHarness } from './harness';

// Issue 11, points 4 and 5: an upstream (set through WECHAT_API_BASE, or a proxy) that echoes
// the live access token or the AppSecret back, in an errmsg, an error page or an extra field.
// Neither may reach a result, an error (its cause chain and stack included), a log line, CLI
// stderr or a cached day. The harness also scans everything each test saw for both.

const harness = useHarness();

const DAY = daysAgo(40); // final: a range would cache it
const documented = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ref_date: DAY, visit_uv_new: [{ key: 0, value: 5 }], visit_uv: [{ key: 0, value: 9 }], ...extra });

function libraryClient(extra: Parameters<typeof createClient>[0] extends infer O ? Partial<O> : never = {}) {
  const logged: string[] = [];
  const client = createClient({
    appid: EMULATOR_APPID,
    secret: EMULATOR_SECRET,
    apiBase: harness.emulator.url,
    logger: { warn: (line) => logged.push(line) },
    ...extra,
  });
  return { client, logged };
}

describe('an echoed access token', () => {
  it.each([
    ['an errmsg', (token: string) => JSON.stringify({ errcode: 40013, errmsg: `invalid appid for token ${token} rid: 1` })],
    ['an error page', (token: string) => `<html>bad gateway for ${token}</html>`],
    ['a JSON error body', (token: string) => `{"errcode":"odd","echo":"${token}"}`],
  ])('is cut out of the built function’s errMsg and log when it comes back in %s', async (_name, body) => {
    const token = await harness.liveToken();
    const main = harness.load();
    harness.emulator.inject('datacube', { kind: 'body', body: body(token) }, Number.POSITIVE_INFINITY);
    const result = await main({ beginDate: DAY });
    expectFailure(result);
    expect(result.errMsg).toContain('[REDACTED]');
    expect(findSecrets([result, ...harness.logLines()], [token])).toEqual([]);
  });

  it.each([
    ['an errmsg cut at 300 characters', (token: string) => JSON.stringify({ errcode: 61503, errmsg: `${'x'.repeat(280)} ${token}` })],
    ['an error page quoted up to 120 characters', (token: string) => `<html>${'y'.repeat(100)} ${token} </html>`],
  ])('leaves not even the start of it where %s would split it', async (_name, body) => {
    const token = await harness.liveToken();
    const main = harness.load();
    harness.emulator.inject('datacube', { kind: 'body', body: body(token) }, Number.POSITIVE_INFINITY);
    const result = await main({ beginDate: DAY });
    expectFailure(result);
    expect(`${result.errMsg}\n${harness.logLines().join('\n')}`).not.toContain(token.slice(0, 12));
  });

  it('is cut out of an extra field of a success answer, which is otherwise returned as cloud.openapi would', async () => {
    const token = await harness.liveToken();
    const main = harness.load();
    harness.emulator.inject('datacube', { kind: 'body', body: documented({ debug_info: `served with ${token}`, [token]: 1 }) });
    const result = await main({ beginDate: DAY });
    expect(result).toMatchObject({ refDate: DAY, debugInfo: 'served with [REDACTED]', '[REDACTED]': 1, errMsg: OK_MESSAGE, errCode: 0 });
    expect(findSecrets([result], [token])).toEqual([]);
  });

  it('is cut out even when it is a token the instance no longer holds', async () => {
    const main = harness.load();
    expect(await main({ beginDate: DAY })).toMatchObject({ errCode: 0 });
    const old = await harness.liveToken();
    harness.emulator.invalidateTokens();
    harness.emulator.inject('datacube', { kind: 'errcode', errcode: 40001, errmsg: 'invalid credential' });
    expect(await main({ beginDate: DAY })).toMatchObject({ errCode: 0 }); // one refresh: a new token
    expect(await harness.liveToken()).not.toBe(old);
    harness.emulator.inject('datacube', { kind: 'body', body: JSON.stringify({ errcode: 45009, errmsg: `quota of ${old} used up` }) });
    const result = await main({ beginDate: DAY });
    expectFailure(result, 45009);
    expect(result.errMsg).toBe(
      'openapi.analysis.getDailyRetain:fail quota of [REDACTED] used up (the daily quota of this API is used up: wait until tomorrow or reset it with clear_quota; errcode 45009 from /datacube/getweanalysisappiddailyretaininfo)',
    );
  });

  it('never reaches the range cache: a final day whose answer held it is returned (its documented fields only) but not cached', async () => {
    const token = await harness.liveToken();
    const retainCache = new MemoryRetainCache();
    const { client } = libraryClient({ retainCache });
    harness.emulator.inject('datacube', { kind: 'body', body: documented({ echo: token }) });
    const { list, missing } = await client.getDailyRetainRange({ beginDate: DAY, endDate: DAY });
    expect(missing).toEqual([]);
    expect(list).toMatchObject([{ refDate: DAY, final: true }]);
    expect(list[0]).not.toHaveProperty('echo');
    expect(await retainCache.get(EMULATOR_APPID, `day-${DAY}`)).toBeUndefined();
    // The next range fetches it again, and caches it once the upstream stops echoing.
    harness.emulator.inject('datacube', { kind: 'body', body: documented() });
    await client.getDailyRetainRange({ beginDate: DAY, endDate: DAY });
    expect(await retainCache.get(EMULATOR_APPID, `day-${DAY}`)).toMatchObject({ refDate: DAY });
  });

  it('never reaches CLI stderr or the file cache', async () => {
    const token = await harness.liveToken();
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'echoed-token-'));
    try {
      let stderr = '';
      let stdout = '';
      const io = {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text) },
        env: { RETAIN_CACHE_DIR: cacheDir, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_API_BASE: harness.emulator.url },
      };
      harness.emulator.inject('datacube', { kind: 'body', body: documented({ echo: token }) });
      harness.emulator.inject('datacube', { kind: 'body', body: JSON.stringify({ errcode: 61503, errmsg: `not ready for ${token}` }) });
      expect(await runCli(['range', '--from', DAY, '--to', daysAgo(39)], io)).toBe(1);
      expect(stderr).toMatch(/missing \d{8}: errCode 61503: .*not ready for \[REDACTED\]/);
      const files = readdirSync(cacheDir, { recursive: true, encoding: 'utf8' }).filter((file) => statSync(path.join(cacheDir, file)).isFile());
      const cached = files.map((file) => readFileSync(path.join(cacheDir, file), 'utf8'));
      expect(findSecrets([stderr, stdout, ...cached], [token])).toEqual([]);
      expect(cached.filter((text) => text.includes(DAY))).toEqual([]);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('is cut out of the library’s warnings', async () => {
    const token = await harness.liveToken();
    const { client, logged } = libraryClient({ retainCache: new FileRetainCache(path.join(os.tmpdir(), 'unused-echo-cache')) });
    harness.emulator.inject('datacube', { kind: 'body', body: JSON.stringify({ ref_date: token }) });
    await client.openapi.analysis.getDailyRetain({ beginDate: DAY });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('[REDACTED]');
    expect(findSecrets(logged, [token])).toEqual([]);
  });
});

describe('a public error carries no secret anywhere (util.inspect shows message, fields, stack and cause chain)', () => {
  it.each([
    ['the AppSecret echoed by the token endpoint', 'stable_token' as const, () => JSON.stringify({ errcode: 40125, errmsg: `invalid appsecret ${EMULATOR_SECRET}` })],
    ['the access token echoed in an errmsg', 'datacube' as const, (token: string) => JSON.stringify({ errcode: 61503, errmsg: `not ready for ${token}` })],
    ['the access token echoed in an error page', 'datacube' as const, (token: string) => `<html>${token}</html>`],
    ['the access token echoed in a body that is not JSON', 'datacube' as const, (token: string) => `{"broken": "${token}`],
  ])('%s', async (_name, endpoint, body) => {
    const token = await harness.liveToken();
    const { client } = libraryClient();
    harness.emulator.inject(endpoint, { kind: 'body', body: body(token) }, Number.POSITIVE_INFINITY);
    const error = await openApiFailure(client.openapi.analysis.getDailyRetain({ beginDate: DAY }));
    harness.seen.push(error);
    const shown = inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    expect(shown).toContain('[cause]');
    expect(findSecrets([shown, error.stack, error.errMsg], [EMULATOR_SECRET, token])).toEqual([]);
    // The cause still says what happened, and where: it is kept, made safe.
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).stack).toMatch(/\n\s+at /);
  });
});
