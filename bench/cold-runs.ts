// Cold runs, shared by the cold start and memory benchmarks: each run is a fresh `node`
// process (bench/cold-child.js) that requires a function and serves one call against the
// emulator in this process, with the variables the cloud runtime sets (TENCENTCLOUD_SECRETID,
// TENCENTCLOUD_SECRETKEY, TCB_ENV) as on a deployed function. The sides take turns, and the
// order rotates from round to round, so drift on this shared machine hits every side alike.
// Every round is run at each round-trip time (the emulator answers every request that much
// later), since a cold call is mostly waiting at 20 ms and mostly work at 0 ms.
//   A: the built function (or --a), with its default token store;
//   F: bench/floor-function.js, the least any Node process can do for the same answer;
//   B: bench/baseline-function.js, a hand-written function as the SDK's users write it;
//   C: A with WECHAT_TOKEN_STORE=database, which loads wx-server-sdk for the cloud database
//      (unreachable here: the store fails, and the function falls back to memory after it).
import * as path from 'node:path';
import { BENCH_EVENT, type BenchContext, CLOUD_RUNTIME_ENV, childEnv, spawnForLine } from './harness';
import { EMULATOR_APPID, EMULATOR_SECRET, type WeChatEmulator } from '../src/emulator/wechat-emulator';

export type Side = 'A' | 'F' | 'B' | 'C';

/** What cold-child.js reports, plus what this side measured. */
export interface ColdRun {
  side: Side;
  /** Spawn → the result line on stdout, measured here. */
  wallMs: number;
  /** Spawn → process exit, measured here. */
  exitMs: number;
  /** The child's own clock: Node's boot (timeOrigin → first line of cold-child.js). */
  bootMs: number;
  /** require() of the function's index.js. */
  requireMs: number;
  /** main(): from the end of require to the result. */
  callMs: number;
  /** timeOrigin → result, as the child saw it. */
  toResultMs: number;
  maxRssKb: number;
  /** Whether wx-server-sdk was loaded by the time of the result. */
  sdkLoaded: boolean;
  /** Requests the emulator received during the run. */
  stableTokenRequests: number;
  datacubeRequests: number;
}

export type ColdRound = Record<Side, ColdRun> & { order: Side[] };

export interface ColdRuns {
  functions: Record<Side, string>;
  /** Rounds by emulator round-trip time in ms: `0`, `20`. */
  byRtt: Record<string, { warmup: ColdRun[]; rounds: ColdRound[] }>;
}

export const SIDES: readonly Side[] = ['A', 'F', 'B', 'C'];
export const RTTS_MS = [0, 20] as const;

export function coldRuns(ctx: BenchContext): Promise<ColdRuns> {
  return ctx.memo('cold-runs', async () => {
    const functions: Record<Side, string> = {
      A: ctx.functionA,
      F: path.join(ctx.root, 'bench', 'floor-function.js'),
      B: path.join(ctx.root, 'bench', 'baseline-function.js'),
      C: ctx.functionA,
    };
    const count = ctx.options.pairs ?? (ctx.options.smoke ? 1 : 11);
    const byRtt: ColdRuns['byRtt'] = {};
    for (const rttMs of RTTS_MS) {
      const emulator = await ctx.emulator({ latencyMs: rttMs });
      const run = (side: Side) => coldRun(ctx, emulator, side, functions[side]);
      // Unmeasured: fills the page cache for every function and for node itself.
      const warmup = ctx.options.smoke ? [] : [await run('A'), await run('F'), await run('B')];
      const rounds: ColdRound[] = [];
      for (let i = 0; i < count; i++) {
        const order = SIDES.map((_, k) => SIDES[(i + k) % SIDES.length] as Side);
        const runs: Partial<Record<Side, ColdRun>> = {};
        for (const side of order) runs[side] = await run(side);
        const round = { ...(runs as Record<Side, ColdRun>), order };
        rounds.push(round);
        ctx.log(`cold round ${i + 1}/${count} at ${rttMs} ms RTT (${order.join('')}): ${SIDES.map((s) => `${s} ${round[s].wallMs.toFixed(0)}`).join(', ')} ms`);
      }
      byRtt[rttMs] = { warmup, rounds };
    }
    const relative = (file: string) => path.relative(ctx.root, file);
    return {
      functions: { A: relative(functions.A), F: relative(functions.F), B: relative(functions.B), C: `${relative(functions.C)} with WECHAT_TOKEN_STORE=database` },
      byRtt,
    };
  });
}

async function coldRun(ctx: BenchContext, emulator: WeChatEmulator, side: Side, functionPath: string): Promise<ColdRun> {
  const before = { stable: emulator.count('stable_token'), datacube: emulator.count('datacube') };
  const env = childEnv({
    ...CLOUD_RUNTIME_ENV,
    WECHAT_API_BASE: emulator.url,
    WECHAT_APPID: EMULATOR_APPID,
    WECHAT_APPSECRET: EMULATOR_SECRET,
    ...(side === 'C' ? { WECHAT_TOKEN_STORE: 'database' } : {}),
  });
  type Report = Omit<ColdRun, 'side' | 'wallMs' | 'exitMs' | 'stableTokenRequests' | 'datacubeRequests'> & { refDate?: string; errCode?: number };
  const { value, lineAtMs, exitAtMs } = await spawnForLine<Report>([path.join(ctx.root, 'bench', 'cold-child.js'), functionPath, JSON.stringify(BENCH_EVENT)], {
    env,
    cwd: ctx.root,
    prefix: 'COLD ',
    timeoutMs: 30_000,
  });
  const exitMs = await exitAtMs;
  const stableTokenRequests = emulator.count('stable_token') - before.stable;
  const datacubeRequests = emulator.count('datacube') - before.datacube;
  if (value.refDate !== BENCH_EVENT.beginDate || stableTokenRequests !== 1 || datacubeRequests !== 1) {
    throw new Error(
      `cold run of ${side} did not do the job: refDate ${value.refDate}, errCode ${value.errCode}, ${stableTokenRequests} stable_token and ${datacubeRequests} datacube requests (expected 1 each)`,
    );
  }
  const { refDate: _refDate, errCode: _errCode, ...timings } = value;
  return { side, wallMs: lineAtMs, exitMs, ...timings, stableTokenRequests, datacubeRequests };
}
