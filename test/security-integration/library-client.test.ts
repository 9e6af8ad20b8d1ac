import { createClient, createSecurityContext, ErrorCode, SecurityErrorCode } from '../../src';
import { EMULATOR_APPID, EMULATOR_SECRET, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import type { ClientOptions } from '../../src/options';
import { daysAgo } from '../helpers/yesterday';
import { type AppKeys, appKeys, currentCertificate, securitySettings, startSecureEmulator } from './secure-setup';
import { openApiFailure } from '../helpers/open-api-failure';

let keys: AppKeys;
let emulator: WeChatEmulator;

beforeAll(async () => {
  keys = appKeys();
  emulator = await startSecureEmulator(keys);
});
afterAll(() => emulator.close());
afterEach(() => {
  emulator.reset();
  emulator.settings.responseMode = 'normal';
});

const DAY = daysAgo(10);
const clientWith = (extra: Partial<ClientOptions> = {}) =>
  createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, security: securitySettings(keys, currentCertificate(emulator)), ...extra });


describe('createClient with API security', () => {
  it('round-trips through an encrypted and signed exchange', async () => {
    const plain = await createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url }).openapi.analysis.getDailyRetain({ beginDate: DAY });
    emulator.reset();
    const sealed = await clientWith().openapi.analysis.getDailyRetain({ beginDate: DAY });
    expect(sealed).toEqual(plain);
    const datacube = emulator.requests.find((r) => r.endpoint === 'datacube');
    expect(Object.keys(datacube?.body as object)).toEqual(['iv', 'data', 'authtag']);
    expect(datacube?.securityHeaders).toHaveProperty('wechatmp-signature');
  });

  it('accepts a context made once with createSecurityContext', async () => {
    const security = createSecurityContext({ appid: EMULATOR_APPID, ...securitySettings(keys, currentCertificate(emulator)) });
    expect(await clientWith({ security }).openapi.analysis.getDailyRetain({ beginDate: DAY })).toMatchObject({ refDate: DAY, errCode: 0 });
  });

  it('refuses a context made for another AppID, and bad settings, when the client is made', () => {
    const other = createSecurityContext({ appid: 'wx0123456789abcdef', ...securitySettings(keys, currentCertificate(emulator)) });
    expect(() => clientWith({ security: other })).toThrow(expect.objectContaining({ errCode: ErrorCode.CONFIG, message: expect.stringMatching(/made for AppID wx0123456789abcdef/) }));
    const settings = { ...securitySettings(keys, currentCertificate(emulator)), symSn: '' };
    expect(() => clientWith({ security: settings })).toThrow(/option "security.symSn" must be the SN/);
    expect(() => clientWith({ security: 'on' as never })).toThrow(/option "security" must be an object/);
  });

  it('refuses a tampered response with a SecurityErrorCode, never as data', async () => {
    emulator.inject('datacube', { kind: 'security', mode: 'plaintext-appid' });
    const error = await openApiFailure(clientWith().openapi.analysis.getDailyRetain({ beginDate: DAY }));
    expect({ ...error }).toEqual({ errCode: SecurityErrorCode.RESPONSE_PLAINTEXT_APPID, errMsg: expect.stringMatching(/^openapi\.analysis\.getDailyRetain:fail the decrypted _appid/) });
  });

  it('warns once per retiring certificate through the logger during a rotation', async () => {
    const security = emulator.security;
    if (!security) throw new Error('no security');
    const logger = { warn: jest.fn() };
    const client = clientWith({ logger, security: securitySettings(keys, [security.deprecated]) });
    emulator.settings.responseMode = 'rotation';
    for (const day of [daysAgo(3), daysAgo(4)]) await client.openapi.analysis.getDailyRetain({ beginDate: day });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^API security: WeChat is retiring platform certificate SN ${security.deprecated.sn}`)));
  });

  it('fetches ranges through the same sealed exchange', async () => {
    const { list, missing } = await clientWith().getDailyRetainRange({ beginDate: daysAgo(6), endDate: daysAgo(4) });
    expect(list.map((d) => d.refDate)).toEqual([daysAgo(6), daysAgo(5), daysAgo(4)]);
    expect(missing).toEqual([]);
    expect(emulator.requests.filter((r) => r.endpoint === 'datacube').every((r) => r.securityHeaders !== undefined)).toBe(true);
  });
});
