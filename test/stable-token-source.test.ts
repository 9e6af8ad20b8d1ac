import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';
import { ErrorCode, TransportError, WeChatApiError } from '../src/errors';
import { RETRY_DEFAULTS } from '../src/retry';
import { STABLE_TOKEN_PATH, stableTokenSource } from '../src/token/stable-token-source';

// The default token source from src/, against the emulator: what it sends, what it accepts.

let emulator: WeChatEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function sourceOn(options: { tokenTtlSeconds?: number } = {}) {
  emulator = await startEmulator(options);
  const source = stableTokenSource({
    apiBase: emulator.url,
    secret: EMULATOR_SECRET,
    clock: Date.now,
    attemptTimeoutMs: 2000,
    retry: { ...RETRY_DEFAULTS },
    sleep: async () => undefined,
  });
  return { emulator, source };
}

const inTenSeconds = () => Date.now() + 10_000;

describe('stableTokenSource', () => {
  it('asks /cgi-bin/stable_token in normal mode, with the secret in the body, and hands back the token and its lifetime', async () => {
    const { emulator, source } = await sourceOn({ tokenTtlSeconds: 5000 });
    const issued = await source({ appid: EMULATOR_APPID, deadlineAt: inTenSeconds() });
    // The emulator, as WeChat, answers the token's remaining lifetime in whole seconds.
    expect(issued.expiresInSeconds).toBeGreaterThanOrEqual(4990);
    expect(issued.expiresInSeconds).toBeLessThanOrEqual(5000);
    expect(emulator.issuedTokens()).toContain(issued.accessToken);
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]).toMatchObject({
      endpoint: 'stable_token',
      method: 'POST',
      path: STABLE_TOKEN_PATH,
      body: { grant_type: 'client_credential', appid: EMULATOR_APPID, secret: EMULATOR_SECRET, force_refresh: false },
    });
  });

  it("keeps a proxy's base path in the URL", async () => {
    // A proxy that serves only under its base path, and says which path it was asked.
    const paths: string[] = [];
    const proxy = http.createServer((req, res) => {
      paths.push(req.url ?? '');
      res.end('{"access_token":"abcdefgh","expires_in":7200}');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const source = stableTokenSource({
        apiBase: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/wechat`,
        secret: EMULATOR_SECRET,
        clock: Date.now,
        attemptTimeoutMs: 2000,
        retry: { ...RETRY_DEFAULTS },
        sleep: async () => undefined,
      });
      await source({ appid: EMULATOR_APPID, deadlineAt: inTenSeconds() });
      expect(paths).toEqual(['/wechat/cgi-bin/stable_token']);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('tries again after errcode -1 (system busy)', async () => {
    const { emulator, source } = await sourceOn();
    emulator.inject('stable_token', { kind: 'errcode', errcode: -1 });
    await source({ appid: EMULATOR_APPID, deadlineAt: inTenSeconds() });
    expect(emulator.count('stable_token')).toBe(2);
  });

  it("fails at once with WeChat's errcode for a wrong secret", async () => {
    const { emulator, source } = await sourceOn();
    emulator.inject('stable_token', { kind: 'errcode', errcode: 40125, errmsg: 'invalid appsecret' });
    await expect(source({ appid: EMULATOR_APPID, deadlineAt: inTenSeconds() })).rejects.toBeInstanceOf(WeChatApiError);
    expect(emulator.count('stable_token')).toBe(1);
  });

  it.each([
    ['an empty access_token', '{"access_token":"","expires_in":7200}'],
    ['an access_token that is not a string', '{"access_token":12345678,"expires_in":7200}'],
    ['no expires_in', '{"access_token":"abcdefgh"}'],
    ['an expires_in that is a string', '{"access_token":"abcdefgh","expires_in":"7200"}'],
    ['an expires_in of 0', '{"access_token":"abcdefgh","expires_in":0}'],
    ['a negative expires_in', '{"access_token":"abcdefgh","expires_in":-5}'],
  ])('refuses an answer with %s, without retrying it', async (_, body) => {
    const { emulator, source } = await sourceOn();
    emulator.inject('stable_token', { kind: 'body', body });
    const error = await source({ appid: EMULATOR_APPID, deadlineAt: inTenSeconds() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ errCode: ErrorCode.BAD_RESPONSE, transient: false, message: '/cgi-bin/stable_token answered without a usable access_token and expires_in' });
    expect(emulator.count('stable_token')).toBe(1);
  });

  it('takes an answer of one second as a usable lifetime', async () => {
    const { emulator, source } = await sourceOn();
    emulator.inject('stable_token', { kind: 'body', body: '{"access_token":"abcdefgh","expires_in":1}' });
    expect(await source({ appid: EMULATOR_APPID, deadlineAt: inTenSeconds() })).toEqual({ accessToken: 'abcdefgh', expiresInSeconds: 1 });
  });
});
