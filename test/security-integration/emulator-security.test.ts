import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import { openResponse } from '../../src/security/open-response';
import { sealRequest } from '../../src/security/seal-request';
import { createSecurityContext, type SecurityContext } from '../../src/security/security-config';
import { daysAgo, today } from '../helpers/yesterday';
import { type AppKeys, appKeys, currentCertificate, securitySettings } from './secure-setup';

// The emulator's platform side of API security, spoken to directly over HTTP.

const PATH = '/datacube/getweanalysisappiddailyretaininfo';
const OTHER_APPID = 'wxemulator00000002';
let keys: AppKeys;
let emulator: WeChatEmulator;
let ctx: SecurityContext;

beforeAll(async () => {
  keys = appKeys();
  emulator = await startEmulator({
    apps: { [EMULATOR_APPID]: EMULATOR_SECRET, [OTHER_APPID]: EMULATOR_SECRET },
    security: { symKey: keys.symKey, symSn: keys.symSn, appPublicKey: keys.publicKey },
  });
  ctx = createSecurityContext({ appid: EMULATOR_APPID, ...securitySettings(keys, currentCertificate(emulator)) });
});
afterAll(() => emulator.close());
afterEach(() => {
  emulator.reset();
  emulator.settings.responseMode = 'normal';
});

async function tokenOf(appid = EMULATOR_APPID): Promise<string> {
  const res = await fetch(`${emulator.url}/cgi-bin/stable_token`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', appid, secret: EMULATOR_SECRET }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function post(token: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${emulator.url}${PATH}?access_token=${token}`, { method: 'POST', body, headers });
  const raw = Buffer.from(await res.arrayBuffer());
  return { raw, json: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, headers: Object.fromEntries(res.headers) };
}

const sealed = (day: string) => sealRequest(ctx, { path: PATH, params: { begin_date: day, end_date: day } });
const wechatmp = (headers: Record<string, string>) => Object.keys(headers).filter((name) => name.startsWith('wechatmp-'));

describe('the emulator with API security', () => {
  it('exposes its platform certificates and SNs, and no private key', () => {
    const security = emulator.security;
    expect(Object.keys(security?.current ?? {})).toEqual(['sn', 'certificate']);
    expect(security?.current.sn).toMatch(/^[0-9a-f]{32}$/);
    expect(security?.deprecated.sn).not.toBe(security?.current.sn);
    expect(JSON.stringify(security)).not.toMatch(/PRIVATE KEY/);
  });

  it('answers a sealed request with a sealed answer that the client opens', async () => {
    const day = daysAgo(5);
    const request = sealed(day);
    const answer = await post(await tokenOf(), request.body, request.headers);
    expect(wechatmp(answer.headers).sort()).toEqual(['wechatmp-appid', 'wechatmp-serial', 'wechatmp-signature', 'wechatmp-timestamp']);
    expect(Object.keys(answer.json)).toEqual(['iv', 'data', 'authtag']);
    const opened = openResponse(ctx, { path: PATH, headers: answer.headers, body: answer.raw, now: Date.now() });
    expect(opened.payload).toMatchObject({ ref_date: day });
  });

  it('seals errcodes of the API itself too, once the security layer has passed', async () => {
    const request = sealed(today());
    const answer = await post(await tokenOf(), request.body, request.headers);
    const opened = openResponse(ctx, { path: PATH, headers: answer.headers, body: answer.raw, now: Date.now() });
    expect(opened.payload).toEqual({ errcode: 61501, errmsg: expect.stringMatching(/^date range error rid: /) });
  });

  it('still answers a plain request in plain (whether WeChat refuses them is unconfirmed)', async () => {
    const day = daysAgo(5);
    const answer = await post(await tokenOf(), JSON.stringify({ begin_date: day, end_date: day }));
    expect(answer.json).toMatchObject({ ref_date: day });
    expect(wechatmp(answer.headers)).toEqual([]);
  });

  it('checks the token first: a bad token is a plain 40001 whatever the seal', async () => {
    const request = sealed(daysAgo(5));
    const answer = await post('x'.repeat(64), request.body, { ...request.headers, 'Wechatmp-Signature': 'bad' });
    expect(answer.json).toEqual({ errcode: 40001, errmsg: expect.stringMatching(/^invalid credential.* rid: /) });
  });

  it.each([
    ['Wechatmp-Appid', 40233],
    ['Wechatmp-TimeStamp', 40231],
    ['Wechatmp-Signature', 40232],
  ])('answers a sealed request without %s with a plain %i and a rid', async (header, errcode) => {
    const request = sealed(daysAgo(5));
    const headers: Record<string, string> = { ...request.headers };
    delete headers[header];
    const answer = await post(await tokenOf(), request.body, headers);
    expect(answer.json).toEqual({ errcode, errmsg: expect.stringMatching(/ rid: [0-9a-f-]+$/) });
    expect(wechatmp(answer.headers)).toEqual([]);
  });

  it("answers 40237 when Wechatmp-Appid is not the token's account", async () => {
    const request = sealed(daysAgo(5));
    expect((await post(await tokenOf(OTHER_APPID), request.body, request.headers)).json).toMatchObject({ errcode: 40237 });
  });

  it('answers 40234 to a body altered after signing', async () => {
    const request = sealed(daysAgo(5));
    const body = request.body.replace('"iv":"', '"iv":"A');
    expect((await post(await tokenOf(), body, request.headers)).json).toMatchObject({ errcode: 40234, errmsg: expect.stringMatching(/^invalid signature rid: /) });
  });

  it('takes the response mode from settings (also through the control API) or from a one-off fault', async () => {
    await fetch(`${emulator.url}/__emulator/settings`, { method: 'POST', body: JSON.stringify({ responseMode: 'rotation' }) });
    let request = sealed(daysAgo(5));
    let answer = await post(await tokenOf(), request.body, request.headers);
    expect(answer.headers['wechatmp-serial-deprecated']).toBe(emulator.security?.deprecated.sn);
    expect(answer.headers['wechatmp-signature-deprecated']).toEqual(expect.any(String));
    emulator.settings.responseMode = 'normal';
    await fetch(`${emulator.url}/__emulator/fault`, { method: 'POST', body: JSON.stringify({ endpoint: 'datacube', fault: { kind: 'security', mode: 'appid' } }) });
    request = sealed(daysAgo(5));
    answer = await post(await tokenOf(), request.body, request.headers);
    expect(answer.headers['wechatmp-appid']).toBe('wx0000000000000000');
    request = sealed(daysAgo(5));
    answer = await post(await tokenOf(), request.body, request.headers);
    expect(answer.headers['wechatmp-appid']).toBe(EMULATOR_APPID);
    expect(answer.headers['wechatmp-serial-deprecated']).toBeUndefined();
  });

  it('records the Wechatmp-* headers of each request', async () => {
    const request = sealed(daysAgo(5));
    await post(await tokenOf(), request.body, request.headers);
    const datacube = emulator.requests.find((r) => r.endpoint === 'datacube');
    expect(datacube?.securityHeaders).toEqual({
      'wechatmp-appid': EMULATOR_APPID,
      'wechatmp-timestamp': request.headers['Wechatmp-TimeStamp'],
      'wechatmp-signature': request.headers['Wechatmp-Signature'],
    });
  });
});

describe('the emulator without API security', () => {
  it('answers a sealed request with 40238: no symmetric key configured', async () => {
    const plainPlatform = await startEmulator();
    try {
      const token = await (await fetch(`${plainPlatform.url}/cgi-bin/stable_token`, {
        method: 'POST',
        body: JSON.stringify({ grant_type: 'client_credential', appid: EMULATOR_APPID, secret: EMULATOR_SECRET }),
      })).json() as { access_token: string };
      const request = sealed(daysAgo(5));
      const res = await fetch(`${plainPlatform.url}${PATH}?access_token=${token.access_token}`, { method: 'POST', body: request.body, headers: request.headers });
      expect(await res.json()).toMatchObject({ errcode: 40238 });
      expect(plainPlatform.security).toBeUndefined();
    } finally {
      await plainPlatform.close();
    }
  });
});
