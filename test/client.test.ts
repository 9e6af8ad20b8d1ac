import { createClient, ErrorCode, MemoryTokenStore } from '../src';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';
import { daysAgo } from './helpers/yesterday';
import { openApiFailure } from './helpers/open-api-failure';

let emulator: WeChatEmulator;
beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.close());

const clientFor = (extra: object = {}) =>
  createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, ...extra });


describe('createClient', () => {
  it('README example: resolves to the cloud.openapi result', async () => {
    const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url });
    const result = await client.openapi.analysis.getDailyRetain({ beginDate: '20170313', endDate: '20170313' });
    expect(result).toMatchObject({ refDate: '20170313', errMsg: 'openapi.analysis.getDailyRetain:ok', errCode: 0 });
  });

  it('rejects like wx-server-sdk: errCode and errMsg are the only enumerable properties', async () => {
    const error = await openApiFailure(clientFor().openapi.analysis.getDailyRetain({ beginDate: '20170313', endDate: '20170314' }));
    expect({ ...error }).toEqual({ errCode: 61501, errMsg: expect.stringMatching(/^openapi\.analysis\.getDailyRetain:fail beginDate/) });
    expect(error.message).toBe(`errCode: 61501 | errMsg: ${error.errMsg}`);
    expect(emulator.requests).toHaveLength(0);
  });

  it('accepts a base URL with a trailing slash', async () => {
    const client = clientFor({ apiBase: `${emulator.url}/` });
    expect((await client.openapi.analysis.getDailyRetain({ beginDate: daysAgo(3) })).errCode).toBe(0);
  });

  it('keeps the path of a proxy base URL for both the token and the datacube requests', async () => {
    const proxy = await startEmulator({ basePath: '/wechat' });
    try {
      const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: `${proxy.url}/wechat` });
      expect((await client.openapi.analysis.getDailyRetain({ beginDate: '20170313' })).errCode).toBe(0);
      expect(proxy.requests.map((r) => r.endpoint)).toEqual(['stable_token', 'datacube']);
    } finally {
      await proxy.close();
    }
  });

  it('uses a pluggable token source instead of the AppSecret (for example an authorizer_access_token)', async () => {
    const stable = await (await fetch(`${emulator.url}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: EMULATOR_APPID, secret: EMULATOR_SECRET }),
    })).json() as { access_token: string };
    const tokenSource = jest.fn(async () => ({ accessToken: stable.access_token, expiresInSeconds: 7200 }));
    const client = createClient({ appid: EMULATOR_APPID, tokenSource, apiBase: emulator.url });
    expect((await client.openapi.analysis.getDailyRetain({})).errCode).toBe(0);
    expect(tokenSource).toHaveBeenCalledWith({ appid: EMULATOR_APPID, deadlineAt: expect.any(Number) });
  });

  it('uses a pluggable token store', async () => {
    const tokenStore = new MemoryTokenStore();
    await clientFor({ tokenStore }).openapi.analysis.getDailyRetain({});
    await clientFor({ tokenStore }).openapi.analysis.getDailyRetain({});
    expect(emulator.count('stable_token')).toBe(1);
  });

  it('settles by the deadline when the token store update hangs after WeChat rejects the token', async () => {
    const tokenStore = new MemoryTokenStore();
    tokenStore.invalidate = () => new Promise<never>(() => undefined);
    const client = clientFor({ tokenStore, timeoutMs: 500 });
    expect((await client.openapi.analysis.getDailyRetain({})).errCode).toBe(0);
    emulator.invalidateTokens();
    const started = Date.now();
    const error = await openApiFailure(client.openapi.analysis.getDailyRetain({}));
    expect(error.errCode).toBe(ErrorCode.TIMEOUT);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('validates options once, naming each bad option and never its value', () => {
    expect(() => createClient({ appid: 'nope', secret: '', apiBase: 'ftp://x', timeoutMs: -1 })).toThrow(
      'createClient: option "appid" must be an AppID such as "wx0123456789abcdef"; option "secret" must not be empty; option "apiBase" must be an http(s) URL such as "https://api.weixin.qq.com"; option "timeoutMs" Too small: expected number to be >0',
    );
  });

  it('asks for a secret or a token source', () => {
    expect(() => createClient({ appid: EMULATOR_APPID })).toThrow('option "secret" is required: the AppSecret (or give tokenSource instead)');
  });

  it('names appid and secret in one message when both are missing', () => {
    expect(() => createClient({} as never)).toThrow(
      'createClient: option "appid" is required: your mini program\'s AppID, such as "wx0123456789abcdef"; option "secret" is required: the AppSecret (or give tokenSource instead)',
    );
  });

  it('reports a server that never answers as a timeout within the call budget', async () => {
    emulator.inject('datacube', { kind: 'hang' }, Number.POSITIVE_INFINITY);
    const started = Date.now();
    const error = await openApiFailure(clientFor({ timeoutMs: 400 }).openapi.analysis.getDailyRetain({}));
    expect(error.errCode).toBe(ErrorCode.TIMEOUT);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports a refused connection as a network error', async () => {
    const url = emulator.url;
    await emulator.close();
    const error = await openApiFailure(createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: url, timeoutMs: 2000 }).openapi.analysis.getDailyRetain({}));
    expect(error.errCode).toBe(ErrorCode.NETWORK);
    expect(error.errMsg).toMatch(/POST \/cgi-bin\/stable_token: connection failed \(ECONNREFUSED\)/);
    emulator = await startEmulator();
  });

  it('reports an HTTP 404 without retrying it', async () => {
    emulator.inject('datacube', { kind: 'http', status: 404 });
    const error = await openApiFailure(clientFor().openapi.analysis.getDailyRetain({}));
    expect(error.errCode).toBe(ErrorCode.HTTP_STATUS);
    expect(emulator.count('datacube')).toBe(1);
  });
});
