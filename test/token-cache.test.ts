import { DeadlineError, ErrorCode, TransportError, WeChatApiError } from '../src/errors';
import { REFRESH_MARGIN_MS, tokenFromIssued, type TokenSource, type TokenStore } from '../src/token/access-token';
import { MemoryTokenStore } from '../src/token/memory-token-store';
import { MAX_HELD_TOKENS, TokenCache } from '../src/token/token-cache';

/**
 * A clock that never moves, for the tests of deadlines: with it, a deadline of 50 is always
 * exactly 50 ms away, however long the test takes to get there. With Date.now, a millisecond
 * that ticks between two deadline timers of one call could make the second fire first (a
 * caller then joined a refresh that was about to fail: 1 failure in 30 runs under CPU load).
 */
const FROZEN = () => 0;

function setup(lifetimeSeconds = 7200) {
  let now = 1_000_000;
  let issued = 0;
  const source = jest.fn<ReturnType<TokenSource>, Parameters<TokenSource>>(async () => {
    issued += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { accessToken: `token-${issued}`, expiresInSeconds: lifetimeSeconds };
  });
  const store = new MemoryTokenStore();
  const cache = new TokenCache('wxapp', source, store, () => now, 0);
  const advance = (ms: number) => {
    now += ms;
  };
  return { cache, source, store, advance, now: () => now };
}

describe('TokenCache', () => {
  it('fetches once and serves the token from memory while it is fresh', async () => {
    const { cache, source } = setup();
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('token-1');
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('token-1');
    expect(source).toHaveBeenCalledTimes(1);
  });

  it('shares one pending refresh between concurrent callers', async () => {
    const { cache, source } = setup();
    const tokens = await Promise.all(Array.from({ length: 30 }, () => cache.get(Number.MAX_SAFE_INTEGER)));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(source).toHaveBeenCalledTimes(1);
  });

  it('refreshes 5 minutes before a 2-hour token expires', async () => {
    const { cache, source, advance } = setup(7200);
    await cache.get(Number.MAX_SAFE_INTEGER);
    advance(7200_000 - REFRESH_MARGIN_MS - 1);
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('token-1');
    advance(2);
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('token-2');
    expect(source).toHaveBeenCalledTimes(2);
  });

  it('keeps the same 1/24 margin for short lifetimes instead of re-fetching every call', () => {
    expect(tokenFromIssued({ accessToken: 't', expiresInSeconds: 240 }, 0)).toEqual({ value: 't', expiresAt: 240_000, refreshAt: 230_000 });
    expect(tokenFromIssued({ accessToken: 't', expiresInSeconds: 7200 }, 0).refreshAt).toBe(7200_000 - REFRESH_MARGIN_MS);
  });

  it('takes a fresh token from the store before asking the source', async () => {
    const { cache, source, store, now } = setup();
    await store.set('wxapp', { value: 'shared', expiresAt: now() + 7200_000, refreshAt: now() + 6900_000 });
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('shared');
    expect(source).not.toHaveBeenCalled();
  });

  it('writes a new token to the store', async () => {
    const { cache, store } = setup();
    await cache.get(Number.MAX_SAFE_INTEGER);
    expect((await store.get('wxapp'))?.value).toBe('token-1');
  });

  it('invalidates only the token that failed', async () => {
    const { cache, source } = setup();
    await cache.get(Number.MAX_SAFE_INTEGER);
    await cache.invalidate('some-older-token', Number.MAX_SAFE_INTEGER);
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('token-1');
    await cache.invalidate('token-1', Number.MAX_SAFE_INTEGER);
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('token-2');
    expect(source).toHaveBeenCalledTimes(2);
  });

  it('keeps its token after a stale invalidation even when the store lost the write, so it costs no token request', async () => {
    // A store that answers every write but keeps nothing (a database write lost, or overwritten
    // by another instance): the token in hand is the only copy there is.
    const forgetful: TokenStore = { get: async () => undefined, set: async () => undefined, invalidate: async () => undefined };
    let issued = 0;
    const source = jest.fn<ReturnType<TokenSource>, Parameters<TokenSource>>(async () => ({ accessToken: `token-${++issued}`, expiresInSeconds: 7200 }));
    const cache = new TokenCache('wxapp', source, forgetful, () => 0, 0);
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('token-1');
    // Another call's 40001 for a token this instance has replaced already.
    await cache.invalidate('token-0', Number.MAX_SAFE_INTEGER);
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('token-1');
    expect(source).toHaveBeenCalledTimes(1);
    await cache.invalidate('token-1', Number.MAX_SAFE_INTEGER);
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('token-2');
    expect(source).toHaveBeenCalledTimes(2);
  });

  it('lets a caller give up at its own deadline while the refresh goes on', async () => {
    let release: () => void = () => undefined;
    const slow: TokenSource = () =>
      new Promise((resolve) => {
        release = () => resolve({ accessToken: 'late', expiresInSeconds: 7200 });
      });
    const cache = new TokenCache('wxapp', slow, new MemoryTokenStore(), FROZEN);
    await expect(cache.get(30)).rejects.toThrow(/did not finish within 30 ms/);
    release();
    expect(await cache.get(1000)).toBe('late');
  });

  it('lets the next call try again after a failed refresh', async () => {
    const source = jest.fn<ReturnType<TokenSource>, Parameters<TokenSource>>()
      .mockRejectedValueOnce(new Error('boom'))
      .mockResolvedValue({ accessToken: 'ok', expiresInSeconds: 7200 });
    const cache = new TokenCache('wxapp', source, new MemoryTokenStore(), FROZEN);
    await expect(cache.get(1000)).rejects.toThrow('boom');
    expect(await cache.get(1000)).toBe('ok');
  });
});

/** A memory store whose chosen operations never answer while `hanging` holds them. */
function hangingStore() {
  const memory = new MemoryTokenStore();
  const hanging = new Set<keyof TokenStore>();
  const never = new Promise<never>(() => undefined);
  const store: TokenStore = {
    get: (key) => (hanging.has('get') ? never : memory.get(key)),
    set: (key, token) => (hanging.has('set') ? never : memory.set(key, token)),
    invalidate: (key, value) => (hanging.has('invalidate') ? never : memory.invalidate(key, value)),
  };
  return { store, memory, hanging };
}

/** Fails the test (instead of timing it out) when `promise` is still pending after `ms`. */
async function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('TokenCache with a store that hangs', () => {
  const source = () => jest.fn<ReturnType<TokenSource>, Parameters<TokenSource>>(async () => ({ accessToken: 'fresh', expiresInSeconds: 7200 }));

  it('ends the refresh at the deadline when a store read hangs, and refreshes once the store answers again', async () => {
    const { store, hanging } = hangingStore();
    const tokens = source();
    const cache = new TokenCache('wxapp', tokens, store, FROZEN);
    hanging.add('get');
    await expect(settlesWithin(cache.get(50), 1000)).rejects.toThrow(/the token store read did not finish within 50 ms/);
    expect(tokens).not.toHaveBeenCalled();
    hanging.delete('get');
    expect(await settlesWithin(cache.get(1000), 1000)).toBe('fresh');
    expect(tokens).toHaveBeenCalledTimes(1);
  });

  it('keeps a token whose store write hangs, so the next call needs no new request', async () => {
    const { store, hanging } = hangingStore();
    const tokens = source();
    const cache = new TokenCache('wxapp', tokens, store, FROZEN);
    hanging.add('set');
    // The first caller gives up at its deadline, while the write still hangs.
    await expect(settlesWithin(cache.get(50), 1000)).rejects.toThrow(/did not finish within 50 ms/);
    expect(await settlesWithin(cache.get(50), 1000)).toBe('fresh');
    expect(tokens).toHaveBeenCalledTimes(1);
  });

  it('drops a rejected token at once and waits for the store update no longer than the deadline', async () => {
    const { store, hanging } = hangingStore();
    const tokens = jest.fn<ReturnType<TokenSource>, Parameters<TokenSource>>()
      .mockResolvedValueOnce({ accessToken: 'rejected', expiresInSeconds: 7200 })
      .mockResolvedValue({ accessToken: 'fresh', expiresInSeconds: 7200 });
    const cache = new TokenCache('wxapp', tokens, store, FROZEN);
    expect(await cache.get(1000)).toBe('rejected');
    hanging.add('invalidate');
    await expect(settlesWithin(cache.invalidate('rejected', 50), 1000)).rejects.toThrow(/the token store update did not finish within 50 ms/);
    expect(await cache.get(1000)).toBe('fresh');
  });
});

describe('TokenCache after a rejection', () => {
  it('takes a stored token again once the source has handed out that same value', async () => {
    let now = 0;
    const { store, memory, hanging } = hangingStore();
    // The store cannot forget (a failed database remove behind a fallback): invalidate never answers.
    hanging.add('invalidate');
    await memory.set('wxapp', { value: 'same', expiresAt: 7200_000, refreshAt: 6900_000 });
    // stable_token hands out that same token again (WeChat's 40001 was a glitch), near the end of its window.
    const tokens = jest.fn<ReturnType<TokenSource>, Parameters<TokenSource>>(async () => ({ accessToken: 'same', expiresInSeconds: 600 }));
    const cache = new TokenCache('wxapp', tokens, store, () => now, 0);
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('same');
    await cache.invalidate('same', 10).catch(() => undefined);
    // Right after the rejection the stored copy is not taken back: the source is asked.
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('same');
    expect(tokens).toHaveBeenCalledTimes(1);
    // The source has vouched for the value since: the stored copy, fresh for longer, is used.
    now = 600_000;
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('same');
    expect(tokens).toHaveBeenCalledTimes(1);
  });
});

describe('TokenCache instances sharing a store', () => {
  it('refresh one at a time: the first in the window fetches, the others find its token', async () => {
    let now = 0;
    const store = new MemoryTokenStore();
    const source = jest.fn<ReturnType<TokenSource>, Parameters<TokenSource>>(async () => ({
      accessToken: `token-at-${now}`,
      expiresInSeconds: 7200,
    }));
    const instances = [0, 0.3, 0.6, 0.9].map((turn) => new TokenCache('wxapp', source, store, () => now, turn));
    await instances[0]?.get(Number.MAX_SAFE_INTEGER);
    for (const instance of instances) expect(await instance.get(Number.MAX_SAFE_INTEGER)).toBe('token-at-0');
    // Through the refresh window (5 minutes before expiry), every instance keeps calling.
    for (now = 6900_000; now < 7200_000; now += 10_000) {
      for (const instance of instances) await instance.get(Number.MAX_SAFE_INTEGER);
    }
    expect(source).toHaveBeenCalledTimes(2);
    for (const instance of instances) expect(await instance.get(Number.MAX_SAFE_INTEGER)).toBe('token-at-6900000');
  });

  it('never uses a token past the middle of its margin', async () => {
    let now = 0;
    const source = jest.fn<ReturnType<TokenSource>, Parameters<TokenSource>>(async () => ({ accessToken: `t${now}`, expiresInSeconds: 7200 }));
    const cache = new TokenCache('wxapp', source, new MemoryTokenStore(), () => now, 1);
    await cache.get(Number.MAX_SAFE_INTEGER);
    now = 7050_000 - 1;
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('t0');
    now = 7050_000;
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('t7050000');
  });
});

describe('MemoryTokenStore', () => {
  it('never replaces a token with one that goes stale sooner', async () => {
    const store = new MemoryTokenStore();
    await store.set('k', { value: 'better', expiresAt: 10, refreshAt: 9 });
    await store.set('k', { value: 'worse', expiresAt: 5, refreshAt: 4 });
    expect((await store.get('k'))?.value).toBe('better');
  });
});

/** A source whose answers the test hands out one at a time. */
function controlledSource() {
  const calls: { deadlineAt: number; settle: { resolve: (token: { accessToken: string; expiresInSeconds: number }) => void; reject: (error: unknown) => void } }[] = [];
  const source = jest.fn<ReturnType<TokenSource>, Parameters<TokenSource>>(
    ({ deadlineAt }) =>
      new Promise((resolve, reject) => {
        calls.push({ deadlineAt, settle: { resolve, reject } });
      }),
  );
  /** Lets the source's pending calls start (after the store read). */
  const started = async (count: number) => {
    for (let tick = 0; tick < 20 && calls.length < count; tick++) await Promise.resolve();
    expect(calls).toHaveLength(count);
  };
  return { source, calls, started };
}

const TIMED_OUT = () => new TransportError(ErrorCode.TIMEOUT, '/cgi-bin/stable_token: no answer within 300 ms', true);

describe('TokenCache: a refresh that fails while callers wait on it', () => {
  const NOW = 1_000_000;

  it('is made again for a caller who joined with a later deadline, when it ran out of time', async () => {
    const { source, calls, started } = controlledSource();
    const cache = new TokenCache('wxapp', source, new MemoryTokenStore(), () => NOW, 0);
    const first = cache.get(NOW + 2000);
    const later = cache.get(NOW + 5000);
    await started(1);
    calls[0]?.settle.reject(TIMED_OUT());
    await started(2);
    expect(calls.map((call) => call.deadlineAt)).toEqual([NOW + 2000, NOW + 5000]);
    calls[1]?.settle.resolve({ accessToken: 'second-try', expiresInSeconds: 7200 });
    await expect(later).resolves.toBe('second-try');
    await expect(first).resolves.toBe('second-try');
  });

  it.each<[string, number, number]>([
    ['the same deadline', NOW + 2000, NOW + 2000],
    ['an earlier deadline', NOW + 2000, NOW + 1000],
    ['a later deadline with less than minAttemptMs (150 ms) left', NOW + 100, NOW + 149],
  ])('is not made again for a caller who joined with %s', async (_, firstDeadline, joinedDeadline) => {
    const { source, calls, started } = controlledSource();
    const cache = new TokenCache('wxapp', source, new MemoryTokenStore(), () => NOW, 0);
    const first = cache.get(firstDeadline);
    const joined = cache.get(joinedDeadline);
    await started(1);
    calls[0]?.settle.reject(TIMED_OUT());
    await expect(first).rejects.toThrow('no answer within 300 ms');
    await expect(joined).rejects.toThrow('no answer within 300 ms');
    expect(source).toHaveBeenCalledTimes(1);
  });

  it('is made again for a later caller with exactly minAttemptMs left', async () => {
    const { source, calls, started } = controlledSource();
    const cache = new TokenCache('wxapp', source, new MemoryTokenStore(), () => NOW, 0);
    const first = cache.get(NOW + 100);
    const joined = cache.get(NOW + 150);
    await started(1);
    calls[0]?.settle.reject(TIMED_OUT());
    await started(2);
    calls[1]?.settle.resolve({ accessToken: 'in-time', expiresInSeconds: 7200 });
    await expect(joined).resolves.toBe('in-time');
    await first.catch(() => undefined);
  });

  it("takes minAttemptMs from the client's retry policy, not the default", async () => {
    const { source, calls, started } = controlledSource();
    const cache = new TokenCache('wxapp', source, new MemoryTokenStore(), () => NOW, 0, 400);
    const first = cache.get(NOW + 100);
    const joined = cache.get(NOW + 399);
    await started(1);
    calls[0]?.settle.reject(TIMED_OUT());
    await expect(joined).rejects.toThrow('no answer within 300 ms');
    await expect(first).rejects.toThrow('no answer within 300 ms');
    expect(source).toHaveBeenCalledTimes(1);
  });

  it.each<[string, () => unknown]>([
    ['WeChat refused the secret', () => new WeChatApiError(40125, 'invalid appsecret', '/cgi-bin/stable_token')],
    ['the answer was not usable', () => new TransportError(ErrorCode.BAD_RESPONSE, 'not JSON', false)],
    ['a custom source threw a plain error', () => new Error('source down')],
  ])('is not made again, even for a later caller, when %s: that failure is everyone\'s', async (_, failure) => {
    const { source, calls, started } = controlledSource();
    const cache = new TokenCache('wxapp', source, new MemoryTokenStore(), () => NOW, 0);
    const first = cache.get(NOW + 2000);
    const later = cache.get(NOW + 5000);
    await started(1);
    const error = failure();
    calls[0]?.settle.reject(error);
    await expect(first).rejects.toBe(error);
    await expect(later).rejects.toBe(error);
    expect(source).toHaveBeenCalledTimes(1);
  });
});

describe('TokenCache: what it keeps and what it refuses', () => {
  it('remembers every token it has held, wherever it came from, for redaction', async () => {
    const store = new MemoryTokenStore();
    await store.set('wxapp', { value: 'from-the-store', expiresAt: 7200_000, refreshAt: 6900_000 });
    let issued = 0;
    const source: TokenSource = async () => ({ accessToken: `issued-${++issued}`, expiresInSeconds: 7200 });
    const cache = new TokenCache('wxapp', source, store, () => 0, 0);
    expect(cache.knownTokens()).toEqual([]);
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('from-the-store');
    await cache.invalidate('from-the-store', Number.MAX_SAFE_INTEGER);
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('issued-1');
    expect(cache.knownTokens()).toEqual(['from-the-store', 'issued-1']);
  });

  it('remembers only the latest MAX_HELD_TOKENS tokens, the one in use always among them', async () => {
    let issued = 0;
    const source: TokenSource = async () => ({ accessToken: `issued-${++issued}`, expiresInSeconds: 7200 });
    const cache = new TokenCache('wxapp', source, new MemoryTokenStore(), () => 0, 0);
    for (let i = 1; i <= MAX_HELD_TOKENS + 5; i++) {
      expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe(`issued-${i}`);
      await cache.invalidate(`issued-${i}`, Number.MAX_SAFE_INTEGER);
    }
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe(`issued-${MAX_HELD_TOKENS + 6}`);
    const known = cache.knownTokens();
    expect(known).toHaveLength(MAX_HELD_TOKENS);
    expect(known).not.toContain('issued-1');
    expect(known).toContain(`issued-${MAX_HELD_TOKENS + 6}`);
  });

  it('keeps a token that comes back into use among the latest, though it was first held long ago', async () => {
    const store = new MemoryTokenStore();
    let issued = 0;
    const source: TokenSource = async () => ({ accessToken: `issued-${++issued}`, expiresInSeconds: 7200 });
    const cache = new TokenCache('wxapp', source, store, () => 0, 0);
    await store.set('wxapp', { value: 'comes-back', expiresAt: 7200_000, refreshAt: 6900_000 });
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('comes-back');
    await cache.invalidate('comes-back', Number.MAX_SAFE_INTEGER);
    for (let i = 1; i < MAX_HELD_TOKENS; i++) {
      await cache.get(Number.MAX_SAFE_INTEGER);
      await cache.invalidate(`issued-${i}`, Number.MAX_SAFE_INTEGER);
    }
    // The store hands the old value out again (another instance wrote it back): held anew.
    await store.set('wxapp', { value: 'comes-back', expiresAt: 7200_000, refreshAt: 6900_000 });
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('comes-back');
    // One more token: the set is full, and the oldest goes, which is no longer 'comes-back'.
    await cache.invalidate('comes-back', Number.MAX_SAFE_INTEGER);
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe(`issued-${MAX_HELD_TOKENS}`);
    expect(cache.knownTokens()).toHaveLength(MAX_HELD_TOKENS);
    expect(cache.knownTokens()).toContain('comes-back');
    expect(cache.knownTokens()).not.toContain('issued-1');
  });

  it.each<[string, unknown]>([
    ['an empty accessToken', { accessToken: '', expiresInSeconds: 7200 }],
    ['an accessToken that is not a string', { accessToken: 12345678, expiresInSeconds: 7200 }],
    ['no expiresInSeconds', { accessToken: 'abcdefgh' }],
    ['an expiresInSeconds of 0', { accessToken: 'abcdefgh', expiresInSeconds: 0 }],
    ['an expiresInSeconds of text', { accessToken: 'abcdefgh', expiresInSeconds: '7200' }],
    ['nothing at all', undefined],
  ])('refuses a token source that hands out %s, as a final failure', async (_, issued) => {
    const cache = new TokenCache('wxapp', (async () => issued) as TokenSource, new MemoryTokenStore(), () => 0, 0);
    const error = await cache.get(Number.MAX_SAFE_INTEGER).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({
      errCode: ErrorCode.BAD_RESPONSE,
      transient: false,
      message: 'the token source gave no usable token: accessToken must be a non-empty string and expiresInSeconds a positive number',
    });
    expect(cache.knownTokens()).toEqual([]);
  });

  it('fails the refresh when the store write fails (a store that says no is not ignored)', async () => {
    const failing: TokenStore = { get: async () => undefined, set: async () => Promise.reject(new Error('document.set:fail')), invalidate: async () => undefined };
    const cache = new TokenCache('wxapp', async () => ({ accessToken: 'fresh', expiresInSeconds: 7200 }), failing, () => 0, 0);
    await expect(cache.get(Number.MAX_SAFE_INTEGER)).rejects.toThrow('document.set:fail');
    // The token is kept all the same: the next call needs no request.
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('fresh');
  });

  it('hands a token whose store write is still going at the deadline to a caller who joined with a later one', async () => {
    const { store, hanging } = hangingStore();
    hanging.add('set');
    const source = jest.fn<ReturnType<TokenSource>, Parameters<TokenSource>>(async () => ({ accessToken: 'fresh', expiresInSeconds: 7200 }));
    const cache = new TokenCache('wxapp', source, store, FROZEN);
    const short = expect(cache.get(40)).rejects.toThrow(DeadlineError);
    const long = cache.get(60_000);
    await expect(settlesWithin(long, 1000)).resolves.toBe('fresh');
    await short;
    expect(source).toHaveBeenCalledTimes(1);
  });

  it('names what it waited for when a caller gives up', async () => {
    const cache = new TokenCache('wxapp', () => new Promise(() => undefined), new MemoryTokenStore(), FROZEN);
    await expect(cache.get(20)).rejects.toThrow(new DeadlineError('the access token request did not finish within 20 ms'));
  });
});
