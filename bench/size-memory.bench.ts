// Issue 5, item 5, and issue 10: the size of each deployable function and the peak memory of
// a cold call against the floor's (from the 0 ms rounds of the cold start runs, so it costs no
// extra processes).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type ColdRound, coldRuns, type Side } from './cold-runs';
import { type Benchmark, type Metric, median, round } from './harness';

export const benchmark: Benchmark = {
  id: 'size-memory',
  order: 5,
  title: 'Size and memory',
  async run(ctx) {
    const metrics: Metric[] = [];
    const sizes: Record<string, { bytes: number; gzipBytes: number }> = {};
    const functionsDir = path.join(ctx.root, 'cloudfunctions');
    const files: [id: string, file: string][] = readdirSync(functionsDir)
      .map((name): [string, string] => [name, path.join(functionsDir, name, 'index.js')])
      .filter(([, file]) => existsSync(file));
    // A build given with --a is measured too.
    if (!files.some(([, file]) => file === ctx.functionA)) files.push(['a', ctx.functionA]);
    files.push(['floor', path.join(ctx.root, 'bench', 'floor-function.js')], ['baseline', path.join(ctx.root, 'bench', 'baseline-function.js')]);
    for (const [id, file] of files) {
      const code = readFileSync(file);
      const name = path.relative(ctx.root, file);
      const gzipBytes = gzipSync(code, { level: 9 }).length;
      sizes[name] = { bytes: code.length, gzipBytes };
      metrics.push(
        { id: `size.${id}`, label: `${name} size`, value: round(code.length / 1024, 1), unit: 'KiB' },
        { id: `size.${id}.gzip`, label: `${name} gzip -9`, value: round(gzipBytes / 1024, 1), unit: 'KiB' },
      );
    }

    const { rounds } = (await coldRuns(ctx)).byRtt[0] as { rounds: ColdRound[] };
    const rss = (side: Side) => median(rounds.map((r) => r[side].maxRssKb)) / 1024;
    metrics.push(
      { id: 'memory.a-rss', label: 'A peak RSS of a cold call', value: round(rss('A'), 1), unit: 'MiB' },
      { id: 'memory.f-rss', label: 'F (floor) peak RSS of a cold call', value: round(rss('F'), 1), unit: 'MiB' },
      { id: 'memory.b-rss', label: 'B (baseline) peak RSS of a cold call', value: round(rss('B'), 1), unit: 'MiB' },
      { id: 'memory.c-rss', label: 'C (WECHAT_TOKEN_STORE=database) peak RSS of a cold call', value: round(rss('C'), 1), unit: 'MiB' },
      {
        id: 'memory.a-over-floor',
        label: 'A − F peak RSS (median of rounds)',
        value: round(median(rounds.map((r) => (r.A.maxRssKb - r.F.maxRssKb) / 1024)), 1),
        unit: 'MiB',
        target: { op: '<=', value: 3 },
      },
      { id: 'memory.ratio', label: 'A/B peak RSS (median of rounds)', value: round(median(rounds.map((r) => r.A.maxRssKb / r.B.maxRssKb)), 3), unit: '×' },
    );
    return { metrics, details: { sizes, maxRssKb: rounds.map((r) => ({ A: r.A.maxRssKb, F: r.F.maxRssKb, B: r.B.maxRssKb, C: r.C.maxRssKb })) } };
  },
};
