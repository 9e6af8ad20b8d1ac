import { expectFailure, OK_MESSAGE, useHarness } from './harness';

// Issue 11, point 9: resource sharing across mini programs arrives with only FROM_OPENID and
// FROM_APPID in getWXContext(); such a call was taken for a console call and let in. Any
// call carrying a non-empty OPENID or FROM_OPENID is a user call, and a FROM_OPENID caller
// passes only when RETAIN_ALLOWED_OPENIDS lists it as FROM_APPID/FROM_OPENID (or
// FROM_APPID/* for every user of that mini program). Default deny.

const harness = useHarness();

const SHARING_APP = 'wxsharing000000001';
const CONTEXT_VARS = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'WX_FROM_OPENID', 'WX_FROM_APPID', 'FROM_OPENID', 'FROM_APPID', 'TCB_SOURCE'];

afterEach(() => {
  for (const name of CONTEXT_VARS) delete process.env[name];
});

/** Makes the next calls carry these context variables, the way the runtime sets them for getWXContext(). */
function callWith(vars: Record<string, string>): void {
  for (const name of CONTEXT_VARS) delete process.env[name];
  Object.assign(process.env, vars, { WX_CONTEXT_KEYS: Object.keys(vars).join(',') });
}

const crossAccount = (openid = 'oFromUser') => ({ WX_FROM_OPENID: openid, WX_FROM_APPID: SHARING_APP });

async function call(allowed: string | undefined) {
  const main = harness.load({ RETAIN_ALLOWED_OPENIDS: allowed });
  return main({});
}

describe('a cross-account call (FROM_OPENID, FROM_APPID)', () => {
  it.each([
    ['no list', undefined],
    ['a list of this app’s users', 'oAdmin'],
    ['* (every user of this mini program)', '*'],
    ['its OPENID without its app', 'oFromUser'],
    ['its OPENID under another app', 'wxother000000000001/oFromUser'],
    ['another user of its app', `${SHARING_APP}/oSomeoneElse`],
  ])('is refused with -90002 by %s', async (_, allowed) => {
    callWith(crossAccount());
    const result = await call(allowed);
    expectFailure(result, -90002);
    expect(result.errMsg).toMatch(
      `caller FROM_APPID/FROM_OPENID "${SHARING_APP}/oFromUser" may not read retention data: add "${SHARING_APP}/oFromUser" to RETAIN_ALLOWED_OPENIDS`,
    );
    expect(harness.emulator.requests).toHaveLength(0);
  });

  it.each([
    ['FROM_APPID/FROM_OPENID', `oAdmin,${SHARING_APP}/oFromUser`],
    ['FROM_APPID/*', `${SHARING_APP}/*`],
  ])('passes when the list names it as %s', async (_, allowed) => {
    callWith(crossAccount());
    expect(await call(allowed)).toMatchObject({ errCode: 0, errMsg: OK_MESSAGE });
  });

  it('is read from FROM_OPENID and FROM_APPID without the WX_ prefix too, as wx-server-sdk reads them', async () => {
    callWith({ FROM_OPENID: 'oFromUser', FROM_APPID: SHARING_APP });
    expectFailure(await call('*'), -90002);
    callWith({ FROM_OPENID: 'oFromUser', FROM_APPID: SHARING_APP });
    expect(await call(`${SHARING_APP}/oFromUser`)).toMatchObject({ errCode: 0 });
  });

  it('with an OPENID as well must be allowed as both', async () => {
    callWith({ WX_OPENID: 'oUser', ...crossAccount() });
    expectFailure(await call('oUser'), -90002);
    callWith({ WX_OPENID: 'oUser', ...crossAccount() });
    expectFailure(await call(`${SHARING_APP}/oFromUser`), -90002);
    callWith({ WX_OPENID: 'oUser', ...crossAccount() });
    expect(await call(`oUser,${SHARING_APP}/oFromUser`)).toMatchObject({ errCode: 0 });
  });
});

describe('the gate', () => {
  it.each([
    ['an empty OPENID', { WX_OPENID: '' }],
    ['an empty FROM_OPENID', { WX_FROM_OPENID: '', WX_FROM_APPID: SHARING_APP }],
    ['no context at all', {}],
  ])('takes %s for no user: a console call passes', async (_, vars) => {
    callWith(vars);
    expect(await call('oAdmin')).toMatchObject({ errCode: 0 });
  });

  it.each(['oA, *', ' * ,oA', 'oA,*,oB', 'oA ,\t*'])('finds * anywhere in the list: %j', async (allowed) => {
    callWith({ WX_OPENID: 'oAnyone' });
    expect(await call(allowed)).toMatchObject({ errCode: 0 });
  });

  it('refuses a user of this mini program who is not listed, naming the OPENID', async () => {
    callWith({ WX_OPENID: 'oStranger' });
    const result = await call('oA');
    expectFailure(result, -90002);
    expect(result.errMsg).toMatch('caller OPENID "oStranger" may not read retention data: add it to RETAIN_ALLOWED_OPENIDS');
  });
});
