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

describe('CloudDatabaseTokenStore, beyond the happy path', () => {
  it('keeps one document per AppID, named access-token-<AppID>', async () => {
    const { db, collections } = fakeCloudDatabase({ collections: ['tokens'] });
    const store = new CloudDatabaseTokenStore(db, 'tokens');
    await store.set('wxapp-one', token('one', 1000));
    await store.set('wxapp-two', token('two', 500));
    expect([...(collections.get('tokens')?.keys() ?? [])].sort()).toEqual(['access-token-wxapp-one', 'access-token-wxapp-two']);
    expect((await store.get('wxapp-one'))?.value).toBe('one');
    expect((await store.get('wxapp-two'))?.value).toBe('two');
  });

  it('passes on a database failure other than a missing document or collection, creating nothing', async () => {
    const { db, failing, collections } = fakeCloudDatabase();
    failing.add('get');
    await expect(new CloudDatabaseTokenStore(db, 'tokens').get('wxapp')).rejects.toThrow('get:fail -501001 resource system error');
    expect(collections.has('tokens')).toBe(false);
  });

  it.each([null, undefined, 'a string', 42])('passes on whatever the database rejects with, even %p', async (thrown) => {
    const db = { collection: () => ({ doc: () => ({ get: () => Promise.reject(thrown), set: async () => undefined, remove: async () => undefined }) }), createCollection: async () => undefined };
    await expect(new CloudDatabaseTokenStore(db, 'tokens').get('wxapp')).rejects.toBe(thrown);
  });

  it('carries on when creating the missing collection fails: the next write says what is wrong', async () => {
    const { db, failing } = fakeCloudDatabase();
    failing.add('createCollection');
    const store = new CloudDatabaseTokenStore(db, 'tokens');
    await expect(store.get('wxapp')).resolves.toBeUndefined();
    await expect(store.set('wxapp', token('t1', 1000))).rejects.toThrow('-502005');
  });
});

describe('MemoryTokenStore, compare-and-delete', () => {
  it('forgets a token only when asked for that very token', async () => {
    const store = new MemoryTokenStore();
    await store.set('k', token('current', 1000));
    await store.invalidate('k', 'an-older-one');
    expect((await store.get('k'))?.value).toBe('current');
    await store.invalidate('other-key', 'current');
    expect((await store.get('k'))?.value).toBe('current');
    await store.invalidate('k', 'current');
    expect(await store.get('k')).toBeUndefined();
  });
});

describe('FallbackTokenStore, the fresher token and the warnings', () => {
  it('keeps its own token when the shared one goes stale sooner, or no later', async () => {
    const { db } = fakeCloudDatabase({ collections: ['tokens'] });
    const shared = new CloudDatabaseTokenStore(db, 'tokens');
    const store = new FallbackTokenStore(shared, () => undefined, 'db');
    await store.set('wxapp', token('mine', 5000));
    // Another instance (or a stale copy) puts an older token in the shared document.
    await db.collection('tokens').doc('access-token-wxapp').set({ data: token('shared-older', 1000) });
    expect((await store.get('wxapp'))?.value).toBe('mine');
    await db.collection('tokens').doc('access-token-wxapp').set({ data: token('shared-as-fresh', 5000) });
    expect((await store.get('wxapp'))?.value).toBe('mine');
  });

  it.each([
    ['read', (store: FallbackTokenStore) => store.get('wxapp')],
    ['update', (store: FallbackTokenStore) => store.invalidate('wxapp', 'a-rejected-token-0123456789')],
  ])('never puts a token value echoed in a failed %s into the warning', async (what, operation) => {
    const mine = 'a-live-access-token-0123456789';
    const echoing: TokenStore = {
      get: async () => {
        throw new Error(`document.get:fail while holding ${mine}`);
      },
      set: async () => undefined,
      invalidate: async (_key, value) => {
        throw new Error(`document.remove:fail for ${value} next to ${mine}`);
      },
    };
    const warnings: string[] = [];
    const store = new FallbackTokenStore(echoing, (m) => warnings.push(m), 'db');
    await store.set('wxapp', token(mine, 1000));
    warnings.length = 0;
    await operation(store);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`could not ${what} db (`);
    expect(warnings[0]).not.toContain(mine);
    expect(warnings[0]).not.toContain('a-rejected-token-0123456789');
    expect(warnings[0]).toContain('[REDACTED]');
  });
});
