import { X509Certificate } from 'node:crypto';
import { type ResponseMode, sealResponse } from '../../src/emulator/security-server';
import { encryptGcm } from '../../src/security/aes-gcm';
import { openResponse } from '../../src/security/open-response';
import { signPss } from '../../src/security/rsa-pss';
import { SecurityError } from '../../src/security/security-error';
import { SecurityErrorCode as Code } from '../../src/security/security-error-codes';
import { aadOf, stringToSign, urlPathOf } from '../../src/security/signing-input';
import { catchError } from './catch-error';
import { APPID, NOW, PATH, securityPair } from './security-fixture';

const { server, ctx, client } = securityPair();
const payload = { ref_date: '20240430', visit_uv_new: [{ key: 0, value: 5464 }], visit_uv: [{ key: 0, value: 55500 }] };
const sealed = (mode: ResponseMode, now = NOW) => sealResponse(server, { path: PATH, payload, now, mode });
const open = (response: { body: string; headers: Record<string, string> }, context = ctx, now = NOW + 1500) =>
  openResponse(context, { path: PATH, headers: response.headers, body: Buffer.from(response.body), now });

describe('responses sealed by the emulated platform', () => {
  it('signs with a real self-signed X.509 certificate', () => {
    const cert = new X509Certificate(server.current.certificate);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subject).toContain(server.current.sn);
  });

  it('round-trips: the client verifies, decrypts and strips the envelope fields', () => {
    const opened = open(sealed('normal'));
    expect(opened).toEqual({ payload, timestamp: Math.floor(NOW / 1000), serial: server.current.sn });
  });

  it('accepts lower-case header names, as node:http delivers them', () => {
    const { body, headers } = sealed('normal');
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(open({ body, headers: lower }).payload).toEqual(payload);
  });

  it('accepts a rotation without a warning when the new certificate is configured', () => {
    expect(open(sealed('rotation')).rotationWarning).toBeUndefined();
  });

  it('accepts a rotation through the deprecated pair, with a warning, when only the old certificate is configured', () => {
    const onlyOld = client({ platformCerts: [{ sn: server.deprecated.sn, cert: server.deprecated.certificate }] });
    const opened = open(sealed('rotation'), onlyOld);
    expect(opened.payload).toEqual(payload);
    expect(opened.serial).toBe(server.deprecated.sn);
    expect(opened.rotationWarning).toContain(server.deprecated.sn);
    expect(opened.rotationWarning).toContain(server.current.sn);
  });

  it('refuses a normal response when only the retired certificate is configured', () => {
    const onlyOld = client({ platformCerts: [{ sn: server.deprecated.sn, cert: server.deprecated.certificate }] });
    expect(() => open(sealed('normal'), onlyOld)).toThrow(expect.objectContaining({ errCode: Code.RESPONSE_UNKNOWN_SERIAL }));
  });

  it.each<[ResponseMode, number, RegExp]>([
    ['body', Code.RESPONSE_BAD_SIGNATURE, /signature does not verify/],
    ['signature', Code.RESPONSE_BAD_SIGNATURE, /signature does not verify/],
    ['timestamp', Code.RESPONSE_TIMESTAMP, /60\d s old/],
    ['appid', Code.RESPONSE_APPID_MISMATCH, /Wechatmp-Appid is wx0000000000000000, not our AppID/],
    ['serial', Code.RESPONSE_UNKNOWN_SERIAL, /no configured platform certificate matches/],
    ['ciphertext', Code.RESPONSE_DECRYPT_FAILED, /does not decrypt/],
    ['plaintext-appid', Code.RESPONSE_PLAINTEXT_APPID, /_appid/],
    ['plaintext-timestamp', Code.RESPONSE_PLAINTEXT_TIMESTAMP, /_timestamp/],
    ['unsigned', Code.RESPONSE_UNSIGNED, /no Wechatmp-Signature/],
  ])('refuses the %s fault with errCode %i', (mode, errCode, message) => {
    const error = catchError(() => open(sealed(mode)));
    expect(error).toBeInstanceOf(SecurityError);
    expect(error).toMatchObject({ errCode, name: 'SecurityError' });
    expect(error.message).toMatch(message);
  });

  it('refuses a response from too far in the future, and accepts one within the window', () => {
    expect(() => open(sealed('normal', NOW + 302_000))).toThrow(expect.objectContaining({ errCode: Code.RESPONSE_TIMESTAMP, message: expect.stringContaining('in the future') }));
    expect(open(sealed('normal', NOW + 298_000)).payload).toEqual(payload);
    const lenient = client({ maxClockSkewSeconds: 900 });
    expect(open(sealed('timestamp'), lenient).payload).toEqual(payload);
  });

  it('accepts a response exactly 300 s old or ahead (local now − Wechatmp-TimeStamp ≤ 300), and refuses one a millisecond further', () => {
    // NOW is a whole second, so the header says exactly NOW / 1000.
    const response = sealed('normal');
    expect(open(response, ctx, NOW + 300_000).payload).toEqual(payload);
    expect(open(response, ctx, NOW - 300_000).payload).toEqual(payload);
    expect(() => open(response, ctx, NOW + 300_001)).toThrow(expect.objectContaining({ errCode: Code.RESPONSE_TIMESTAMP, message: expect.stringContaining('300 s old (allowed: 300 s)') }));
    expect(() => open(response, ctx, NOW - 300_001)).toThrow(expect.objectContaining({ errCode: Code.RESPONSE_TIMESTAMP, message: expect.stringContaining('300 s in the future') }));
  });

  it.each([
    ['Wechatmp-Appid', Code.RESPONSE_APPID_MISMATCH, 'the response has no Wechatmp-Appid header'],
    ['Wechatmp-TimeStamp', Code.RESPONSE_TIMESTAMP, 'the response has no valid Wechatmp-TimeStamp header (Unix seconds)'],
    ['Wechatmp-Signature', Code.RESPONSE_UNSIGNED, 'the response has no Wechatmp-Signature header and is not a WeChat error: refused'],
    ['Wechatmp-Serial', Code.RESPONSE_UNKNOWN_SERIAL, 'no configured platform certificate matches the response'],
  ])('refuses a response without %s', (header, errCode, message) => {
    const { body, headers } = sealed('normal');
    const error = catchError(() => open({ body, headers: { ...headers, [header]: undefined as unknown as string } }));
    expect(error).toMatchObject({ errCode });
    expect(error.message).toContain(message);
  });

  it.each([
    ['letters before the digits', (ts: string) => `x${ts}`],
    ['letters after the digits', (ts: string) => `${ts}x`],
    ['13 digits', (ts: string) => `${ts}000`],
    ['a sign', (ts: string) => `+${ts}`],
  ])('refuses a Wechatmp-TimeStamp with %s before checking anything else', (_, change) => {
    const { body, headers } = sealed('normal');
    const error = catchError(() => open({ body, headers: { ...headers, 'Wechatmp-TimeStamp': change(headers['Wechatmp-TimeStamp'] as string) } }));
    expect(error).toMatchObject({ errCode: Code.RESPONSE_TIMESTAMP, message: 'the response has no valid Wechatmp-TimeStamp header (Unix seconds)' });
  });

  it('names the SNs it received and the ones it has when none matches', () => {
    const { body, headers } = sealed('normal');
    const unknown = { ...headers, 'Wechatmp-Serial': 'SN_UNKNOWN', 'Wechatmp-Serial-Deprecated': 'SN_OLD', 'Wechatmp-Signature-Deprecated': 'c2ln' };
    const twoCerts = client({ platformCerts: [{ sn: server.current.sn, cert: server.current.certificate }, { sn: server.deprecated.sn, cert: server.deprecated.certificate }] });
    const configured = [server.current.sn, server.deprecated.sn].map((sn) => sn.toLowerCase()).join(', ');
    expect(catchError(() => open({ body, headers: unknown }, twoCerts)).message).toBe(
      `no configured platform certificate matches the response's SN (SN_UNKNOWN, SN_OLD; configured: ${configured}): download the current certificate in API安全 and add it with its SN`,
    );
    const onlyNew = { ...headers, 'Wechatmp-Serial': 'SN_UNKNOWN' };
    expect(catchError(() => open({ body, headers: onlyNew })).message).toContain("the response's SN (SN_UNKNOWN; configured:");
    const none = { ...headers, 'Wechatmp-Serial': undefined as unknown as string };
    expect(catchError(() => open({ body, headers: none })).message).toContain("the response's SN (none sent; configured:");
    const odd = { ...headers, 'Wechatmp-Serial': 'SN with spaces' };
    expect(catchError(() => open({ body, headers: odd })).message).toContain("the response's SN ((malformed); configured:");
  });

  it.each([
    ['characters outside SN and AppID words', 'wx<script>'],
    ['a word with a prefix', '!wx0000000000000000'],
    ['a word with a suffix', 'wx0000000000000000!'],
    ['more than 64 characters', `wx${'0'.repeat(63)}`],
  ])('does not echo an AppID header with %s', (_, appid) => {
    const { body } = sealed('normal');
    const ts = String(Math.floor(NOW / 1000));
    const urlpath = urlPathOf(ctx.urlBase, PATH);
    const headers = {
      'Wechatmp-Appid': appid,
      'Wechatmp-TimeStamp': ts,
      'Wechatmp-Serial': server.current.sn,
      'Wechatmp-Signature': signPss(server.current.privateKey, stringToSign(urlpath, appid, ts, body)),
    };
    const error = catchError(() => open({ body, headers }));
    expect(error).toMatchObject({ errCode: Code.RESPONSE_APPID_MISMATCH });
    expect(error.message).toBe(`the response's Wechatmp-Appid is (malformed), not our AppID ${APPID}: refused`);
  });

  describe('validly signed, but not what WeChat sends', () => {
    const ts = Math.floor(NOW / 1000);
    const urlpath = urlPathOf(ctx.urlBase, PATH);
    const signed = (body: string) => ({
      body,
      headers: {
        'Wechatmp-Appid': APPID,
        'Wechatmp-TimeStamp': String(ts),
        'Wechatmp-Serial': server.current.sn,
        'Wechatmp-Signature': signPss(server.current.privateKey, stringToSign(urlpath, APPID, ts, body)),
      },
    });
    const encrypted = (plaintext: string, iv = Buffer.alloc(12, 1)) =>
      JSON.stringify(encryptGcm(ctx.symKey, iv, aadOf(urlpath, APPID, ts, ctx.symSn), Buffer.from(plaintext)));

    it('refuses a body that is not the {iv,data,authtag} envelope', () => {
      expect(() => open(signed('{"errcode":0}'))).toThrow(expect.objectContaining({ errCode: Code.RESPONSE_MALFORMED }));
      expect(() => open(signed(encrypted('{}', Buffer.alloc(16, 1))))).toThrow(expect.objectContaining({ errCode: Code.RESPONSE_MALFORMED }));
    });

    it('refuses a plaintext that is not a JSON object', () => {
      expect(() => open(signed(encrypted('[1,2]')))).toThrow(expect.objectContaining({ errCode: Code.RESPONSE_PLAINTEXT_MALFORMED }));
    });

    it.each(['null', '"text"', '42', 'not json at all'])('refuses the plaintext %s, saying it is not a JSON object', (plaintext) => {
      expect(() => open(signed(encrypted(plaintext)))).toThrow(
        expect.objectContaining({ errCode: Code.RESPONSE_PLAINTEXT_MALFORMED, message: 'the decrypted response is not a JSON object' }),
      );
    });

    /** The envelope of `{}`, one field replaced. */
    const envelopeWith = (field: 'iv' | 'data' | 'authtag', value: (original: string) => string) => {
      const envelope = JSON.parse(encrypted('{"ref_date":"20240430"}')) as Record<string, string>;
      return JSON.stringify({ ...envelope, [field]: value(envelope[field] as string) });
    };
    const MALFORMED = { errCode: Code.RESPONSE_MALFORMED, message: 'the signed body is not {"iv","data","authtag"} with a 12-byte IV and a 16-byte tag' };

    it.each<[string, string]>([
      ['a body that is not JSON', 'not json'],
      ['a JSON array', '[1,2,3]'],
      ['a tag of 12 bytes', envelopeWith('authtag', (tag) => Buffer.from(tag, 'base64').subarray(0, 12).toString('base64'))],
      ['an IV with characters base64 does not have before it', envelopeWith('iv', (iv) => `@@@@${iv}`)],
      ['an IV with characters base64 does not have after it', envelopeWith('iv', (iv) => `${iv}@@@@`)],
      ['data whose base64 lost its padding', envelopeWith('data', (data) => data.replace(/=+$/, ''))],
      ['data that is not a string', envelopeWith('data', () => 42 as unknown as string)],
    ])('refuses %s as a malformed envelope, before decrypting', (_, body) => {
      expect(() => open(signed(body))).toThrow(expect.objectContaining(MALFORMED));
    });

    it('has data whose base64 needs padding, so that the test above means something', () => {
      expect(JSON.parse(encrypted('{"ref_date":"20240430"}')).data).toMatch(/=$/);
    });
  });
});

describe('error codes', () => {
  it('are distinct and within -90101 … -90120', () => {
    const codes = Object.values(Code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((code) => code <= -90101 && code >= -90120)).toBe(true);
  });
});
