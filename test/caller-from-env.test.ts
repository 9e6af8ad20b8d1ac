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
  // Resource sharing across mini programs: the caller is a user of another app.
  { WX_CONTEXT_KEYS: 'WX_FROM_OPENID,WX_FROM_APPID', WX_FROM_OPENID: 'oFrom', WX_FROM_APPID: 'wxfrom0000000000001' },
  { WX_CONTEXT_KEYS: 'FROM_OPENID,FROM_APPID', FROM_OPENID: 'oFromBare', FROM_APPID: 'wxfrom0000000000002' },
  { WX_CONTEXT_KEYS: 'WX_FROM_OPENID,FROM_OPENID', WX_FROM_OPENID: 'oFirst', FROM_OPENID: 'oLast' },
  { WX_CONTEXT_KEYS: 'FROM_OPENID,WX_FROM_OPENID', WX_FROM_OPENID: 'oLast', FROM_OPENID: 'oFirst' },
  { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_FROM_OPENID,WX_FROM_APPID', WX_OPENID: 'oUser', WX_APPID: 'wx0123456789abcdef', WX_FROM_OPENID: 'oFrom', WX_FROM_APPID: 'wxfrom' },
  // Empty and numeric values, and keys the SDK never reads.
  { WX_CONTEXT_KEYS: 'WX_OPENID,WX_FROM_OPENID', WX_OPENID: '', WX_FROM_OPENID: '' },
  { WX_CONTEXT_KEYS: 'WX_OPENID,WX_FROM_APPID', WX_OPENID: '12345', WX_FROM_APPID: '-7' },
  { WX_CONTEXT_KEYS: 'WX_OPENID,WX_FROM_OPENID', WX_OPENID: '12a', WX_FROM_OPENID: ' 1' },
  { WX_CONTEXT_KEYS: 'API_TOKEN,WX_TRIGGER_API_TOKEN_V0,OPENID', API_TOKEN: 't', WX_TRIGGER_API_TOKEN_V0: 't', OPENID: 'oBare' },
  { WX_CONTEXT_KEYS: ',WX_OPENID,,WX_FROM_OPENID', WX_OPENID: 'oUser' },
];

describe('callerFromEnv', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (/^(WX_|TCB_|FROM_)|^(OPENID|API_TOKEN)$/.test(name)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it.each(CASES)("reads OPENID, APPID, FROM_OPENID and FROM_APPID as wx-server-sdk's getWXContext() does: %j", (env) => {
    for (const name of Object.keys(process.env)) if (/^(WX_|FROM_)|^(OPENID|API_TOKEN)$/.test(name)) delete process.env[name];
    Object.assign(process.env, env);
    const sdk = cloud.getWXContext();
    expect(callerFromEnv(env)).toStrictEqual(
      Object.fromEntries(['OPENID', 'APPID', 'FROM_OPENID', 'FROM_APPID'].filter((field) => field in sdk).map((field) => [field, sdk[field]])),
    );
  });
});
