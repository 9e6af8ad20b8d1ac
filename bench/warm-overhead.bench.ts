// Issue 5, item 2, and issue 10: what a warm call of `main` costs against the floor. A worker
// process (the "instance") loads the built function (A), bench/floor-function.js (F: node:http
// with a keep-alive agent, the token it fetched on its first call, one POST, JSON.parse) and,
// at 0 ms, bench/baseline-function.js (B, which asks stable_token on every call), warms each
// up, then runs blocks of N calls of each in turn, the order rotating from block to block.
// The emulator runs in this process, so its work lands on no side. One call at a time.
// Two phases: the emulator answering at once (what our own code costs, magnified), and
// answering 20 ms later (what that cost weighs against a round trip to WeChat, still short).
import { BENCH_EVENT, type Benchmark, type Metric, median, msSince, postJson, round } from './harness';
import * as http from 'node:http';
import * as path from 'node:path';
import { EMULATOR_APPID, EMULATOR_SECRET } from '../src/emulator/wechat-emulator';

type WarmSide = 'A' | 'F' | 'B';

interface Phase {
  latencyMs: number;
  blocks: number;
  callsPerBlock: number;
  sides: WarmSide[];
}

interface WarmInput {
  functions: Record<WarmSide, string>;
  apiBase: string;
  phases: Phase[];
}

interface PhaseOutput extends Phase {
  /** Block times in ms, round by round (one block of each side per round). */
  rounds: (Partial<Record<WarmSide, number>> & { order: WarmSide[] })[];
  failures: number;
}

export const benchmark: Benchmark = {
  id: 'warm-overhead',
  order: 2,
  title: 'Per-call overhead, warm',
  async run(ctx) {
    const emulator = await ctx.emulator();
    const smoke = ctx.options.smoke;
    const input: WarmInput = {
      functions: {
        A: ctx.functionA,
        F: path.join(ctx.root, 'bench', 'floor-function.js'),
        B: path.join(ctx.root, 'bench', 'baseline-function.js'),
      },
      apiBase: emulator.url,
      phases: [
        { latencyMs: 0, blocks: smoke ? 2 : 20, callsPerBlock: smoke ? 20 : 200, sides: ['A', 'F', 'B'] },
        { latencyMs: 20, blocks: smoke ? 2 : 12, callsPerBlock: smoke ? 3 : 30, sides: ['A', 'F'] },
      ],
    };
    const tokenRequestsBefore = emulator.count('stable_token');
    const phases = await ctx.worker<PhaseOutput[]>('warm-overhead', 'blocks', input);
    const metrics: Metric[] = [];
    for (const phase of phases) {
      const ratio = (top: WarmSide, bottom: WarmSide) => round(median(phase.rounds.map((r) => (r[top] as number) / (r[bottom] as number))), 3);
      const perCall = (side: WarmSide) => (median(phase.rounds.map((r) => r[side] as number)) / phase.callsPerBlock) * 1000;
      const at = phase.latencyMs === 0 ? '' : `.latency-${phase.latencyMs}ms`;
      const where = `emulator latency ${phase.latencyMs} ms, median of ${phase.rounds.length} rounds of ${phase.callsPerBlock} calls per side`;
      metrics.push(
        { id: `warm${at}.ratio`, label: `A/F: main / floor (${where})`, value: ratio('A', 'F'), unit: '×', target: { op: '<=', value: phase.latencyMs === 0 ? 1.1 : 1.02 } },
        ...(phase.sides.includes('B') ? [{ id: `warm${at}.baseline-ratio`, label: 'A/B: main / baseline (which asks stable_token on every call)', value: ratio('A', 'B'), unit: '×' }] : []),
        { id: `warm${at}.main-us`, label: `A: main, per call, ${phase.latencyMs} ms latency`, value: round(perCall('A'), 0), unit: 'µs' },
        { id: `warm${at}.floor-us`, label: `F: floor, per call, ${phase.latencyMs} ms latency`, value: round(perCall('F'), 0), unit: 'µs' },
        ...(phase.sides.includes('B') ? [{ id: `warm${at}.baseline-us`, label: 'B: baseline, per call', value: round(perCall('B'), 0), unit: 'µs' }] : []),
        {
          id: `warm${at}.overhead-us`,
          label: `A − F per call, ${phase.latencyMs} ms latency (median of rounds)`,
          value: round(median(phase.rounds.map((r) => ((r.A as number) - (r.F as number)) / phase.callsPerBlock)) * 1000, 0),
          unit: 'µs',
        },
      );
    }
    const baselineCalls = phases.filter((p) => p.sides.includes('B')).reduce((sum, p) => sum + (p.blocks + 1) * p.callsPerBlock, 0);
    metrics.push(
      {
        id: 'warm.token-requests',
        label: `stable_token requests besides the baseline's one per call (1 by main, 1 by the floor)`,
        value: emulator.count('stable_token') - tokenRequestsBefore - baselineCalls,
        unit: '',
        target: { op: '===', value: 2 },
      },
      { id: 'warm.failures', label: 'failed calls', value: phases.reduce((sum, p) => sum + p.failures, 0), unit: '', target: { op: '===', value: 0 } },
    );
    return { metrics, details: phases.map((p) => ({ ...p, ratios: p.rounds.map((r) => round((r.A as number) / (r.F as number), 4)) })) };
  },

  async worker(_mode, raw) {
    const input = raw as WarmInput;
    Object.assign(process.env, { WECHAT_API_BASE: input.apiBase, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET });
    type Main = (event: unknown, context: unknown) => Promise<Record<string, unknown>>;
    const load = (file: string) => (require(file) as { main: Main }).main;
    const mains: Record<WarmSide, Main> = { A: load(input.functions.A), F: load(input.functions.F), B: load(input.functions.B) };
    const context = { time_limit_in_ms: 10_000 };
    let failures = 0;
    const call = async (side: WarmSide) => {
      const result = await mains[side]({ ...BENCH_EVENT }, context);
      // Ours answers as cloud.openapi does; the floor and the baseline return WeChat's JSON.
      if ((result.refDate ?? result.ref_date) !== BENCH_EVENT.beginDate) failures++;
    };
    const control = new http.Agent({ keepAlive: true });

    const outputs: PhaseOutput[] = [];
    for (const phase of input.phases) {
      await postJson(control, new URL('/__emulator/settings', input.apiBase), { latencyMs: phase.latencyMs });
      const block = async (side: WarmSide) => {
        const start = process.hrtime.bigint();
        for (let i = 0; i < phase.callsPerBlock; i++) await call(side);
        return msSince(start);
      };
      // Warm-up: JIT, sockets, each side's token; not measured.
      for (const side of phase.sides) await block(side);
      failures = 0;
      const rounds: PhaseOutput['rounds'] = [];
      for (let i = 0; i < phase.blocks; i++) {
        const order = phase.sides.map((_, k) => phase.sides[(i + k) % phase.sides.length] as WarmSide);
        const times: Partial<Record<WarmSide, number>> = {};
        for (const side of order) times[side] = await block(side);
        rounds.push({ ...times, order });
      }
      outputs.push({ ...phase, rounds, failures });
    }
    return outputs;
  },
};
