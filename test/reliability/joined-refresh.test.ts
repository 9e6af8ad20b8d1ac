import { createClient } from '../../src';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import { DeadlineError } from '../../src/errors';
import type { TokenSource } from '../../src/token/access-token';
import { MemoryTokenStore } from '../../src/token/memory-token-store';
import { TokenCache } from '../../src/token/token-cache';
import { openApiFailure } from '../helpers/open-api-failure';
import { daysAgo } from '../helpers/yesterday';

// Issue 11, point 10: call A (300 ms left) and call B (8 s left) both wait on one slow token
// refresh. B failed with -90003 at 305 ms: A's deadline bounded the refresh. Each caller
// waits only as long as its own deadline allows; the refresh runs to the latest deadline
// among its waiters.

let emulator: WeChatEmulator;
beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.close());

describe('two calls joining one slow token refresh', () => {
  it('fails the short one at its own deadline and answers the long one', async () => {
    // stable_token answers after 600 ms, longer than A has.
    emulator.inject('stable_token', { kind: 'delay', ms: 600 }, Number.POSITIVE_INFINITY);
    const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, logger: { warn: () => undefined } });
    const query = { beginDate: daysAgo(10), endDate: daysAgo(10) };
    const started = Date.now();
    const settled = (promise: Promise<unknown>) => promise.then(
      () => Date.now() - started,
      () => Date.now() - started,
    );
    const a = client.openapi.analysis.getDailyRetain(query, { deadlineAt: started + 300 });
    const b = client.openapi.analysis.getDailyRetain(query, { deadlineAt: started + 8000 });
    const [aMs, bMs] = await Promise.all([settled(a), settled(b)]);

    expect((await openApiFailure(a)).errCode).toBe(-90003);
    expect(aMs).toBeLessThan(500);
    await expect(b).resolves.toMatchObject({ errCode: 0, refDate: query.beginDate });
    expect(bMs).toBeGreaterThan(600);
    expect(bMs).toBeLessThan(3000);
    expect(emulator.count('datacube')).toBe(1);
  });
});

describe('TokenCache', () => {
  it('runs a shared refresh to the latest deadline among its waiters', async () => {
    const deadlines: number[] = [];
    // A source that honours its deadline, as stable_token's retries do: it fails at the
    // deadline when it cannot answer by then, and answers after 200 ms otherwise.
    const source: TokenSource = ({ deadlineAt }) => {
      deadlines.push(deadlineAt);
      const wait = deadlineAt - Date.now();
      return new Promise((resolve, reject) => {
        if (wait < 200) setTimeout(() => reject(new DeadlineError('the token request did not finish in time')), Math.max(0, wait));
        else setTimeout(() => resolve({ accessToken: 'fresh-token', expiresInSeconds: 7200 }), 200);
      });
    };
    const cache = new TokenCache(EMULATOR_APPID, source, new MemoryTokenStore(), Date.now, 0);
    const now = Date.now();
    const short = cache.get(now + 100);
    const long = cache.get(now + 5000);
    await expect(short).rejects.toThrow(DeadlineError);
    await expect(long).resolves.toBe('fresh-token');
    expect(deadlines).toEqual([now + 100, now + 5000]);
  });

  it('does not run a refresh past the deadline of its last waiter', async () => {
    const deadlines: number[] = [];
    const source: TokenSource = ({ deadlineAt }) => {
      deadlines.push(deadlineAt);
      return new Promise((_, reject) => setTimeout(() => reject(new DeadlineError('too slow')), Math.max(0, deadlineAt - Date.now())));
    };
    const cache = new TokenCache(EMULATOR_APPID, source, new MemoryTokenStore(), Date.now, 0);
    const now = Date.now();
    await Promise.all([expect(cache.get(now + 30)).rejects.toThrow(DeadlineError), expect(cache.get(now + 20)).rejects.toThrow(DeadlineError)]);
    expect(deadlines).toEqual([now + 30]);
  });
});
