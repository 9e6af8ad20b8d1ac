// Issue 5, item 1: cold start of the built function (A) against the hand-written baseline (B),
// and the cloud's path (C: A after loading wx-server-sdk, which the shared token store needs).
import { type ColdRound, type ColdRun, coldRuns } from './cold-runs';
import { type Benchmark, median, round } from './harness';

export const benchmark: Benchmark = {
  id: 'cold-start',
  order: 1,
  title: 'Cold start',
  async run(ctx) {
    const runs = await coldRuns(ctx);
    const { rounds } = runs;
    const ratio = (top: 'A' | 'C', pick: (run: ColdRun) => number) => round(median(rounds.map((r: ColdRound) => pick(r[top]) / pick(r.B))), 3);
    const med = (side: 'A' | 'B' | 'C', pick: (run: ColdRun) => number) => round(median(rounds.map((r) => pick(r[side]))), 1);
    const n = `median of ${rounds.length} A/B pair${rounds.length === 1 ? '' : 's'}`;
    return {
      metrics: [
        { id: 'cold.ratio', label: `A/B, spawn → result (${n})`, value: ratio('A', (r) => r.wallMs), unit: '×', target: { op: '<=', value: 1 } },
        { id: 'cold.ratio-child', label: 'A/B, process start → result, child clock', value: ratio('A', (r) => r.toResultMs), unit: '×' },
        { id: 'cold.ratio-cloud', label: 'C/B: A after loading wx-server-sdk, as for the cloud database', value: ratio('C', (r) => r.wallMs), unit: '×' },
        { id: 'cold.a-wall', label: 'A spawn → result', value: med('A', (r) => r.wallMs), unit: 'ms' },
        { id: 'cold.b-wall', label: 'B spawn → result', value: med('B', (r) => r.wallMs), unit: 'ms' },
        { id: 'cold.c-wall', label: 'C spawn → result', value: med('C', (r) => r.wallMs), unit: 'ms' },
        { id: 'cold.boot', label: 'node boot (all sides, child clock)', value: round(median(rounds.flatMap((r) => [r.A.bootMs, r.B.bootMs, r.C.bootMs])), 1), unit: 'ms' },
        { id: 'cold.sdk', label: 'C: require + init wx-server-sdk', value: med('C', (r) => r.sdkMs), unit: 'ms' },
        { id: 'cold.a-require', label: 'A: require(index.js)', value: med('A', (r) => r.requireMs), unit: 'ms' },
        { id: 'cold.c-require', label: 'C: require(index.js) after the SDK', value: med('C', (r) => r.requireMs), unit: 'ms' },
        { id: 'cold.b-require', label: 'B: require(index.js), wx-server-sdk included', value: med('B', (r) => r.requireMs), unit: 'ms' },
        { id: 'cold.a-call', label: 'A: first main()', value: med('A', (r) => r.callMs), unit: 'ms' },
        { id: 'cold.c-call', label: 'C: first main()', value: med('C', (r) => r.callMs), unit: 'ms' },
        { id: 'cold.b-call', label: 'B: first main()', value: med('B', (r) => r.callMs), unit: 'ms' },
      ],
      details: runs,
    };
  },
};
