import { ErrorCode } from '../../src/errors';
import { daysAgo } from '../helpers/yesterday';
import { expectFailure, useHarness } from './harness';

// Issue 11, point 14: an errcode that is not a safe integer (1e20, or the same as a string)
// is no WeChat errcode: an unusable answer (-90006), never an errCode no check can compare.

const harness = useHarness();

describe('implausible errcodes', () => {
  it.each([
    ['the string "99999999999999999999"', '{"errcode":"99999999999999999999","errmsg":"odd"}'],
    ['the number 1e20', '{"errcode":1e20,"errmsg":"odd"}'],
    ['the number 100000000000000000000', '{"errcode":100000000000000000000,"errmsg":"odd"}'],
    ['2^53 (one past the safe integers)', '{"errcode":9007199254740992,"errmsg":"odd"}'],
    ['a negative string past the safe integers', '{"errcode":"-9007199254740993","errmsg":"odd"}'],
  ])('answers -90006 for errcode %s from the datacube, without retrying', async (_name, body) => {
    const main = harness.load();
    harness.emulator.inject('datacube', { kind: 'body', body }, Number.POSITIVE_INFINITY);
    const result = await main({ beginDate: daysAgo(3) });
    expectFailure(result, ErrorCode.BAD_RESPONSE);
    expect(result.errMsg).toContain('answered an errcode that is not a safe integer');
    expect(harness.emulator.count('datacube')).toBe(1);
  });

  it('answers -90006 for such an errcode from the token endpoint, before calling the datacube', async () => {
    const main = harness.load();
    harness.emulator.inject('stable_token', { kind: 'body', body: '{"errcode":"99999999999999999999","errmsg":"odd"}' });
    const result = await main({ beginDate: daysAgo(3) });
    expectFailure(result, ErrorCode.BAD_RESPONSE);
    expect(result.errMsg).toContain('/cgi-bin/stable_token answered an errcode that is not a safe integer');
    expect(harness.emulator.count('datacube')).toBe(0);
  });

  it('still passes the largest safe integer through as a WeChat errcode', async () => {
    const main = harness.load();
    harness.emulator.inject('datacube', { kind: 'body', body: '{"errcode":9007199254740991,"errmsg":"odd"}' });
    const result = await main({ beginDate: daysAgo(3) });
    expectFailure(result, 9007199254740991);
    expect(result.errMsg).toMatch(/^openapi\.analysis\.getDailyRetain:fail odd \(/);
  });
});
