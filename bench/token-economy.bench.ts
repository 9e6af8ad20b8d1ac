// Issue 5, item 3: how many access tokens the function asks for.
// (a) 30 and 100 parallel calls on a cold instance (a fresh process running the built
//     function, with the cloud runtime's variables set): single flight must make that exactly
//     1 stable_token request.
// (b) Several processes sharing one token store (WECHAT_TOKEN_STORE=database) for several
//     token lifetimes: the real
//     CloudDatabaseTokenStore (behind the FallbackTokenStore, as in the cloud) over a
//     file-backed database (file-cloud-database.ts), counted as stable_token requests per
//     token lifetime. Run twice:
//     - "2 h on a fast clock": WeChat's own 7200 s token, with the emulator and every process
//       on a clock that runs `timeScale` times faster than real time, so a lifetime passes in a
//       few seconds while expires_in keeps WeChat's proportions (whole seconds, 5 min rotation);
//     - "short TTL": tokenTtlSeconds of a few seconds in real time. The emulator scales its
//       rotation window to TTL/24, under a second here, so it can hand back a still-valid token
//       with expires_in 0, which the client rejects: this run shows that edge, not production.
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createGetDailyRetainHandler } from '../src/cloud-function/get-daily-retain-handler';
import { EMULATOR_APPID, EMULATOR_SECRET } from '../src/emulator/wechat-emulator';
import { FileCloudDatabase } from './file-cloud-database';
import { BENCH_EVENT, type BenchContext, type Benchmark, CLOUD_RUNTIME_ENV, type Metric, round, sleep } from './harness';

interface BurstInput {
  functionPath: string;
  apiBase: string;
  calls: number;
}

interface SharedInput {
  apiBase: string;
  dbDir: string;
  /** Epoch ms at which every process starts calling, so that they overlap fully. */
  startAt: number;
  durationMs: number;
  pauseMs: number;
  /** The clock runs this many times faster than real time, from startAt. */
  timeScale: number;
}

interface SharedOutput {
  calls: number;
  failures: Record<string, number>;
  warnings: string[];
  lateMs: number;
}

interface SharedSetup {
  processes: number;
  durationMs: number;
  ttlSeconds: number;
  timeScale: number;
}

/** Requests closer together than this (real time) belong to one refresh moment. */
const REFRESH_GAP_MS = 50;

/** A clock that runs `scale` times faster than Date.now from `base` on. */
function fastClock(base: number, scale: number): () => number {
  return scale === 1 ? Date.now : () => base + (Date.now() - base) * scale;
}

export const benchmark: Benchmark = {
  id: 'token-economy',
  order: 3,
  title: 'Token economy',
  async run(ctx) {
    // (a)
    const bursts: { calls: number; tokenRequests: number; errCodes: Record<string, number> }[] = [];
    for (const calls of [30, 100]) {
      const emulator = await ctx.emulator();
      const burst = await ctx.worker<{ errCodes: Record<string, number> }>(
        'token-economy',
        'burst',
        { functionPath: ctx.functionA, apiBase: emulator.url, calls } satisfies BurstInput,
        CLOUD_RUNTIME_ENV,
      );
      bursts.push({ calls, tokenRequests: emulator.count('stable_token'), errCodes: burst.errCodes });
    }

    // (b)
    const processes = ctx.options.smoke ? 2 : 4;
    const durationMs = ctx.options.smoke ? 3_000 : 16_000;
    const scaled = await sharedStore(ctx, { processes, durationMs, ttlSeconds: 7200, timeScale: ctx.options.smoke ? 3600 : 1800 });
    const short = await sharedStore(ctx, { processes, durationMs, ttlSeconds: ctx.options.smoke ? 2 : 4, timeScale: 1 });

    const metrics: Metric[] = [
      ...bursts.flatMap(({ calls, tokenRequests, errCodes }) => {
        const id = calls === 100 ? 'tokens.burst' : `tokens.burst-${calls}`;
        return [
          { id, label: `(a) stable_token requests for ${calls} parallel cold calls`, value: tokenRequests, unit: '', target: { op: '===' as const, value: 1 } },
          { id: `${id}-ok`, label: `(a) ${calls} parallel cold calls: calls that succeeded`, value: errCodes['0'] ?? 0, unit: '', target: { op: '===' as const, value: calls } },
        ];
      }),
      ...sharedMetrics('shared', scaled, true),
      ...sharedMetrics('short-ttl', short, false),
    ];
    return { metrics, details: { bursts, shared: scaled, shortTtl: short } };
  },

  async worker(mode, raw) {
    if (mode === 'burst') {
      const input = raw as BurstInput;
      Object.assign(process.env, { WECHAT_API_BASE: input.apiBase, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET });
      const fn = require(input.functionPath) as { main(event: unknown, context: unknown): Promise<{ errCode: number }> };
      const results = await Promise.all(Array.from({ length: input.calls }, () => fn.main({ ...BENCH_EVENT }, { time_limit_in_ms: 10_000 })));
      const errCodes: Record<string, number> = {};
      for (const { errCode } of results) errCodes[errCode] = (errCodes[errCode] ?? 0) + 1;
      return { errCodes };
    }

    const input = raw as SharedInput;
    const db = new FileCloudDatabase(input.dbDir);
    const warnings: string[] = [];
    const { main } = createGetDailyRetainHandler({
      env: { WECHAT_API_BASE: input.apiBase, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_TOKEN_STORE: 'database' },
      platform: { getWXContext: () => ({}), database: () => db },
      clock: fastClock(input.startAt, input.timeScale),
      logger: { warn: (message) => warnings.push(message) },
    });
    // The time limit is read on the fast clock: keep it at 10 s of real time.
    const context = { time_limit_in_ms: 10_000 * input.timeScale };
    const lateMs = Math.max(0, Date.now() - input.startAt);
    await sleep(input.startAt - Date.now());
    const failures: Record<string, number> = {};
    let calls = 0;
    while (Date.now() < input.startAt + input.durationMs) {
      const result = (await main({ ...BENCH_EVENT }, context)) as { errCode: number };
      calls++;
      if (result.errCode !== 0) failures[result.errCode] = (failures[result.errCode] ?? 0) + 1;
      await sleep(input.pauseMs);
    }
    return { calls, failures, warnings: [...new Set(warnings)].slice(0, 10), lateMs } satisfies SharedOutput;
  },
};

async function sharedStore(ctx: BenchContext, setup: SharedSetup) {
  const { processes, durationMs, ttlSeconds, timeScale } = setup;
  // Leaves the processes time to load before the common start.
  const startAt = Date.now() + 2_500;
  const emulator = await ctx.emulator({ tokenTtlSeconds: ttlSeconds, clock: fastClock(startAt, timeScale) });
  const dbDir = mkdtempSync(path.join(os.tmpdir(), 'bench-token-store-'));
  let outputs: SharedOutput[];
  try {
    const input: SharedInput = { apiBase: emulator.url, dbDir, startAt, durationMs, pauseMs: 10, timeScale };
    outputs = await Promise.all(Array.from({ length: processes }, () => ctx.worker<SharedOutput>('token-economy', 'shared', input)));
  } finally {
    rmSync(dbDir, { recursive: true, force: true });
  }
  // Back to real ms after the common start.
  const requestTimes = emulator.requests.filter((r) => r.endpoint === 'stable_token').map((r) => (r.at - startAt) / timeScale);
  const failures: Record<string, number> = {};
  for (const output of outputs) {
    for (const [code, count] of Object.entries(output.failures)) failures[code] = (failures[code] ?? 0) + count;
  }
  return {
    ...setup,
    lifetimes: (durationMs * timeScale) / (ttlSeconds * 1000),
    requests: requestTimes.length,
    tokensIssued: emulator.issuedTokens().length,
    calls: outputs.reduce((sum, o) => sum + o.calls, 0),
    failed: Object.values(failures).reduce((sum, n) => sum + n, 0),
    failures,
    // When each token request came, in real ms after the common start, grouped by refresh moment.
    refreshes: groupRefreshes(requestTimes).map((group) => group.map((t) => round(t, 1))),
    warnings: [...new Set(outputs.flatMap((o) => o.warnings))],
    lateMs: outputs.map((o) => o.lateMs),
  };
}

function sharedMetrics(id: string, run: Awaited<ReturnType<typeof sharedStore>>, withTargets: boolean): Metric[] {
  const name = run.timeScale === 1 ? `short TTL: ${run.ttlSeconds} s` : `2 h TTL on a ${run.timeScale}× clock`;
  const setup = `${run.processes} processes, ${name}, ${run.durationMs / 1000} s`;
  const target = <T>(value: T) => (withTargets ? value : undefined);
  return [
    {
      id: `tokens.${id}-per-lifetime`,
      label: `(b) stable_token requests per token lifetime (${setup})`,
      value: round(run.requests / run.lifetimes, 2),
      unit: '',
      target: target({ op: '<=' as const, value: 1 }),
    },
    {
      id: `tokens.${id}-per-lifetime-after-start`,
      label: `(b) ${name}: the same, leaving out the first moment (every process cold at once)`,
      value: round((run.requests - (run.refreshes[0]?.length ?? 0)) / run.lifetimes, 2),
      unit: '',
    },
    { id: `tokens.${id}-requests`, label: `(b) ${name}: stable_token requests over ${round(run.lifetimes, 1)} lifetimes`, value: run.requests, unit: '' },
    { id: `tokens.${id}-issued`, label: `(b) ${name}: distinct tokens issued`, value: run.tokensIssued, unit: '' },
    { id: `tokens.${id}-refreshes`, label: `(b) ${name}: refresh moments (requests < ${REFRESH_GAP_MS} ms apart)`, value: run.refreshes.length, unit: '' },
    { id: `tokens.${id}-max-herd`, label: `(b) ${name}: most requests in one refresh moment`, value: Math.max(0, ...run.refreshes.map((r) => r.length)), unit: '' },
    { id: `tokens.${id}-calls`, label: `(b) ${name}: calls made`, value: run.calls, unit: '' },
    { id: `tokens.${id}-failures`, label: `(b) ${name}: calls that failed`, value: run.failed, unit: '', target: target({ op: '===' as const, value: 0 }) },
  ];
}

/** Request times (sorted) grouped into refresh moments: gaps under REFRESH_GAP_MS join. */
function groupRefreshes(times: readonly number[]): number[][] {
  const groups: number[][] = [];
  for (const t of [...times].sort((a, b) => a - b)) {
    const last = groups[groups.length - 1];
    const previous = last?.[last.length - 1];
    if (last && previous !== undefined && t - previous < REFRESH_GAP_MS) last.push(t);
    else groups.push([t]);
  }
  return groups;
}
