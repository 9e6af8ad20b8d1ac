import { createGetDailyRetainHandler } from '../../src/cloud-function/get-daily-retain-handler';
import type { Platform } from '../../src/cloud-function/platform';
import { EMULATOR_APPID, EMULATOR_SECRET } from '../../src/emulator/wechat-emulator';
import type { AccessToken, TokenStore } from '../../src/token/access-token';
import type { CloudDatabase } from '../../src/token/cloud-database-token-store';
import { TokenCache } from '../../src/token/token-cache';
import { fakeCloudDatabase } from '../helpers/fake-cloud-database';
import { hookedDatabase, throwingDatabase } from './database-faults';
import { OK_MESSAGE, until, useHarness } from './harness';

// The handler with a stand-in for the cloud whose database misbehaves, with the token store
// in that database (WECHAT_TOKEN_STORE=database): the function must
// still answer (from memory, with one warning per instance), never replace a better token
// with a worse one, and never crash.

const harness = useHarness();

const COLLECTION = 'wechat_access_tokens';
const DOC_ID = `access-token-${EMULATOR_APPID}`;
const MEMORY_WARNING = /keeping the access token in memory/;

/** One cloud-function instance; its results and warnings go to the secret scan. */
function instance(database: () => CloudDatabase | undefined) {
  const warnings: string[] = [];
  const platform: Platform = { getWXContext: () => ({}), database };
  const env = { WECHAT_API_BASE: harness.emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_TOKEN_STORE: 'database' };
  const handler = createGetDailyRetainHandler({
    env,
    platform,
    logger: {
      warn: (message) => {
        warnings.push(message);
        harness.seen.push(message);
      },
    },
  });
  const main = async (event: unknown = {}) => {
    const result: Record<string, unknown> = await handler.main(event, { time_limit_in_ms: 3000 });
    harness.seen.push(result);
    return result;
  };
  return { main, warnings };
}

const memoryWarnings = (warnings: string[]) => warnings.filter((w) => MEMORY_WARNING.test(w));

async function expectAnswers(main: () => Promise<Record<string, unknown>>, times = 3) {
  for (let i = 0; i < times; i++) expect(await main()).toMatchObject({ errCode: 0, errMsg: OK_MESSAGE });
}

describe('token store faults', () => {
  it('answers from memory with one warning when there is no database at all', async () => {
    const { main, warnings } = instance(() => undefined);
    await expectAnswers(main);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(MEMORY_WARNING);
    expect(harness.emulator.count('stable_token')).toBe(1);
  });

  it('creates a missing collection and keeps the token there, without a warning', async () => {
    const { db, collections } = fakeCloudDatabase();
    const { main, warnings } = instance(() => db);
    await expectAnswers(main);
    expect(warnings).toEqual([]);
    expect(collections.get(COLLECTION)?.get(DOC_ID)?.value).toBe(harness.emulator.issuedTokens()[0]);
  });

  it('answers from memory with one warning when the collection is missing and cannot be created', async () => {
    const { db, failing, collections } = fakeCloudDatabase();
    failing.add('createCollection');
    const { main, warnings } = instance(() => db);
    await expectAnswers(main);
    expect(memoryWarnings(warnings)).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(collections.has(COLLECTION)).toBe(false);
    expect(harness.emulator.count('stable_token')).toBe(1);
  });

  it.each([
    ['reads fail', ['get']],
    ['writes fail', ['set']],
    ['reads and writes fail', ['get', 'set']],
    ['every operation fails', ['get', 'set', 'remove', 'createCollection']],
  ] as const)('answers from memory with one warning when %s', async (_name, operations) => {
    const { db, failing } = fakeCloudDatabase({ collections: [COLLECTION] });
    for (const operation of operations) failing.add(operation);
    const { main, warnings } = instance(() => db);
    await expectAnswers(main);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/token store: could not (read|write) .*-501001.*keeping the access token in memory/);
    expect(harness.emulator.count('stable_token')).toBe(1);
  });

  it('answers within about a second when the database hangs, and asks stable_token', async () => {
    const { db } = fakeCloudDatabase({ collections: [COLLECTION] });
    const waiting: (() => void)[] = [];
    const hung = hookedDatabase(db, () => new Promise<void>((resolve) => waiting.push(resolve)));
    const { main, warnings } = instance(() => hung);
    try {
      const started = Date.now();
      expect(await main()).toMatchObject({ errCode: 0, errMsg: OK_MESSAGE });
      // One shared-store timeout (1 s), not one per operation (that would be 2 s or more), and
      // well before the 2.7 s deadline; the margin is for a loaded machine.
      expect(Date.now() - started).toBeLessThan(1950);
      expect(harness.emulator.count('stable_token')).toBe(1);
      expect(warnings).toEqual([expect.stringMatching(/token store: could not read .*\(no answer within 1000 ms\); keeping the access token in memory/)]);
      // The next call uses the token kept in memory, without waiting on the database.
      const again = Date.now();
      expect(await main()).toMatchObject({ errCode: 0 });
      expect(Date.now() - again).toBeLessThan(900);
      expect(harness.emulator.count('stable_token')).toBe(1);
    } finally {
      for (const resume of waiting) resume();
    }
  });

  it('answers when the database SDK throws synchronously', async () => {
    const { main, warnings } = instance(throwingDatabase);
    await expectAnswers(main);
    expect(memoryWarnings(warnings)).toHaveLength(1);
  });

  it('warns once per instance, not once per failure, over many calls with a failing database', async () => {
    const { db, failing } = fakeCloudDatabase({ collections: [COLLECTION] });
    failing.add('get').add('set');
    const first = instance(() => db);
    const second = instance(() => db);
    await expectAnswers(first.main, 5);
    await expectAnswers(second.main, 5);
    expect([first.warnings.length, second.warnings.length]).toEqual([1, 1]);
  });

  it('recovers from a revoked token even when the database cannot remove it', async () => {
    const { db, failing, collections } = fakeCloudDatabase({ collections: [COLLECTION] });
    const { main, warnings } = instance(() => db);
    await expectAnswers(main, 1);
    failing.add('remove');
    harness.emulator.invalidateTokens();
    await expectAnswers(main, 2);
    expect(memoryWarnings(warnings)).toHaveLength(1);
    // The revoked token is still in the database (remove failed), but was not used again.
    const revoked = harness.emulator.issuedTokens()[0];
    expect(collections.get(COLLECTION)?.get(DOC_ID)?.value).not.toBe(revoked);
    const used = harness.emulator.requests.filter((r) => r.endpoint === 'datacube').map((r) => r.accessToken);
    expect(used.filter((token) => token === revoked)).toHaveLength(2);
  });

  it('replaces a corrupt token found in the database', async () => {
    const { db, collections } = fakeCloudDatabase({ collections: [COLLECTION] });
    const far = Date.now() + 3_600_000;
    collections.get(COLLECTION)?.set(DOC_ID, { value: 'not a token!', expiresAt: far, refreshAt: far });
    const { main, warnings } = instance(() => db);
    await expectAnswers(main, 2);
    expect(warnings).toEqual([]);
    expect(collections.get(COLLECTION)?.get(DOC_ID)?.value).toBe(harness.emulator.issuedTokens()[0]);
  });

  it('ignores documents that are not tokens (wrong types, expired)', async () => {
    const { db, collections } = fakeCloudDatabase({ collections: [COLLECTION] });
    collections.get(COLLECTION)?.set(DOC_ID, { value: 42, expiresAt: 'tomorrow', refreshAt: null });
    const { main } = instance(() => db);
    await expectAnswers(main, 1);
    collections.get(COLLECTION)?.set(DOC_ID, { value: 'x'.repeat(64), expiresAt: 1, refreshAt: 0 });
    const second = instance(() => db);
    await expectAnswers(second.main, 1);
    expect(harness.emulator.requests.filter((r) => r.endpoint === 'datacube').every((r) => r.accessToken !== 'x'.repeat(64))).toBe(true);
  });

  describe('two instances', () => {
    it('both answer when they refresh at the same moment, and the database keeps the one token', async () => {
      const { db, collections } = fakeCloudDatabase({ collections: [COLLECTION] });
      // Both read the empty store before either writes.
      let reads = 0;
      const interleaved = hookedDatabase(db, async (operation) => {
        if (operation === 'get' && reads++ < 2) await until(() => reads >= 2);
      });
      const first = instance(() => interleaved);
      const second = instance(() => interleaved);
      const results = await Promise.all([first.main(), second.main(), first.main(), second.main()]);
      expect(results.map((r) => r.errCode)).toEqual([0, 0, 0, 0]);
      expect(harness.emulator.count('stable_token')).toBeLessThanOrEqual(2);
      expect(harness.emulator.issuedTokens()).toHaveLength(1);
      expect(collections.get(COLLECTION)?.get(DOC_ID)?.value).toBe(harness.emulator.issuedTokens()[0]);
      expect([...first.warnings, ...second.warnings]).toEqual([]);
    });

    it('never writes a token over one that stays fresh longer, stored while it was refreshing', async () => {
      const { db, collections } = fakeCloudDatabase({ collections: [COLLECTION] });
      const { emulator } = harness;
      // Another instance's token, from the token endpoint, fresh for longer than ours will be
      // (as if it had been fetched later).
      const response = await fetch(
        `${emulator.url}/cgi-bin/token?grant_type=client_credential&appid=${EMULATOR_APPID}&secret=${EMULATOR_SECRET}`,
      );
      const { access_token: better } = (await response.json()) as { access_token: string };
      const betterDoc = { value: better, expiresAt: Date.now() + 7_500_000, refreshAt: Date.now() + 7_200_000 };
      emulator.reset();

      emulator.inject('stable_token', { kind: 'delay', ms: 200 });
      const { main } = instance(() => db);
      const call = main();
      await until(() => emulator.count('stable_token') === 1);
      collections.get(COLLECTION)?.set(DOC_ID, betterDoc);
      expect(await call).toMatchObject({ errCode: 0 });
      expect(collections.get(COLLECTION)?.get(DOC_ID)).toEqual(betterDoc);

      // A third instance picks up the better token without asking WeChat.
      const third = instance(() => db);
      await expectAnswers(third.main, 1);
      expect(emulator.count('stable_token')).toBe(1);
      expect(emulator.requests.at(-1)?.accessToken).toBe(better);
    });

    it('never crashes when one instance removes the token while the other reads it', async () => {
      const { db } = fakeCloudDatabase({ collections: [COLLECTION] });
      const first = instance(() => db);
      const second = instance(() => db);
      await expectAnswers(first.main, 1);
      harness.emulator.invalidateTokens();
      const results = await Promise.all([first.main(), second.main(), first.main(), second.main()]);
      expect(results.map((r) => r.errCode)).toEqual([0, 0, 0, 0]);
      expect(harness.emulator.count('stable_token')).toBeLessThanOrEqual(3);
    });
  });
});

describe('TokenCache with a store that cannot forget', () => {
  it('never takes back from the store a token WeChat rejected', async () => {
    const stale: AccessToken = { value: 'rejected-token', expiresAt: 10_000_000, refreshAt: 9_000_000 };
    // invalidate() "succeeds" but forgets nothing, as a failed database remove behind a fallback does.
    const store: TokenStore = { get: async () => stale, set: async () => undefined, invalidate: async () => undefined };
    const source = jest.fn(async () => ({ accessToken: 'fresh-token', expiresInSeconds: 7200 }));
    const cache = new TokenCache(EMULATOR_APPID, source, store, () => 1_000);
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('rejected-token');
    await cache.invalidate('rejected-token', Number.MAX_SAFE_INTEGER);
    expect(await cache.get(Number.MAX_SAFE_INTEGER)).toBe('fresh-token');
    expect(source).toHaveBeenCalledTimes(1);
  });
});
