import * as cloud from 'wx-server-sdk';
import { callerFromEnv } from '../src/cloud-function/caller-from-env';

// callerFromEnv stands in for wx-server-sdk's getWXContext() so that calls need not load the
// SDK: it must read OPENID and APPID exactly as the SDK does, from the same environment.
const CASES: Record<string, string | undefined>[] = [
  {},
  { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'oUser', WX_APPID: 'wx0123456789abcdef' },
  { WX_CONTEXT_KEYS: 'WX_APPID', WX_OPENID: 'oNotListed', WX_APPID: 'wx0123456789abcdef' },
  { WX_CONTEXT_KEYS: 'WX_OPENID,WX_UNIONID,WX_CLIENTIP', WX_OPENID: 'oUser', WX_UNIONID: 'u', WX_CLIENTIP: '1.2.3.4' },
  { WX_CONTEXT_KEYS: '', WX_OPENID: 'oUser' },
  { WX_OPENID: 'oNoKeys', WX_APPID: 'wxnokeys' },
  { WX_CONTEXT_KEYS: 'WX_OPENID,WX_API_TOKEN', WX_OPENID: 'oUser', WX_API_TOKEN: 'secret-token' },
];

describe('callerFromEnv', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (/^(WX_|TCB_)/.test(name)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it.each(CASES)("reads OPENID and APPID as wx-server-sdk's getWXContext() does: %j", (env) => {
    for (const name of Object.keys(process.env)) if (/^WX_/.test(name)) delete process.env[name];
    Object.assign(process.env, env);
    const sdk = cloud.getWXContext();
    expect(callerFromEnv(env)).toEqual({ OPENID: sdk.OPENID, APPID: sdk.APPID });
  });
});
