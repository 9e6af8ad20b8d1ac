import { REFRESH_MARGIN_MS, tokenFromIssued, type TokenSource } from '../src/token/access-token';
import { MemoryTokenStore } from '../src/token/memory-token-store';
import { TokenCache } from '../src/token/token-cache';

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
    await cache.invalidate('some-older-token');
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('token-1');
    await cache.invalidate('token-1');
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('token-2');
    expect(source).toHaveBeenCalledTimes(2);
  });

  it('lets a caller give up at its own deadline while the refresh goes on', async () => {
    let release: () => void = () => undefined;
    const slow: TokenSource = () =>
      new Promise((resolve) => {
        release = () => resolve({ accessToken: 'late', expiresInSeconds: 7200 });
      });
    const cache = new TokenCache('wxapp', slow, new MemoryTokenStore(), Date.now);
    await expect(cache.get(Date.now() + 30)).rejects.toThrow(/did not finish within/);
    release();
    expect(await cache.get(Date.now() + 1000)).toBe('late');
  });

  it('lets the next call try again after a failed refresh', async () => {
    const source = jest.fn<ReturnType<TokenSource>, Parameters<TokenSource>>()
      .mockRejectedValueOnce(new Error('boom'))
      .mockResolvedValue({ accessToken: 'ok', expiresInSeconds: 7200 });
    const cache = new TokenCache('wxapp', source, new MemoryTokenStore(), Date.now);
    await expect(cache.get(Date.now() + 1000)).rejects.toThrow('boom');
    expect(await cache.get(Date.now() + 1000)).toBe('ok');
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
