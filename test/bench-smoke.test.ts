// The benchmark harness in smoke mode (one cold pair, a few warm calls, a short token run), so
// that `npm run bench` cannot rot. It checks that every metric came out and is sane, not that
// the targets are met: this machine is shared, and the full run is for that.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');

interface Report {
  mode: string;
  table: string;
  benchmarks: { id: string; metrics: { id: string; value: number; unit: string }[] }[];
}

function runSmoke(out: string): Promise<void> {
  // `npm test` has just built the functions; building again here would rewrite them under
  // the other test files.
  const built = existsSync(path.join(root, 'cloudfunctions', 'getDailyRetain', 'index.js'));
  const args = [path.join(root, 'bench', 'build-and-run.mjs'), '--smoke', '--out', out, ...(built ? ['--no-build'] : [])];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: root, timeout: 100_000, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve();
    });
  });
}

describe('npm run bench -- --smoke', () => {
  let dir: string;
  let report: Report;
  const metric = (id: string): number => {
    const found = report.benchmarks.flatMap((b) => b.metrics).find((m) => m.id === id);
    if (!found) throw new Error(`metric ${id} is missing from the results`);
    return found.value;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
    const out = path.join(dir, 'results.json');
    await runSmoke(out);
    report = JSON.parse(readFileSync(out, 'utf8')) as Report;
  }, 120_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('runs every benchmark and prints the table', () => {
    expect(report.mode).toBe('smoke');
    expect(report.benchmarks.map((b) => b.id)).toEqual(
      expect.arrayContaining(['cold-start', 'warm-overhead', 'token-economy', 'range-token-store', 'range-throughput', 'size-memory']),
    );
    expect(report.table).toContain('| Cold start |');
  });

  test('cold start: ratios to the floor and the baseline at 0 and 20 ms RTT, and the timings behind them', () => {
    for (const at of ['', '-20ms']) {
      for (const id of ['cold.floor-ratio', 'cold.baseline-ratio', 'cold.sdk-floor-ratio', 'cold.baseline-floor-ratio']) {
        expect(metric(`${id}${at}`)).toBeGreaterThan(0);
        expect(metric(`${id}${at}`)).toBeLessThan(50);
      }
      for (const side of ['a', 'f', 'b', 'c']) expect(metric(`cold.${side}-wall${at}`)).toBeGreaterThan(0);
    }
    // A cold call waits for two round trips: at 20 ms it takes longer than at 0, for the floor as for us.
    expect(metric('cold.f-wall-20ms')).toBeGreaterThan(40);
    for (const id of ['cold.a-require', 'cold.f-require', 'cold.b-require', 'cold.c-require', 'cold.a-boot', 'cold.f-boot', 'cold.a-call', 'cold.f-call', 'cold.b-call', 'cold.c-call']) {
      expect(metric(id)).toBeGreaterThan(0);
    }
    // The function's cold start, with the cloud runtime's variables set, never loads wx-server-sdk.
    expect(metric('cold.a-sdk-loads')).toBe(0);
  });

  test('warm overhead: ratios to the floor at 0 and 20 ms latency, no failed call', () => {
    for (const id of ['warm.ratio', 'warm.baseline-ratio', 'warm.latency-20ms.ratio', 'warm.main-us', 'warm.floor-us', 'warm.baseline-us', 'warm.latency-20ms.main-us', 'warm.latency-20ms.floor-us']) {
      expect(metric(id)).toBeGreaterThan(0);
    }
    expect(metric('warm.latency-20ms.floor-us')).toBeGreaterThan(20_000);
    expect(metric('warm.token-requests')).toBe(2);
    expect(metric('warm.failures')).toBe(0);
  });

  test('token economy: one token for 30 and for 100 parallel cold calls; the shared store run made calls', () => {
    expect(metric('tokens.burst-30')).toBe(1);
    expect(metric('tokens.burst-30-ok')).toBe(30);
    expect(metric('tokens.burst')).toBe(1);
    expect(metric('tokens.burst-ok')).toBe(100);
    expect(metric('tokens.shared-requests')).toBeGreaterThan(0);
    expect(metric('tokens.shared-per-lifetime')).toBeGreaterThan(0);
    expect(metric('tokens.shared-calls')).toBeGreaterThan(0);
    expect(metric('tokens.short-ttl-calls')).toBeGreaterThan(0);
  });

  test('range throughput: a ratio to the ideal, every day fetched once, the second run from the cache', () => {
    expect(metric('range.ratio')).toBeGreaterThan(0);
    expect(metric('range.requests')).toBe(metric('range.days'));
    expect(metric('range.cached-requests')).toBe(0);
    expect(metric('range.cached-days')).toBe(metric('range.days'));
  });

  test('range token store: the first range call of an instance with the token in memory and in the cloud database', () => {
    for (const id of ['range-token.memory-ms', 'range-token.database-hit-ms', 'range-token.database-miss-ms']) expect(metric(id)).toBeGreaterThan(40);
    // A token the database does not hold yet costs a read, stable_token and a write: more round trips than stable_token alone.
    expect(metric('range-token.database-miss-ms')).toBeGreaterThan(metric('range-token.memory-ms'));
    expect(metric('range-token.hit-ratio')).toBeGreaterThan(0);
    expect(metric('range-token.failures')).toBe(0);
  });

  test('size and memory: bundle sizes and peak RSS against the floor', () => {
    expect(metric('size.getDailyRetain')).toBeGreaterThan(0);
    expect(metric('size.getDailyRetain.gzip')).toBeGreaterThan(0);
    expect(metric('size.getDailyRetain.gzip')).toBeLessThan(metric('size.getDailyRetain'));
    expect(metric('size.floor')).toBeGreaterThan(0);
    for (const id of ['memory.a-rss', 'memory.f-rss', 'memory.b-rss', 'memory.c-rss']) expect(metric(id)).toBeGreaterThan(10);
    expect(Math.abs(metric('memory.a-over-floor'))).toBeLessThan(metric('memory.a-rss'));
    expect(metric('memory.ratio')).toBeGreaterThan(0);
  });
});
