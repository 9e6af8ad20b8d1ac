import { daysAgo } from '../helpers/yesterday';
import { OK_MESSAGE, RESULT_KEYS, until, useHarness } from './harness';

// 50 calls in parallel on one warm instance while WeChat expires or revokes the token under
// them: every call succeeds, the instance asks for a token at most twice, and no call waits
// past its time limit.

const harness = useHarness();

const CALLS = 50;
const TIME_LIMIT_MS = 3000;
/** Keeps every datacube request in flight long enough for the token to change under it. */
const IN_FLIGHT_MS = 150;

async function fiftyCalls(main: ReturnType<typeof harness.load>, churn: () => Promise<void>) {
  const days = Array.from({ length: CALLS }, (_, i) => daysAgo(2 + i));
  const started = Date.now();
  const calls = days.map((day) => main({ beginDate: day }, { time_limit_in_ms: TIME_LIMIT_MS }));
  await churn();
  const results = await Promise.all(calls);
  const elapsed = Date.now() - started;
  return { days, results, elapsed };
}

function expectAllSucceeded({ days, results, elapsed }: Awaited<ReturnType<typeof fiftyCalls>>) {
  expect(results.map((r) => r.errCode)).toEqual(days.map(() => 0));
  results.forEach((result, i) => {
    expect(Object.keys(result)).toEqual(RESULT_KEYS);
    expect(result).toMatchObject({ refDate: days[i], errMsg: OK_MESSAGE });
  });
  expect(elapsed).toBeLessThan(TIME_LIMIT_MS);
}

describe('50 parallel calls while the token churns', () => {
  it('all succeed with at most 2 token requests when the first token is revoked as soon as it is issued', async () => {
    const { emulator } = harness;
    const main = harness.load();
    emulator.inject('datacube', { kind: 'delay', ms: IN_FLIGHT_MS }, Number.POSITIVE_INFINITY);
    const outcome = await fiftyCalls(main, async () => {
      await until(() => emulator.issuedTokens().length > 0);
      emulator.invalidateTokens();
    });
    expectAllSucceeded(outcome);
    expect(emulator.count('stable_token')).toBeLessThanOrEqual(2);
    // Every call went out once with the revoked token and once with the new one.
    expect(emulator.count('datacube')).toBe(2 * CALLS);
    expect(new Set(emulator.requests.filter((r) => r.endpoint === 'datacube').map((r) => r.accessToken)).size).toBe(2);
  });

  it('all succeed with at most 2 token requests when the token expires while the requests are in flight', async () => {
    const { emulator } = harness;
    const main = harness.load();
    emulator.inject('datacube', { kind: 'delay', ms: IN_FLIGHT_MS }, Number.POSITIVE_INFINITY);
    const outcome = await fiftyCalls(main, async () => {
      await until(() => emulator.count('datacube') >= CALLS);
      emulator.expireTokens();
    });
    expectAllSucceeded(outcome);
    expect(emulator.count('stable_token')).toBeLessThanOrEqual(2);
    expect(emulator.count('datacube')).toBe(2 * CALLS);
  });

  it('all succeed on a warm instance, with one token request, when its token is revoked mid-flight', async () => {
    const { emulator } = harness;
    const main = harness.load();
    expect((await main({})).errCode).toBe(0);
    emulator.reset();
    emulator.inject('datacube', { kind: 'delay', ms: IN_FLIGHT_MS }, Number.POSITIVE_INFINITY);
    const outcome = await fiftyCalls(main, async () => {
      await until(() => emulator.count('datacube') >= CALLS / 2);
      emulator.invalidateTokens();
    });
    expectAllSucceeded(outcome);
    // The warm token needs no request; the revoked one is replaced once.
    expect(emulator.count('stable_token')).toBe(1);
  });

  it('no call waits forever when the token request hangs under 50 parallel calls', async () => {
    const { emulator } = harness;
    const main = harness.load();
    emulator.inject('stable_token', { kind: 'hang' }, Number.POSITIVE_INFINITY);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: CALLS }, () => main({}, { time_limit_in_ms: 1000 })));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(new Set(results.map((r) => r.errCode))).toEqual(new Set([-90003]));
    // One refresh in flight for all 50 callers, not one each: its attempt, cut off at half
    // the budget (400 of 800 ms), and one retry with the rest.
    expect(emulator.count('stable_token')).toBe(2);
  });
});
