import { callerFromEnv } from '../src/cloud-function/caller-from-env';
import { allowListFrom, checkCaller } from '../src/cloud-function/caller-gate';
import { createGetDailyRetainHandler } from '../src/cloud-function/get-daily-retain-handler';
import type { CallerContext } from '../src/cloud-function/platform';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator } from '../src/emulator/wechat-emulator';
import { ErrorCode, RetainError } from '../src/errors';

// The caller gate from src/ (the built function's tests cover it through the bundle, where a
// change to src/ cannot be seen until the next build).

/** The gate's verdict for `caller` under RETAIN_ALLOWED_OPENIDS = `allowed`: 'allowed' or the refusal. */
function verdict(caller: CallerContext, allowed: string | undefined): 'allowed' | RetainError {
  try {
    checkCaller(caller, allowListFrom(allowed));
    return 'allowed';
  } catch (error) {
    if (error instanceof RetainError) return error;
    throw error;
  }
}

function refusal(caller: CallerContext, allowed: string | undefined): RetainError {
  const result = verdict(caller, allowed);
  if (result === 'allowed') throw new Error(`expected ${JSON.stringify(caller)} to be refused under ${JSON.stringify(allowed)}`);
  expect(result.errCode).toBe(ErrorCode.FORBIDDEN);
  return result;
}

describe('the caller gate: calls from the developer\'s own side', () => {
  it.each<[string, CallerContext]>([
    ['a console or timer call (no identity at all)', {}],
    ['a call with an empty OPENID (WX_OPENID="")', { OPENID: '' }],
    ['a call with a null OPENID', { OPENID: null }],
    ['a call with an empty FROM_OPENID', { FROM_OPENID: '', FROM_APPID: '' }],
    ['a call with an APPID alone (a server call names the app, not a user)', { APPID: 'wx0123456789abcdef' }],
  ])('lets through %s, whatever the allow list says', (_, caller) => {
    expect(verdict(caller, undefined)).toBe('allowed');
    expect(verdict(caller, '')).toBe('allowed');
    expect(verdict(caller, 'oSomeoneElse')).toBe('allowed');
  });

  it('answers a console or timer call whose environment lists WX_OPENID with an empty value', async () => {
    // The whole path, as in the cloud: the environment, getWXContext(), the gate, the answer.
    const emulator = await startEmulator();
    try {
      const caller = callerFromEnv({ WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: '', WX_APPID: '' });
      const env = { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, RETAIN_ALLOWED_OPENIDS: 'oOnlyThisUser' };
      const { main } = createGetDailyRetainHandler({ env, platform: { getWXContext: () => caller, database: () => undefined }, logger: { warn: () => undefined } });
      const result = await main({});
      expect(result).toMatchObject({ errCode: 0, errMsg: 'openapi.analysis.getDailyRetain:ok' });
    } finally {
      await emulator.close();
    }
  });
});

describe('the caller gate: users of this mini program (OPENID)', () => {
  it('refuses every user when RETAIN_ALLOWED_OPENIDS is unset or empty, saying how to let one in', () => {
    for (const allowed of [undefined, '', ' , ,']) {
      const error = refusal({ OPENID: 'oUser' }, allowed);
      expect(error.message).toContain('caller OPENID "oUser" may not read retention data');
      expect(error.message).toContain('RETAIN_ALLOWED_OPENIDS');
    }
  });

  it('lets in exactly the listed OPENIDs, trimmed, wherever they stand in the list', () => {
    const allowed = ' oFirst ,, oSecond,oThird ';
    for (const openid of ['oFirst', 'oSecond', 'oThird']) expect(verdict({ OPENID: openid }, allowed)).toBe('allowed');
    refusal({ OPENID: 'oFourth' }, allowed);
    refusal({ OPENID: 'oFirs' }, allowed);
    refusal({ OPENID: ' oFirst ' }, 'oFirst2');
  });

  it.each(['*', 'oA, *', 'oA,*', ' * ,oA', 'oA,oB,*'])('lets every user of this mini program in with * anywhere in %j', (allowed) => {
    expect(verdict({ OPENID: 'oAnyone' }, allowed)).toBe('allowed');
    expect(verdict({ OPENID: 'oA' }, allowed)).toBe('allowed');
  });

  it('does not take an entry that merely contains * for the wildcard', () => {
    refusal({ OPENID: 'oAnyone' }, 'o*');
    refusal({ OPENID: 'oAnyone' }, '**');
    refusal({ OPENID: 'oAnyone' }, 'wxOther/*');
  });

  it('matches an OPENID of digits, which getWXContext() hands over as a number', () => {
    const caller = callerFromEnv({ WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: '12345' });
    expect(caller.OPENID).toBe(12345);
    expect(verdict(caller, '12345')).toBe('allowed');
    expect(refusal(caller, '1234').message).toContain('"12345"');
  });

  it('does not let a FROM_APPID/FROM_OPENID entry stand for an OPENID', () => {
    refusal({ OPENID: 'oUser' }, 'wxOther/oUser');
  });
});

describe('the caller gate: users of other mini programs (FROM_OPENID, resource sharing)', () => {
  const from = { FROM_OPENID: 'oFrom', FROM_APPID: 'wxfrom0000000000001' };

  it('refuses them by default, and * does not cover them, naming the entry to add', () => {
    for (const allowed of [undefined, '*', 'oFrom', 'wxfrom0000000000001']) {
      const error = refusal(from, allowed);
      expect(error.message).toContain('caller FROM_APPID/FROM_OPENID "wxfrom0000000000001/oFrom" may not read retention data');
      expect(error.message).toContain('add "wxfrom0000000000001/oFrom" to RETAIN_ALLOWED_OPENIDS');
    }
  });

  it('lets one in by FROM_APPID/FROM_OPENID, wherever it stands in the list', () => {
    expect(verdict(from, 'wxfrom0000000000001/oFrom')).toBe('allowed');
    expect(verdict(from, 'oA, wxfrom0000000000001/oFrom , *')).toBe('allowed');
    refusal(from, 'wxfrom0000000000001/oOther');
    refusal(from, 'wxOtherApp/oFrom');
  });

  it('lets all users of one mini program in by FROM_APPID/*', () => {
    expect(verdict(from, 'wxfrom0000000000001/*')).toBe('allowed');
    expect(verdict({ ...from, FROM_OPENID: 'oAnyone' }, 'oA,wxfrom0000000000001/*')).toBe('allowed');
    refusal({ ...from, FROM_APPID: 'wxfrom0000000000002' }, 'wxfrom0000000000001/*');
    // The app's own entry is FROM_APPID/*, not FROM_APPID alone nor a longer AppID.
    refusal(from, 'wxfrom000000000000/*');
  });

  it('names a missing FROM_APPID in the refusal, and no list entry can match it by accident', () => {
    const error = refusal({ FROM_OPENID: 'oFrom' }, 'wxfrom0000000000001/oFrom');
    expect(error.message).toContain('"(no FROM_APPID)/oFrom"');
    refusal({ FROM_OPENID: 'oFrom', FROM_APPID: '' }, '/oFrom');
  });

  it('requires a call that carries both OPENID and FROM_OPENID to be allowed as both', () => {
    const both = { OPENID: 'oUser', ...from };
    expect(refusal(both, 'oUser').message).toContain('FROM_APPID/FROM_OPENID');
    expect(refusal(both, 'wxfrom0000000000001/oFrom').message).toContain('caller OPENID "oUser"');
    expect(verdict(both, 'oUser,wxfrom0000000000001/oFrom')).toBe('allowed');
    expect(verdict(both, '*,wxfrom0000000000001/*')).toBe('allowed');
  });
});

describe('allowListFrom', () => {
  it('sorts RETAIN_ALLOWED_OPENIDS into users, *, shared users and sharing apps', () => {
    expect(allowListFrom(' oA, *,wxB/oC ,, wxD/* ,oE')).toEqual({
      everyUser: true,
      openids: new Set(['oA', 'oE']),
      sharedUsers: new Set(['wxB/oC']),
      sharingApps: new Set(['wxD']),
    });
    expect(allowListFrom(undefined)).toEqual({ everyUser: false, openids: new Set(), sharedUsers: new Set(), sharingApps: new Set() });
  });
});
