// Issue 10, item 1: should getDailyRetainRange, which opens the cloud database for its cache of
// final periods anyway, keep its token there too? The first call of a fresh instance (a cold
// start, the SDK already paid for) with the token in memory (the default) against the token in
// the cloud database, found there (another instance stored it) or not (the first instance, or
// after the token's refresh time). The database answers every operation after `rttMs`, as
// WeChat does: a cloud database is no nearer than WeChat's API (both are a round trip away).
// It runs in a worker: the handler with a cloud database in a folder (file-cloud-database.ts)
// behind that latency, a range of the last 7 days (none final yet, so all fetched), one fresh
// handler per run, the three sides in turn.
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createGetDailyRetainRangeHandler } from '../src/cloud-function/get-daily-retain-range-handler';
import { addDays, beijingYesterday } from '../src/beijing-date';
import { EMULATOR_APPID, EMULATOR_SECRET } from '../src/emulator/wechat-emulator';
import type { CloudDatabase } from '../src/token/cloud-database-token-store';
import { FileCloudDatabase } from './file-cloud-database';
import { type Benchmark, median, msSince, round, sleep } from './harness';

type Side = 'memory' | 'database-hit' | 'database-miss';
const SIDES: readonly Side[] = ['memory', 'database-hit', 'database-miss'];

interface Input {
  apiBase: string;
  rttMs: number;
  runs: number;
}

interface Output {
  ms: Record<Side, number[]>;
  failures: number;
}

/** `db`, each operation answered `ms` later. */
function distant(db: CloudDatabase, ms: number): CloudDatabase {
  return {
    collection: (name) => ({
      doc: (id) => {
        const doc = db.collection(name).doc(id);
        return {
          get: () => sleep(ms).then(() => doc.get()),
          set: (options) => sleep(ms).then(() => doc.set(options)),
          remove: () => sleep(ms).then(() => doc.remove()),
        };
      },
    }),
    createCollection: (name) => sleep(ms).then(() => db.createCollection(name)),
  };
}

export const benchmark: Benchmark = {
  id: 'range-token-store',
  order: 4,
  title: 'Token store of getDailyRetainRange',
  async run(ctx) {
    const rttMs = 20;
    const emulator = await ctx.emulator({ latencyMs: rttMs });
    const input: Input = { apiBase: emulator.url, rttMs, runs: ctx.options.smoke ? 1 : 9 };
    const { ms, failures } = await ctx.worker<Output>('range-token-store', 'runs', input);
    const med = (side: Side) => round(median(ms[side]), 1);
    return {
      metrics: [
        { id: 'range-token.memory-ms', label: `first range call of an instance, token in memory (7 days, WeChat and the database ${rttMs} ms away)`, value: med('memory'), unit: 'ms' },
        { id: 'range-token.database-hit-ms', label: 'the same, token in the cloud database, stored there by another instance', value: med('database-hit'), unit: 'ms' },
        { id: 'range-token.database-miss-ms', label: 'the same, token in the cloud database, not there yet (or due for refresh)', value: med('database-miss'), unit: 'ms' },
        { id: 'range-token.hit-ratio', label: 'database (found) / memory', value: round(median(ms['database-hit'].map((v, i) => v / (ms.memory[i] as number))), 3), unit: '×' },
        { id: 'range-token.miss-ratio', label: 'database (not found) / memory', value: round(median(ms['database-miss'].map((v, i) => v / (ms.memory[i] as number))), 3), unit: '×' },
        { id: 'range-token.failures', label: 'calls that failed', value: failures, unit: '', target: { op: '===', value: 0 } },
      ],
      details: { rttMs, ms },
    };
  },

  async worker(_mode, raw) {
    const input = raw as Input;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-range-token-'));
    const endDate = beijingYesterday(Date.now());
    const event = { beginDate: addDays(endDate, -6), endDate };
    const ms: Output['ms'] = { memory: [], 'database-hit': [], 'database-miss': [] };
    let failures = 0;
    let databases = 0;
    const instance = (side: Side, db: CloudDatabase) =>
      createGetDailyRetainRangeHandler({
        env: { WECHAT_API_BASE: input.apiBase, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, ...(side === 'memory' ? {} : { WECHAT_TOKEN_STORE: 'database' }) },
        platform: { getWXContext: () => ({}), database: () => db },
        logger: { warn: () => undefined },
      }).main;
    const call = async (main: ReturnType<typeof instance>) => {
      const result = (await main(event, { time_limit_in_ms: 10_000 })) as { errCode: number; missing?: unknown[] };
      if (result.errCode !== 0 || result.missing?.length) failures++;
    };
    try {
      // Unmeasured: JIT and sockets warm for every side.
      for (const side of [...SIDES, ...SIDES]) await call(instance(side, distant(new FileCloudDatabase(mkdtempSync(path.join(dir, 'db-'))), input.rttMs)));
      failures = 0;
      for (let run = 0; run < input.runs; run++) {
        for (let k = 0; k < SIDES.length; k++) {
          const side = SIDES[(run + k) % SIDES.length] as Side;
          // A fresh database per run: its collections exist (created by an earlier instance), the cache of final days is empty.
          const db = distant(new FileCloudDatabase(mkdtempSync(path.join(dir, `db-${databases++}-`))), input.rttMs);
          await db.createCollection('wechat_access_tokens');
          await db.createCollection('wechat_retain_cache');
          if (side === 'database-hit') await call(instance(side, db));
          const started = process.hrtime.bigint();
          await call(instance(side, db));
          ms[side].push(msSince(started));
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return { ms, failures } satisfies Output;
  },
};
