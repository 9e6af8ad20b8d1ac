import { encryptGcm } from '../../src/security/aes-gcm';
import { signPss } from '../../src/security/rsa-pss';
import { sealRequest } from '../../src/security/seal-request';
import { SecurityErrorCode } from '../../src/security/security-error-codes';
import { aadOf, stringToSign, urlPathOf } from '../../src/security/signing-input';
import { verifySealedRequest } from '../../src/emulator/security-server';
import { APPID, NOW, PATH, securityPair } from './security-fixture';

const { server, ctx, client, config } = securityPair();
const params = { begin_date: '20240430', end_date: '20240430' };
const ts = NOW / 1000;
const seal = (overrides: Partial<Parameters<typeof sealRequest>[1]> = {}, context = ctx) =>
  sealRequest(context, { path: `${PATH}?access_token=TOKEN`, params, timestamp: ts, ...overrides });
const verify = (sealed: { body: string; headers: Record<string, string> }, extra: { now?: number; tokenAppid?: string } = {}) =>
  verifySealedRequest(server, { path: PATH, headers: sealed.headers, body: Buffer.from(sealed.body), now: NOW, ...extra });

describe('sealed requests, checked by the emulated platform', () => {
  it('round-trips: the platform verifies, decrypts and gets the original params back', () => {
    const sealed = seal({ params: { ...params, access_token: 'TOKEN' } });
    expect(JSON.parse(sealed.body)).toEqual({ iv: expect.any(String), data: expect.any(String), authtag: expect.any(String) });
    expect(Object.keys(JSON.parse(sealed.body))).toEqual(['iv', 'data', 'authtag']);
    expect(verify(sealed)).toEqual({ ok: true, params });
  });

  it('uses a fresh nonce and IV by default, and the current time', () => {
    const [a, b] = [sealRequest(ctx, { path: PATH, params }), sealRequest(ctx, { path: PATH, params })];
    expect(JSON.parse(a.body).iv).not.toBe(JSON.parse(b.body).iv);
    expect(Math.abs(a.timestamp - Date.now() / 1000)).toBeLessThan(5);
  });

  it.each([
    ['Wechatmp-Appid', 40233],
    ['Wechatmp-TimeStamp', 40231],
    ['Wechatmp-Signature', 40232],
  ])('answers a request without %s with %i', (header, errcode) => {
    const sealed = seal();
    const headers: Record<string, string> = { ...sealed.headers };
    delete headers[header];
    expect(verify({ ...sealed, headers })).toEqual({ ok: false, error: { errcode, errmsg: expect.any(String) } });
  });

  it('answers 40237 when the appid is not the access token account', () => {
    expect(verify(seal(), { tokenAppid: 'wx1111111111111111' })).toMatchObject({ ok: false, error: { errcode: 40237 } });
  });

  it('answers 40240 to a stale timestamp', () => {
    expect(verify(seal({ timestamp: ts - 301 }))).toMatchObject({ ok: false, error: { errcode: 40240 } });
    expect(verify(seal({ timestamp: ts - 299 }))).toMatchObject({ ok: true });
  });

  it('answers 40234 to an altered body, a foreign key, or a urlpath that is not the official one', () => {
    const sealed = seal();
    expect(verify({ ...sealed, body: sealed.body.replace('"iv":"', '"iv":"A') })).toMatchObject({ error: { errcode: 40234 } });
    const stranger = securityPair().client({ symKey: config.symKey, symSn: config.symSn });
    expect(verify(seal({}, stranger))).toMatchObject({ error: { errcode: 40234 } });
    expect(verify(seal({}, client({ urlBase: 'http://127.0.0.1:8080' })))).toMatchObject({ error: { errcode: 40234 } });
  });

  it('signs for the official urlpath even when the config names it with a trailing slash', () => {
    expect(verify(seal({}, client({ urlBase: 'https://api.weixin.qq.com/' })))).toMatchObject({ ok: true });
  });

  it('answers 40235 to a wrong symmetric key or SN', () => {
    const otherKey = securityPair().config.symKey;
    expect(verify(seal({}, client({ symKey: otherKey })))).toMatchObject({ error: { errcode: 40235 } });
    expect(verify(seal({}, client({ symSn: 'ffffffffffffffffffffffffffffffff' })))).toMatchObject({ error: { errcode: 40235 } });
  });

  it('answers 40235 when _appid or _timestamp inside do not match the headers', () => {
    const urlpath = urlPathOf(ctx.urlBase, PATH);
    const sealedWith = (inner: Record<string, unknown>) => {
      const plain = Buffer.from(JSON.stringify({ _n: 'n', ...inner, ...params }));
      const e = encryptGcm(ctx.symKey, Buffer.alloc(12, 7), aadOf(urlpath, APPID, ts, ctx.symSn), plain);
      const body = JSON.stringify(e);
      const signature = signPss(ctx.privateKey, stringToSign(urlpath, APPID, ts, body));
      return { body, headers: { 'Wechatmp-Appid': APPID, 'Wechatmp-TimeStamp': String(ts), 'Wechatmp-Signature': signature } };
    };
    expect(verify(sealedWith({ _appid: APPID, _timestamp: ts }))).toMatchObject({ ok: true });
    expect(verify(sealedWith({ _appid: 'wx1111111111111111', _timestamp: ts }))).toMatchObject({ error: { errcode: 40235 } });
    expect(verify(sealedWith({ _appid: APPID, _timestamp: String(ts) }))).toMatchObject({ error: { errcode: 40235 } });
  });

  it('refuses parameters that would overwrite the reserved fields', () => {
    expect(() => seal({ params: { ...params, _appid: 'x' } })).toThrow(
      expect.objectContaining({ errCode: SecurityErrorCode.RESERVED_PARAM, message: expect.stringContaining('"_appid"') }),
    );
  });
});
