import { ErrorCode } from '../../src/errors';
import { EMULATOR_APPID, startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import type { ResponseMode } from '../../src/emulator/security-server';
import { SECURITY_LAYER_HINTS } from '../../src/security/security-layer-hints';
import { SecurityErrorCode as Code } from '../../src/security/security-error-codes';
import { clearFunctionEnv, emulatorEnv, loadBuiltFunction } from '../helpers/built-function';
import { captureLogs } from '../helpers/log-capture';
import { findSecrets } from '../helpers/secret-scan';
import { daysAgo } from '../helpers/yesterday';
import { type AppKeys, appKeys, clearSecurityEnv, currentCertificate, type PemForm, secretsOf, securityEnv, startSecureEmulator } from './secure-setup';

// The built, deployable function (cloudfunctions/getDailyRetain/index.js) with API security
// configured through the six WECHAT_API_* variables, against the emulator's platform side.

const FAIL = /^openapi\.analysis\.getDailyRetain:fail /;
const DAY = daysAgo(40);
const event = { beginDate: DAY, endDate: DAY };

let keys: AppKeys;
let emulator: WeChatEmulator;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  keys = appKeys();
  emulator = await startSecureEmulator(keys);
});
afterAll(() => emulator.close());

beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
  clearSecurityEnv();
  clearFunctionEnv();
  emulator.reset();
  emulator.settings.responseMode = 'normal';
});

const secureFunction = (forms: Parameters<typeof securityEnv>[2] = {}, certs = currentCertificate(emulator), target = emulator) =>
  loadBuiltFunction(emulatorEnv(target, securityEnv(keys, certs, forms)));

/** The same day fetched in plain: the emulator still answers plain requests. */
async function plainResult() {
  const result = await loadBuiltFunction(emulatorEnv(emulator))(event);
  emulator.reset();
  return result;
}

const datacubeRequests = () => emulator.requests.filter((r) => r.endpoint === 'datacube');

describe('the built function with API security', () => {
  it.each<['pkcs1' | 'pkcs8', PemForm, PemForm]>([
    ['pkcs1', 'literal \\n', 'base64'],
    ['pkcs1', 'base64', 'literal \\n'],
    ['pkcs1', 'PEM', 'PEM'],
    ['pkcs8', 'literal \\n', 'literal \\n'],
    ['pkcs8', 'base64', 'base64'],
    ['pkcs8', 'PEM', 'base64'],
  ])('gets the same result as in plain, with a %s key given as %s and the certificate as %s', async (key, keyForm, certForm) => {
    const expected = await plainResult();
    const result = await secureFunction({ key, keyForm, certForm })(event);
    expect(result).toEqual(expected);
    expect(result).toMatchObject({ refDate: DAY, errCode: 0, errMsg: 'openapi.analysis.getDailyRetain:ok' });
  });

  it('sends an encrypted, signed body with the Wechatmp-* headers, and no plaintext on the wire', async () => {
    await secureFunction()(event);
    const [token, datacube] = emulator.requests;
    // Token requests stay plain.
    expect(token).toMatchObject({ endpoint: 'stable_token', body: { grant_type: 'client_credential', appid: EMULATOR_APPID } });
    expect(token?.securityHeaders).toBeUndefined();
    expect(Object.keys(datacube?.body as object)).toEqual(['iv', 'data', 'authtag']);
    expect(JSON.stringify(datacube?.body)).not.toMatch(/begin_date|end_date|_appid|_timestamp/);
    expect(JSON.stringify(datacube?.body)).not.toContain(DAY);
    expect(datacube?.securityHeaders).toEqual({
      'wechatmp-appid': EMULATOR_APPID,
      'wechatmp-timestamp': expect.stringMatching(/^\d{10}$/),
      'wechatmp-signature': expect.stringMatching(/^[A-Za-z0-9+/]{342}==$/),
    });
    expect(Math.abs(Number(datacube?.securityHeaders?.['wechatmp-timestamp']) - Date.now() / 1000)).toBeLessThan(10);
    expect(datacube?.accessToken).toEqual(expect.any(String));
  });

  it.each<[ResponseMode, number, RegExp]>([
    ['body', Code.RESPONSE_BAD_SIGNATURE, /the response signature does not verify with the platform certificate of SN \w+: refused/],
    ['signature', Code.RESPONSE_BAD_SIGNATURE, /the response signature does not verify/],
    ['timestamp', Code.RESPONSE_TIMESTAMP, /Wechatmp-TimeStamp is 60\d s old \(allowed: 300 s\)/],
    ['appid', Code.RESPONSE_APPID_MISMATCH, /Wechatmp-Appid is wx0000000000000000, not our AppID wxemulator00000001/],
    ['serial', Code.RESPONSE_UNKNOWN_SERIAL, /no configured platform certificate matches the response's SN/],
    ['ciphertext', Code.RESPONSE_DECRYPT_FAILED, /the response does not decrypt/],
    ['plaintext-appid', Code.RESPONSE_PLAINTEXT_APPID, /the decrypted _appid is not our AppID/],
    ['plaintext-timestamp', Code.RESPONSE_PLAINTEXT_TIMESTAMP, /the decrypted _timestamp differs from Wechatmp-TimeStamp/],
    ['unsigned', Code.RESPONSE_UNSIGNED, /no Wechatmp-Signature header/],
  ])('refuses a response tampered with in mode %s: errCode %i, never data', async (mode, errCode, message) => {
    const main = secureFunction();
    emulator.inject('datacube', { kind: 'security', mode });
    const result = await main(event);
    expect(result).toEqual({ errCode, errMsg: expect.stringMatching(FAIL) });
    expect(result.errMsg).toMatch(message);
    // Refused, not retried: the same request would get the same answer.
    expect(datacubeRequests()).toHaveLength(1);
    // The next, untampered answer is accepted.
    expect(await main(event)).toMatchObject({ refDate: DAY, errCode: 0 });
  });

  it('accepts a rotation through the deprecated pair with exactly one warning to update the certificate', async () => {
    const security = emulator.security;
    if (!security) throw new Error('no security');
    const main = secureFunction({}, [security.deprecated]);
    emulator.settings.responseMode = 'rotation';
    for (const day of [daysAgo(3), daysAgo(4), daysAgo(5)]) {
      expect(await main({ beginDate: day })).toMatchObject({ refDate: day, errCode: 0 });
    }
    const warnings = logs.lines.filter((line) => line.includes('retiring platform certificate'));
    expect(warnings).toEqual([
      `[getDailyRetain] API security: WeChat is retiring platform certificate SN ${security.deprecated.sn}: download the new one (SN ${security.current.sn}) in 开发管理 → 开发设置 → API安全 and add it to WECHAT_API_PLATFORM_CERT / WECHAT_API_PLATFORM_CERT_SN`,
    ]);
  });

  it('accepts a rotation without a warning when both certificates are configured (separated by |)', async () => {
    const security = emulator.security;
    if (!security) throw new Error('no security');
    const main = secureFunction({ certForm: 'literal \\n' }, [security.deprecated, security.current]);
    emulator.settings.responseMode = 'rotation';
    expect(await main(event)).toMatchObject({ refDate: DAY, errCode: 0 });
    expect(logs.lines.filter((line) => line.includes('retiring'))).toEqual([]);
  });

  it.each(Array.from({ length: 11 }, (_, i) => 40230 + i))('passes a plain security-layer error %i through with its code and a hint', async (errcode) => {
    emulator.inject('datacube', { kind: 'errcode', errcode, errmsg: 'API security error' });
    const result = await secureFunction()(event);
    expect(result).toEqual({ errCode: errcode, errMsg: expect.stringMatching(FAIL) });
    // WeChat's errmsg right after ":fail ", then the hint and where it came from.
    expect(result.errMsg).toMatch(/^openapi\.analysis\.getDailyRetain:fail API security error rid: \S+ \(/);
    expect(result.errMsg).toContain(` (${SECURITY_LAYER_HINTS[errcode]}; errcode ${errcode} from `);
    expect(datacubeRequests()).toHaveLength(1);
  });

  it("gets 40234 from the platform when the private key is not the uploaded public key's", async () => {
    const stranger = appKeys();
    const env = securityEnv({ ...keys, privateKey: stranger.privateKey }, currentCertificate(emulator));
    const result = await loadBuiltFunction(emulatorEnv(emulator, env))(event);
    expect(result.errCode).toBe(40234);
    expect(result.errMsg).toMatch(/invalid signature rid: [\w-]+ \(the signature was rejected: WECHAT_API_ASYM_KEY must be/);
  });

  it('gets 40235 from the platform when the symmetric key or its SN is wrong', async () => {
    for (const wrong of [{ symKey: appKeys().symKey }, { symSn: 'ffffffffffffffffffffffffffffffff' }]) {
      const env = securityEnv({ ...keys, ...wrong }, currentCertificate(emulator));
      const result = await loadBuiltFunction(emulatorEnv(emulator, env))(event);
      expect(result.errCode).toBe(40235);
      expect(result.errMsg).toMatch(/WECHAT_API_SYM_KEY and WECHAT_API_SYM_SN must be/);
      clearSecurityEnv();
    }
  });

  it('gets 40238 when the mini program has no API security configured on the platform side', async () => {
    const plainPlatform = await startEmulator();
    try {
      const result = await secureFunction({}, currentCertificate(emulator), plainPlatform)(event);
      expect(result.errCode).toBe(40238);
      expect(result.errMsg).toMatch(/no symmetric key is configured/);
    } finally {
      await plainPlatform.close();
    }
  });

  it('refreshes the token once on 40001, answered in plain, and then succeeds sealed', async () => {
    const main = secureFunction();
    await main(event);
    emulator.invalidateTokens();
    expect(await main({ beginDate: daysAgo(2) })).toMatchObject({ errCode: 0 });
    expect(emulator.count('stable_token')).toBe(2);
  });

  it('seals every retry anew (fresh IV) after errcode -1', async () => {
    emulator.inject('datacube', { kind: 'errcode', errcode: -1 });
    expect(await secureFunction()(event)).toMatchObject({ refDate: DAY, errCode: 0 });
    const ivs = datacubeRequests().map((r) => (r.body as { iv: string }).iv);
    expect(ivs).toHaveLength(2);
    expect(new Set(ivs).size).toBe(2);
  });

  it('names exactly the missing variables of a partial configuration, before any network call', async () => {
    const env = securityEnv(keys, currentCertificate(emulator));
    const main = loadBuiltFunction(emulatorEnv(emulator, { ...env, WECHAT_API_ASYM_SN: undefined, WECHAT_API_PLATFORM_CERT_SN: undefined }));
    const result = await main(event);
    expect(result).toEqual({
      errCode: ErrorCode.CONFIG,
      errMsg:
        'openapi.analysis.getDailyRetain:fail API security is only partly configured: WECHAT_API_ASYM_SN, WECHAT_API_PLATFORM_CERT_SN are missing. Set all six WECHAT_API_* variables (from 开发管理 → 开发设置 → API安全), or none to call without API security',
    });
    expect(emulator.requests).toHaveLength(0);
  });

  it('names an unreadable key variable, never its value, before any network call', async () => {
    const env = securityEnv(keys, currentCertificate(emulator));
    const result = await loadBuiltFunction(emulatorEnv(emulator, { ...env, WECHAT_API_PLATFORM_CERT: env.WECHAT_API_ASYM_KEY }))(event);
    expect(result.errCode).toBe(ErrorCode.CONFIG);
    expect(result.errMsg).toMatch(/WECHAT_API_PLATFORM_CERT is not a readable platform certificate/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('refuses an SM4_GCM key with -90101, before any network call', async () => {
    const env = securityEnv({ ...keys, symKey: Buffer.alloc(16, 7).toString('base64') }, currentCertificate(emulator));
    const result = await loadBuiltFunction(emulatorEnv(emulator, env))(event);
    expect(result.errCode).toBe(Code.UNSUPPORTED_ALGORITHM);
    expect(result.errMsg).toMatch(/WECHAT_API_SYM_KEY holds a SM4_GCM key, which is not supported.*choose AES256_GCM and RSAwithSHA256/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('keeps keys out of every result and log line, failures included', async () => {
    const main = secureFunction();
    const results = [await main(event)];
    for (const mode of ['body', 'ciphertext', 'appid'] as const) {
      emulator.inject('datacube', { kind: 'security', mode });
      results.push(await main(event));
    }
    const env = securityEnv(keys, currentCertificate(emulator));
    clearSecurityEnv();
    results.push(await loadBuiltFunction(emulatorEnv(emulator, { ...env, WECHAT_API_SYM_KEY: `${keys.symKey.slice(0, 20)}!` }))(event));
    expect(findSecrets([...results, ...logs.lines], secretsOf(keys))).toEqual([]);
  });
});
