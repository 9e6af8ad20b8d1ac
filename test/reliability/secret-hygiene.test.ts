import { toOpenApiError } from '../../src/client';
import { EMULATOR_SECRET } from '../../src/emulator/wechat-emulator';
import { ErrorCode, TransportError } from '../../src/errors';
import { redact } from '../../src/redact';
import { findSecrets, PEM_MARKER } from '../helpers/secret-scan';
import { expectFailure, useHarness } from './harness';

// Every test in test/reliability scans what the function returned, threw and logged for the
// AppSecret, every token the emulator issued and PEM material (see harness.ts). These tests
// check the scan itself, the redaction of URLs, and the paths where a credential could slip
// into a message: the token request's body and answers that quote a token.

const harness = useHarness();

describe('the secret scan', () => {
  it('finds a secret in a result, a log line, an error message, a stack and a nested cause', () => {
    const secret = 'a-very-secret-value-0123';
    const nested = new Error('outer', { cause: new TransportError(-90004, `inner ${secret}`, true) });
    const hits = findSecrets([{ errMsg: 'fine' }, `warn ${secret}`, nested, { deep: { deeper: [secret] } }], [secret]);
    expect(hits.map((hit) => hit.split(':')[0])).toEqual(['secret #0 in value #1', 'secret #0 in value #2', 'secret #0 in value #3']);
  });

  it('finds PEM material and never prints the secret it found', () => {
    const secret = 'another-secret-value-4567';
    const hits = findSecrets([`${PEM_MARKER} PRIVATE KEY-----\nMIIE`, `token=${secret}`], [secret]);
    expect(hits).toHaveLength(2);
    expect(hits.join('\n')).not.toContain(secret);
    expect(hits[0]).toMatch(/^PEM material in value #0/);
  });

  it('handles cycles and BigInt without throwing', () => {
    const cyclic: Record<string, unknown> = { n: BigInt(1) };
    cyclic.self = cyclic;
    expect(findSecrets([cyclic], ['nothing-to-find-here'])).toEqual([]);
  });
});

describe('redaction of URLs in errors and logs', () => {
  it.each([
    ['an access_token', 'POST https://api.weixin.qq.com/datacube/x?access_token=AbC.d-E_f%2Fg', 'https://api.weixin.qq.com/datacube/x?access_token=[REDACTED]'],
    ['a secret after other parameters', 'GET /cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s3cr3t&x=1', '&secret=[REDACTED]&x=1'],
    ['upper-case names', 'GET /x?ACCESS_TOKEN=abc&SECRET=def', '?ACCESS_TOKEN=[REDACTED]&SECRET=[REDACTED]'],
    ['a token before a fragment', '/x?access_token=abc#frag', '?access_token=[REDACTED]#frag'],
    ['a token inside quotes', 'fetch "https://h/x?access_token=abc" failed', '?access_token=[REDACTED]" failed'],
    ['third-party tokens', '/x?component_access_token=a&authorizer_access_token=b', '?component_access_token=[REDACTED]&authorizer_access_token=[REDACTED]'],
  ])('redacts %s', (_name, text, expected) => {
    const out = redact(text);
    expect(out).toContain(expected);
    expect(out).not.toMatch(/(access_token|secret)=(?!\[REDACTED\])/i);
  });

  it('redacts every URL in a message, not only the first', () => {
    const out = redact('a /x?access_token=one then /y?access_token=two&secret=three');
    expect(out).toBe('a /x?access_token=[REDACTED] then /y?access_token=[REDACTED]&secret=[REDACTED]');
  });

  it('turns an unexpected error that quotes a URL into an errMsg without the token or the secret', () => {
    const error = new Error(`request to https://api.weixin.qq.com/x?access_token=tok123456789&secret=${EMULATOR_SECRET} failed, body ${EMULATOR_SECRET}`);
    const failure = toOpenApiError('analysis.getDailyRetain', error, [EMULATOR_SECRET]);
    expect(failure.errCode).toBe(ErrorCode.INTERNAL);
    expect(failure.errMsg).toContain('access_token=[REDACTED]&secret=[REDACTED]');
    expect(failure.errMsg).not.toContain('tok123456789');
    expect(failure.errMsg).not.toContain(EMULATOR_SECRET);
  });
});

describe('credentials never reach a result or a log line of the built function', () => {
  it('redacts a gateway page that echoes the request URL with its access_token', async () => {
    const token = await harness.liveToken();
    const main = harness.load();
    const page = `<html>upstream failed: POST /datacube/getweanalysisappiddailyretaininfo?access_token=${token}</html>`;
    harness.emulator.inject('datacube', { kind: 'body', body: page }, Number.POSITIVE_INFINITY);
    const result = await main({});
    expectFailure(result, ErrorCode.BAD_RESPONSE);
    expect(result.errMsg).toContain('access_token=[REDACTED]');
    expect(result.errMsg).not.toContain(token);
  });

  it('never quotes a token from a token answer that is otherwise unusable', async () => {
    const token = await harness.liveToken();
    const main = harness.load();
    harness.emulator.inject('stable_token', { kind: 'body', body: `{"access_token":"${token}","expires_in":7200,"errcode":"odd"}` });
    const result = await main({});
    expectFailure(result, ErrorCode.BAD_RESPONSE);
    expect(result.errMsg).not.toContain(token);
    expect(result.errMsg).toMatch(/"access_token":"\[REDACTED\]/);
  });

  it('never quotes a token from a token answer cut off in the middle', async () => {
    const token = await harness.liveToken();
    const main = harness.load();
    harness.emulator.inject('stable_token', { kind: 'body', body: `{"expires_in":7200,"access_token":"${token.slice(0, 40)}` }, Number.POSITIVE_INFINITY);
    const result = await main({});
    expectFailure(result, ErrorCode.BAD_RESPONSE);
    expect(result.errMsg).not.toContain(token.slice(0, 40));
  });

  it.each([
    ['a wrong AppSecret', { kind: 'errcode', errcode: 40125 }],
    ['an HTML 500 page', { kind: 'http', status: 500 }],
    ['broken JSON', { kind: 'broken-json' }],
    ['a connection reset', { kind: 'reset' }],
  ] as const)('keeps the AppSecret (sent in the token request body) out of the errMsg and the log after %s', async (_name, fault) => {
    const main = harness.load();
    harness.emulator.inject('stable_token', fault, Number.POSITIVE_INFINITY);
    const result = await main({});
    expectFailure(result);
    expect(`${result.errMsg}`).not.toContain(EMULATOR_SECRET);
    const logged = harness.logLines().filter((line) => line.includes(`errCode ${result.errCode}`));
    expect(logged).toHaveLength(1);
    expect(logged[0]).not.toContain(EMULATOR_SECRET);
  });

  it("keeps tokens and the secret out of the emulator's own request log", async () => {
    const main = harness.load();
    await main({});
    const log = await (await fetch(`${harness.emulator.url}/__emulator/requests`, { method: 'POST' })).text();
    expect(findSecrets([log], [EMULATOR_SECRET, ...harness.emulator.issuedTokens()])).toEqual([]);
  });
});
