import { createClient } from '../../src';
import { ConfigError } from '../../src/errors';
import { EMULATOR_APPID, EMULATOR_SECRET } from '../../src/emulator/wechat-emulator';
import { expectFailure, useHarness } from './harness';

// Issue 11, point 13: the API's paths are appended to WECHAT_API_BASE (and the library's
// apiBase), so a base with a query or a fragment sent the AppSecret's request to the base's
// own path. Both are refused with -90001, naming the variable, before any request.

const harness = useHarness();

/** Bases whose appended paths would land in the query or the fragment. */
const REFUSED = ['http://h/?x=1', 'http://h#f', 'http://h/?', 'http://h/#', 'https://proxy/wechat?key=1', 'https://proxy/wechat#/'];

describe('an API base with a query or a fragment', () => {
  it.each(REFUSED.map((base) => [base]))('is refused by the function with -90001 naming WECHAT_API_BASE: %s', async (base) => {
    const main = harness.load({ WECHAT_API_BASE: base });
    const result = await main({});
    expectFailure(result, -90001);
    expect(result.errMsg).toMatch(/WECHAT_API_BASE must not have a query \(\?…\) or a fragment \(#…\): the API paths are appended to it/);
    expect(harness.emulator.requests).toHaveLength(0);
  });

  it.each(REFUSED.map((base) => [base]))('is refused by createClient with -90001 naming apiBase: %s', (base) => {
    const make = () => createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: base });
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(/^createClient: option "apiBase" must not have a query \(\?…\) or a fragment \(#…\)/);
  });

  it('still takes a proxy with a base path', async () => {
    const main = harness.load({ WECHAT_API_BASE: `${harness.emulator.url}/` });
    expect(await main({})).toMatchObject({ errCode: 0 });
    expect(() => createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: 'https://proxy.example.com/wechat/' })).not.toThrow();
  });
});
