import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createClient } from '../../src';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import { type BuiltMain, clearFunctionEnv, emulatorEnv, loadBuiltFunction } from '../helpers/built-function';
import { captureLogs } from '../helpers/log-capture';
import { ORACLE_DAY, oracleQuery, type SdkOutcome, sdkOutcome } from '../helpers/sdk-oracle';
import { DAY } from '../../src/period/day-period';
import type { Period } from '../../src/period/period';
import { PERIODS } from '../../src/period/periods';
import { answers, FAILURES, WITHOUT_ERRMSG } from './corpus';

// Our library and our built functions against wx-server-sdk 4.0.2's own code (sdk-oracle.ts),
// answer by answer, for getDailyRetain, getWeeklyRetain and getMonthlyRetain: the emulator
// plays each body to our side, the SDK parses the same body under the same API name.

let emulator: WeChatEmulator;
let logs: ReturnType<typeof captureLogs>;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
  clearFunctionEnv();
});

type Side = 'library' | 'built function';

/** One call of our `side` to `period`'s API for the oracle's period while the emulator answers `body` (`times` times). */
async function ours(side: Side, body: string, times = 1, period: Period = DAY): Promise<SdkOutcome> {
  emulator.inject('datacube', { kind: 'body', body }, times);
  if (side === 'built function') {
    // Each API's function is deployed under its name: cloudfunctions/getWeeklyRetain, …
    const main: BuiltMain = loadBuiltFunction(emulatorEnv(emulator), period.api);
    const result = await main(oracleQuery(period));
    return result.errCode === 0 ? { resolved: result } : { rejected: result as { errCode: unknown; errMsg: string } };
  }
  const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, logger: console });
  try {
    return { resolved: await client.openapi.analysis[period.api](oracleQuery(period)) };
  } catch (error) {
    const { errCode, errMsg } = error as { errCode: unknown; errMsg: string };
    return { rejected: { errCode, errMsg } };
  }
}

const shapeWarnings = () => logs.lines.filter((line) => line.includes('in a shape the documentation does not show'));

/** Our errMsg is the SDK's, with our notes (hint, path, attempts) only after WeChat's errmsg. */
function expectSameFailure(our: SdkOutcome, sdk: SdkOutcome): void {
  if (!('rejected' in sdk) || !('rejected' in our)) throw new Error(`expected both to reject: ours ${JSON.stringify(our)}, the SDK's ${JSON.stringify(sdk)}`);
  expect(typeof our.rejected.errCode).toBe('number');
  expect(our.rejected.errCode).toBe(Number(sdk.rejected.errCode));
  expect(our.rejected.errMsg.startsWith(sdk.rejected.errMsg)).toBe(true);
  expect(our.rejected.errMsg.slice(sdk.rejected.errMsg.length)).toMatch(/^ \(.+\)$/);
}

const SIDES = Object.values(PERIODS).flatMap((period) => (['library', 'built function'] as const).map((side) => [period.api, side, period] as const));

describe.each(SIDES)('%s, the %s, against wx-server-sdk 4.0.2', (api, side, period) => {
  it.each(answers(period).map((answer) => [answer.name, answer] as const))('resolves to what the SDK resolves to: %s', async (_name, answer) => {
    const sdk = await sdkOutcome(answer.body, period);
    expect(sdk).toMatchObject({ resolved: { errMsg: `openapi.analysis.${api}:ok` } });
    expect(await ours(side, answer.body, 1, period)).toStrictEqual(sdk);
    expect(shapeWarnings()).toHaveLength(answer.documented ? 0 : 1);
  });

  it.each(FAILURES.map((failure) => [failure.name, failure] as const))('rejects as the SDK does, WeChat\'s errmsg first: %s', async (_name, failure) => {
    const sdk = await sdkOutcome(failure.body, period);
    expect(sdk).toMatchObject({ rejected: { errMsg: expect.stringMatching(new RegExp(`^openapi\\.analysis\\.${api}:fail `)) } });
    expectSameFailure(await ours(side, failure.body, failure.times, period), sdk);
  });

  it.each(WITHOUT_ERRMSG.map((failure) => [failure.name, failure] as const))(
    'says "WeChat sent no errmsg" right after ":fail ", where the SDK prints the errmsg as it is ("undefined", "", "null"): %s',
    async (_name, failure) => {
      const sdk = await sdkOutcome(failure.body, period);
      const our = await ours(side, failure.body, 1, period);
      const { errcode, errmsg } = JSON.parse(failure.body);
      expect(sdk).toEqual({ rejected: { errCode: errcode, errMsg: `openapi.analysis.${api}:fail ${errmsg}` } });
      expect(our).toEqual({ rejected: { errCode: errcode, errMsg: expect.stringMatching(new RegExp(`^openapi\\.analysis\\.${api}:fail \\(WeChat sent no errmsg; .+\\)$`)) } });
    },
  );
});

describe('the library: where it differs from wx-server-sdk on purpose', () => {
  it.each([
    ['a key holding __proto__', `{"ref_date":"${ORACLE_DAY}","__proto__":{"polluted":1}}`],
    ['a nested key holding constructor', `{"ref_date":"${ORACLE_DAY}","visit_uv":[{"constructor":1}]}`],
    ['a key holding an escaped __proto__', `{"x":{"\\\\u005f_proto__":1}}`],
    ['a number too large for a double', `{"ref_date":"${ORACLE_DAY}","visit_uv":[{"key":0,"value":1e400}]}`],
  ])('rejects an answer with %s, as the SDK does (its errCode is its own, -601001; ours is -90006)', async (_name, body) => {
    const sdk = await sdkOutcome(body);
    expect(sdk).toEqual({ rejected: { errCode: -601001, errMsg: expect.stringContaining(':fail wechat server internal error, response body is invalid json') } });
    expect(await ours('library', body)).toEqual({ rejected: { errCode: -90006, errMsg: expect.stringMatching(/^openapi\.analysis\.getDailyRetain:fail /) } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps a number of 16 or more characters a JSON number, where the SDK gives a copy of a BigNumber', async () => {
    const body = `{"ref_date":"${ORACLE_DAY}","visit_uv_new":[],"visit_uv":[],"big_id":1234567890123456}`;
    const sdk = await sdkOutcome(body);
    expect(sdk).toMatchObject({ resolved: { bigId: { s: 1, e: 15, c: expect.any(Array) } } });
    expect(await ours('library', body)).toMatchObject({ resolved: { bigId: 1234567890123456 } });
  });

  it('reads errcode "0" as success, where the SDK fails with errCode "0" and errMsg ":fail undefined"', async () => {
    const body = `{"errcode":"0","ref_date":"${ORACLE_DAY}","visit_uv_new":[],"visit_uv":[]}`;
    expect(await sdkOutcome(body)).toEqual({ rejected: { errCode: '0', errMsg: 'openapi.analysis.getDailyRetain:fail undefined' } });
    expect(await ours('library', body)).toEqual({ resolved: { refDate: ORACLE_DAY, visitUvNew: [], visitUv: [], errMsg: 'openapi.analysis.getDailyRetain:ok', errCode: 0 } });
  });

  it.each([
    ['1e20', '{"errcode":100000000000000000000,"errmsg":"odd"}'],
    ['"99999999999999999999"', '{"errcode":"99999999999999999999","errmsg":"odd"}'],
    ['1.5', '{"errcode":1.5,"errmsg":"odd"}'],
    ['"busy"', '{"errcode":"busy","errmsg":"odd"}'],
  ])('refuses errcode %s with -90006, where the SDK fails with it as errCode', async (_name, body) => {
    const sdk = await sdkOutcome(body);
    expect(sdk).toMatchObject({ rejected: { errMsg: 'openapi.analysis.getDailyRetain:fail odd' } });
    expect(await ours('library', body)).toEqual({ rejected: { errCode: -90006, errMsg: expect.stringContaining('answered an errcode that is not a safe integer') } });
  });

  it.each<[string, string, SdkOutcome]>([
    ['an array', '[{"key_a":0}]', { resolved: { 0: { keyA: 0 }, errMsg: 'openapi.analysis.getDailyRetain:ok', errCode: 0 } }],
    ['a string', '"ok"', { resolved: { 0: 'o', 1: 'k', errMsg: 'openapi.analysis.getDailyRetain:ok', errCode: 0 } }],
    ['a number', '42', { resolved: { errMsg: 'openapi.analysis.getDailyRetain:ok', errCode: 0 } }],
    ['null', 'null', { rejected: { errCode: -1, errMsg: "openapi.analysis.getDailyRetain:fail Cannot read properties of null (reading 'errcode')" } }],
  ])('refuses JSON that is %s with -90006, where the SDK makes an object of it or fails with a TypeError', async (_name, body, sdk) => {
    expect(await sdkOutcome(body)).toEqual(sdk);
    expect(await ours('library', body)).toEqual({ rejected: { errCode: -90006, errMsg: expect.stringContaining('answered JSON that is not an object') } });
  });
});

it("the README's example errMsg is what the library gives, and starts with what the SDK gives", async () => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const example = readme.split('\n').find((line) => line.startsWith('openapi.analysis.getDailyRetain:fail data not ready'));
  const body = JSON.stringify({ errcode: 61503, errmsg: 'data not ready, please try later rid: 6502a6f0-5d5b4f3c-29f4e1a7' });
  const sdk = await sdkOutcome(body);
  const our = await ours('library', body);
  expect(our).toEqual({ rejected: { errCode: 61503, errMsg: example } });
  expectSameFailure(our, sdk);
});
