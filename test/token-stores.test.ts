import type { TokenStore } from '../src/token/access-token';
import { CloudDatabaseTokenStore } from '../src/token/cloud-database-token-store';
import { FallbackTokenStore, SHARED_STORE_TIMEOUT_MS } from '../src/token/fallback-token-store';
import { MemoryTokenStore } from '../src/token/memory-token-store';
import { fakeCloudDatabase } from './helpers/fake-cloud-database';

const token = (value: string, refreshAt: number) => ({ value, expiresAt: refreshAt + 300_000, refreshAt });

describe('CloudDatabaseTokenStore', () => {
  it('reads nothing from an empty collection, then what it wrote', async () => {
    const { db } = fakeCloudDatabase({ collections: ['tokens'] });
    const store = new CloudDatabaseTokenStore(db, 'tokens');
    expect(await store.get('wxapp')).toBeUndefined();
    await store.set('wxapp', token('t1', 1000));
    expect(await store.get('wxapp')).toEqual(token('t1', 1000));
  });

  it('creates the collection when it is missing', async () => {
    const { db, collections } = fakeCloudDatabase();
    const store = new CloudDatabaseTokenStore(db, 'tokens');
    expect(await store.get('wxapp')).toBeUndefined();
    expect(collections.has('tokens')).toBe(true);
    await store.set('wxapp', token('t1', 1000));
    expect((await store.get('wxapp'))?.value).toBe('t1');
  });

  it('survives another instance creating the collection at the same moment', async () => {
    const { db } = fakeCloudDatabase();
    const [a, b] = [new CloudDatabaseTokenStore(db, 'tokens'), new CloudDatabaseTokenStore(db, 'tokens')];
    await expect(Promise.all([a.get('wxapp'), b.get('wxapp')])).resolves.toEqual([undefined, undefined]);
  });

  it('never writes a token that goes stale sooner over a better one', async () => {
    const { db } = fakeCloudDatabase({ collections: ['tokens'] });
    const store = new CloudDatabaseTokenStore(db, 'tokens');
    await store.set('wxapp', token('newer', 2000));
    await store.set('wxapp', token('older', 1000));
    expect((await store.get('wxapp'))?.value).toBe('newer');
  });

  it('invalidates only the token that failed', async () => {
    const { db } = fakeCloudDatabase({ collections: ['tokens'] });
    const store = new CloudDatabaseTokenStore(db, 'tokens');
    await store.set('wxapp', token('current', 2000));
    await store.invalidate('wxapp', 'stale');
    expect((await store.get('wxapp'))?.value).toBe('current');
    await store.invalidate('wxapp', 'current');
    expect(await store.get('wxapp')).toBeUndefined();
  });

  it('ignores a document that is not a token', async () => {
    const { db, collections } = fakeCloudDatabase({ collections: ['tokens'] });
    collections.get('tokens')?.set('access-token-wxapp', { value: 42 });
    expect(await new CloudDatabaseTokenStore(db, 'tokens').get('wxapp')).toBeUndefined();
  });
});

describe('FallbackTokenStore', () => {
  it('keeps working in memory when the database fails, warning once', async () => {
    const { db, failing } = fakeCloudDatabase({ collections: ['tokens'] });
    const warnings: string[] = [];
    const store = new FallbackTokenStore(new CloudDatabaseTokenStore(db, 'tokens'), (m) => warnings.push(m), 'collection "tokens"');
    failing.add('get').add('set');
    await store.set('wxapp', token('t1', 1000));
    expect((await store.get('wxapp'))?.value).toBe('t1');
    await store.invalidate('wxapp', 't1');
    expect(await store.get('wxapp')).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not write collection "tokens" .*keeping the access token in memory/);
  });

  it('prefers the fresher of the shared and the local token', async () => {
    const { db } = fakeCloudDatabase({ collections: ['tokens'] });
    const shared = new CloudDatabaseTokenStore(db, 'tokens');
    const store = new FallbackTokenStore(shared, () => undefined, 'db');
    await store.set('wxapp', token('mine', 1000));
    await shared.set('wxapp', token('from-another-instance', 5000));
    expect((await store.get('wxapp'))?.value).toBe('from-another-instance');
  });
});

describe('FallbackTokenStore with a shared store that hangs', () => {
  /** A shared store that does not answer until `release()`, then answers every operation. */
  function hungStore() {
    const memory = new MemoryTokenStore();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const calls: string[] = [];
    const onceReleased = <T>(name: string, operation: () => Promise<T>) => {
      calls.push(name);
      return released.then(operation);
    };
    const shared: TokenStore = {
      get: (key) => onceReleased('get', () => memory.get(key)),
      set: (key, t) => onceReleased('set', () => memory.set(key, t)),
      invalidate: (key, value) => onceReleased('invalidate', () => memory.invalidate(key, value)),
    };
    return { shared, memory, calls, release };
  }

  it('gives each shared operation a 1 s default timeout', () => {
    expect(SHARED_STORE_TIMEOUT_MS).toBe(1000);
  });

  it('counts an operation that does not answer in time as a failure, warns once, and asks no more while it hangs', async () => {
    const { shared, memory, calls, release } = hungStore();
    const warnings: string[] = [];
    const store = new FallbackTokenStore(shared, (m) => warnings.push(m), 'db', 50);
    let started = Date.now();
    expect(await store.get('wxapp')).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(500);
    expect(warnings).toEqual(['token store: could not read db (no answer within 50 ms); keeping the access token in memory on this instance']);
    // While the read hangs, the shared store is not asked: no further wait.
    started = Date.now();
    await store.set('wxapp', token('t1', 1000));
    expect((await store.get('wxapp'))?.value).toBe('t1');
    expect(Date.now() - started).toBeLessThan(40);
    expect(calls).toEqual(['get']);
    // Once it answers, it is used again.
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await store.set('wxapp', token('t2', 2000));
    expect((await memory.get('wxapp'))?.value).toBe('t2');
    expect(warnings).toHaveLength(1);
  });

  it('never puts a token value echoed in a store error into the warning', async () => {
    const value = 'a-live-access-token-0123456789';
    const failing: TokenStore = {
      get: async () => undefined,
      set: async (_key, t) => {
        throw new Error(`document.set:fail -501001 data: ${JSON.stringify(t)}`);
      },
      invalidate: async () => undefined,
    };
    const warnings: string[] = [];
    const store = new FallbackTokenStore(failing, (m) => warnings.push(m), 'db');
    await store.set('wxapp', token(value, 1000));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not write db \(document\.set:fail -501001 data: \{"value":"\[REDACTED\]"/);
    expect(warnings[0]).not.toContain(value);
  });
});
