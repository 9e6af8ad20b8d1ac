// Issue 5, item 2: what a warm call of `main` costs over the one HTTPS request it exists to
// make. A worker process (the "instance") alternates blocks of N calls of the built function's
// main with blocks of N raw POSTs that carry the same token to the same emulator, which runs in
// this process (so its work lands on neither side). Both sides use a keep-alive agent, make
// one call at a time, and parse the JSON answer.
// The target is for the loopback emulator answering at once. A second phase sets the
// emulator's latency (through its HTTP control API) to a couple of milliseconds, still far
// below WeChat's, to show what the same overhead weighs against a real round trip.
import * as http from 'node:http';
import { BENCH_EVENT, type Benchmark, type Metric, median, msSince, postJson, round } from './harness';
import { EMULATOR_APPID, EMULATOR_SECRET } from '../src/emulator/wechat-emulator';

interface Phase {
  latencyMs: number;
  blocks: number;
  callsPerBlock: number;
}

interface WarmInput {
  functionPath: string;
  apiBase: string;
  phases: Phase[];
}

interface PhaseOutput extends Phase {
  /** Block times in ms, pair by pair. */
  pairs: { main: number; raw: number; first: 'main' | 'raw' }[];
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
      functionPath: ctx.functionA,
      apiBase: emulator.url,
      phases: [
        { latencyMs: 0, blocks: smoke ? 2 : 20, callsPerBlock: smoke ? 20 : 200 },
        { latencyMs: 2, blocks: smoke ? 2 : 10, callsPerBlock: smoke ? 5 : 40 },
      ],
    };
    const phases = await ctx.worker<PhaseOutput[]>('warm-overhead', 'blocks', input);
    const metrics: Metric[] = [];
    for (const phase of phases) {
      const ratio = median(phase.pairs.map((p) => p.main / p.raw));
      const perCall = (side: 'main' | 'raw') => (median(phase.pairs.map((p) => p[side])) / phase.callsPerBlock) * 1000;
      const where = phase.latencyMs === 0 ? '' : `, emulator latency ${phase.latencyMs} ms`;
      const id = phase.latencyMs === 0 ? 'warm' : `warm.latency-${phase.latencyMs}ms`;
      metrics.push(
        {
          id: phase.latencyMs === 0 ? 'warm.ratio' : `${id}.ratio`,
          label: `main / raw POST${where} (median of ${phase.pairs.length} block pairs of ${phase.callsPerBlock} calls)`,
          value: round(ratio, 3),
          unit: '×',
          target: phase.latencyMs === 0 ? { op: '<=', value: 1.05 } : undefined,
        },
        { id: `${id}.main-us`, label: `main, per call${where}`, value: round(perCall('main'), 0), unit: 'µs' },
        { id: `${id}.raw-us`, label: `raw POST, per call${where}`, value: round(perCall('raw'), 0), unit: 'µs' },
        { id: `${id}.overhead-us`, label: `overhead of main, per call${where}`, value: round(perCall('main') - perCall('raw'), 0), unit: 'µs' },
      );
    }
    metrics.push(
      { id: 'warm.token-requests', label: 'stable_token requests (1 by main, 1 for the raw side)', value: emulator.count('stable_token'), unit: '', target: { op: '===', value: 2 } },
      { id: 'warm.failures', label: 'failed calls', value: phases.reduce((sum, p) => sum + p.failures, 0), unit: '', target: { op: '===', value: 0 } },
    );
    return { metrics, details: phases.map((p) => ({ ...p, ratios: p.pairs.map((pair) => round(pair.main / pair.raw, 4)) })) };
  },

  async worker(_mode, raw) {
    const input = raw as WarmInput;
    Object.assign(process.env, { WECHAT_API_BASE: input.apiBase, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET });
    const fn = require(input.functionPath) as { main(event: unknown, context: unknown): Promise<{ errCode?: number }> };
    const context = { time_limit_in_ms: 10_000 };
    let failures = 0;
    const callMain = async () => {
      const result = await fn.main({ ...BENCH_EVENT }, context);
      if (result.errCode !== 0) failures++;
    };

    // The raw side: what a function that already holds a token must do for one call.
    const agent = new http.Agent({ keepAlive: true });
    const token = (await postJson(agent, new URL('/cgi-bin/stable_token', input.apiBase), {
      grant_type: 'client_credential',
      appid: EMULATOR_APPID,
      secret: EMULATOR_SECRET,
      force_refresh: false,
    })) as { access_token: string };
    const datacube = new URL(`/datacube/getweanalysisappiddailyretaininfo?access_token=${token.access_token}`, input.apiBase);
    const callRaw = async () => {
      const json = (await postJson(agent, datacube, { begin_date: BENCH_EVENT.beginDate, end_date: BENCH_EVENT.endDate })) as { errcode?: number };
      if (json.errcode) failures++;
    };

    const outputs: PhaseOutput[] = [];
    for (const phase of input.phases) {
      await postJson(agent, new URL('/__emulator/settings', input.apiBase), { latencyMs: phase.latencyMs });
      const block = async (call: () => Promise<void>) => {
        const start = process.hrtime.bigint();
        for (let i = 0; i < phase.callsPerBlock; i++) await call();
        return msSince(start);
      };
      // Warm-up: JIT, sockets, the function's token; not measured.
      await block(callMain);
      await block(callRaw);
      failures = 0;
      const pairs: PhaseOutput['pairs'] = [];
      for (let i = 0; i < phase.blocks; i++) {
        if (i % 2 === 0) {
          const main = await block(callMain);
          pairs.push({ main, raw: await block(callRaw), first: 'main' });
        } else {
          const rawMs = await block(callRaw);
          pairs.push({ main: await block(callMain), raw: rawMs, first: 'raw' });
        }
      }
      outputs.push({ ...phase, pairs, failures });
    }
    return outputs;
  },
};
