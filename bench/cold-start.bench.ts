// Issue 5, item 1, and issue 10: cold start of the built function (A) against the floor (F:
// bare Node, the least any process can do), the hand-written baseline (B: wx-server-sdk) and
// the function's own opt-in shared token store (C: WECHAT_TOKEN_STORE=database, which loads
// wx-server-sdk), with the cloud runtime's variables set, at 0 and 20 ms round-trip time.
import { type ColdRound, type ColdRun, coldRuns, RTTS_MS, type Side } from './cold-runs';
import { type Benchmark, type Metric, median, round } from './harness';

export const benchmark: Benchmark = {
  id: 'cold-start',
  order: 1,
  title: 'Cold start',
  async run(ctx) {
    const runs = await coldRuns(ctx);
    const metrics: Metric[] = [];
    for (const rttMs of RTTS_MS) {
      const { rounds } = runs.byRtt[rttMs] as { rounds: ColdRound[] };
      // Ratios are taken round by round (the sides of a round ran seconds apart), then the median.
      const ratio = (top: Side, bottom: Side, pick: (run: ColdRun) => number = (r) => r.wallMs) => round(median(rounds.map((r) => pick(r[top]) / pick(r[bottom]))), 3);
      const med = (side: Side, pick: (run: ColdRun) => number) => round(median(rounds.map((r) => pick(r[side]))), 1);
      const at = rttMs === 0 ? '' : `-${rttMs}ms`;
      const where = `${rttMs} ms RTT, median of ${rounds.length} round${rounds.length === 1 ? '' : 's'}`;
      metrics.push(
        { id: `cold.floor-ratio${at}`, label: `A/F, spawn → result (${where})`, value: ratio('A', 'F'), unit: '×', target: { op: '<=', value: rttMs === 0 ? 2 : 1.25 } },
        { id: `cold.baseline-ratio${at}`, label: `A/B, spawn → result (${where})`, value: ratio('A', 'B'), unit: '×' },
        { id: `cold.sdk-floor-ratio${at}`, label: `C/F: WECHAT_TOKEN_STORE=database, spawn → result (${where})`, value: ratio('C', 'F'), unit: '×' },
        { id: `cold.baseline-floor-ratio${at}`, label: `B/F, spawn → result (${where})`, value: ratio('B', 'F'), unit: '×' },
        ...(['A', 'F', 'B', 'C'] as const).map((side) => ({ id: `cold.${side.toLowerCase()}-wall${at}`, label: `${side} spawn → result, ${rttMs} ms RTT`, value: med(side, (r) => r.wallMs), unit: 'ms' })),
      );
    }
    // Boot, require and the call itself, from the 0 ms rounds (the child's own clock).
    const { rounds } = runs.byRtt[0] as { rounds: ColdRound[] };
    const med = (side: Side, pick: (run: ColdRun) => number) => round(median(rounds.map((r) => pick(r[side]))), 1);
    metrics.push(
      { id: 'cold.a-require', label: 'A: require(index.js), 0 ms RTT rounds', value: med('A', (r) => r.requireMs), unit: 'ms', target: { op: '<=', value: 15 } },
      { id: 'cold.f-require', label: 'F: require(floor-function.js): node:http and node:https', value: med('F', (r) => r.requireMs), unit: 'ms' },
      { id: 'cold.b-require', label: 'B: require(baseline-function.js), wx-server-sdk included', value: med('B', (r) => r.requireMs), unit: 'ms' },
      { id: 'cold.c-require', label: 'C: require(index.js)', value: med('C', (r) => r.requireMs), unit: 'ms' },
      { id: 'cold.a-boot', label: 'A: node boot, before the require (child clock)', value: med('A', (r) => r.bootMs), unit: 'ms' },
      { id: 'cold.f-boot', label: 'F: node boot, before the require (child clock)', value: med('F', (r) => r.bootMs), unit: 'ms' },
      { id: 'cold.a-call', label: 'A: first main()', value: med('A', (r) => r.callMs), unit: 'ms' },
      { id: 'cold.f-call', label: 'F: first main()', value: med('F', (r) => r.callMs), unit: 'ms' },
      { id: 'cold.b-call', label: 'B: first main()', value: med('B', (r) => r.callMs), unit: 'ms' },
      { id: 'cold.c-call', label: 'C: first main(), wx-server-sdk loaded and its database failing', value: med('C', (r) => r.callMs), unit: 'ms' },
      {
        id: 'cold.a-sdk-loads',
        label: 'A: runs that loaded wx-server-sdk, every RTT',
        value: RTTS_MS.flatMap((rtt) => (runs.byRtt[rtt] as { rounds: ColdRound[] }).rounds).filter((r) => r.A.sdkLoaded).length,
        unit: '',
        target: { op: '===', value: 0 },
      },
    );
    return { metrics, details: runs };
  },
};
