// Cold runs, shared by the cold start and memory benchmarks: each run is a fresh `node`
// process (bench/cold-child.js) that requires a function and serves one call against the
// emulator in this process. The sides take turns, and the order rotates from round to round,
// so drift on this shared machine hits every side alike.
//   A: the built function (or --a), as the bench runs it: no cloud credentials, so the token
//      stays in memory and wx-server-sdk is loaded only if the function itself loads it;
//   B: bench/baseline-function.js, the least a hand-written function must do;
//   C: A with wx-server-sdk loaded and initialised first, as in the cloud, where the function
//      needs the SDK for the shared token store: a lower bound for the cloud's cold start
//      (the database read itself cannot be run here).
import * as path from 'node:path';
import { BENCH_EVENT, type BenchContext, childEnv, spawnForLine } from './harness';
import { EMULATOR_APPID, EMULATOR_SECRET, type WeChatEmulator } from '../src/emulator/wechat-emulator';

export type Side = 'A' | 'B' | 'C';

/** What cold-child.js reports, plus what this side measured. */
export interface ColdRun {
  side: Side;
  /** Spawn → the result line on stdout, measured here. */
  wallMs: number;
  /** Spawn → process exit, measured here. */
  exitMs: number;
  /** The child's own clock: Node's boot (timeOrigin → first line of cold-child.js). */
  bootMs: number;
  /** C only: require('wx-server-sdk') and cloud.init() before the function. */
  sdkMs: number;
  /** require() of the function's index.js. */
  requireMs: number;
  /** main(): from the end of require to the result. */
  callMs: number;
  /** timeOrigin → result, as the child saw it. */
  toResultMs: number;
  maxRssKb: number;
  /** Requests the emulator received during the run. */
  stableTokenRequests: number;
  datacubeRequests: number;
}

export type ColdRound = Record<Side, ColdRun> & { order: Side[] };

export interface ColdRuns {
  functions: Record<Side, string>;
  warmup: ColdRun[];
  rounds: ColdRound[];
}

const SIDES: readonly Side[] = ['A', 'B', 'C'];

export function coldRuns(ctx: BenchContext): Promise<ColdRuns> {
  return ctx.memo('cold-runs', async () => {
    const emulator = await ctx.emulator();
    const baseline = path.join(ctx.root, 'bench', 'baseline-function.js');
    const functions: Record<Side, string> = { A: ctx.functionA, B: baseline, C: ctx.functionA };
    const run = (side: Side) => coldRun(ctx, emulator, side, functions[side]);
    const count = ctx.options.pairs ?? (ctx.options.smoke ? 1 : 11);
    // Unmeasured: fills the page cache for both functions and for node itself.
    const warmup = ctx.options.smoke ? [] : [await run('A'), await run('B')];
    const rounds: ColdRound[] = [];
    for (let i = 0; i < count; i++) {
      const order = SIDES.map((_, k) => SIDES[(i + k) % SIDES.length] as Side);
      const runs: Partial<Record<Side, ColdRun>> = {};
      for (const side of order) runs[side] = await run(side);
      const round = { ...(runs as Record<Side, ColdRun>), order };
      rounds.push(round);
      ctx.log(`cold round ${i + 1}/${count} (${order.join('')}): A ${round.A.wallMs.toFixed(0)} ms, B ${round.B.wallMs.toFixed(0)} ms, C ${round.C.wallMs.toFixed(0)} ms`);
    }
    return { functions: { A: path.relative(ctx.root, functions.A), B: path.relative(ctx.root, functions.B), C: `${path.relative(ctx.root, functions.C)} after wx-server-sdk` }, warmup, rounds };
  });
}

async function coldRun(ctx: BenchContext, emulator: WeChatEmulator, side: Side, functionPath: string): Promise<ColdRun> {
  const before = { stable: emulator.count('stable_token'), datacube: emulator.count('datacube') };
  const env = childEnv({
    WECHAT_API_BASE: emulator.url,
    WECHAT_APPID: EMULATOR_APPID,
    WECHAT_APPSECRET: EMULATOR_SECRET,
    ...(side === 'C' ? { BENCH_LOAD_SDK_FIRST: '1' } : {}),
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
