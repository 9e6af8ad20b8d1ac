// The benchmark harness: runs every benchmark (one `*.bench.ts` file each, collected by
// bench/build-and-run.mjs), prints one markdown table and writes the results as JSON.
// A benchmark can run code in fresh processes: the bundle re-runs itself in worker mode.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { type EmulatorOptions, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';

/** One number in the table. `id` is stable: tests and scripts look metrics up by it. */
export interface Metric {
  id: string;
  label: string;
  value: number;
  unit: string;
  /** The issue's target; without one the metric is for information. */
  target?: { op: '<=' | '>=' | '==='; value: number };
  note?: string;
}

export interface BenchResult {
  metrics: Metric[];
  /** Raw samples and anything else worth keeping in results.json. */
  details?: unknown;
}

export interface Benchmark {
  /** Short, stable, used in metric ids and to pick workers. */
  id: string;
  /** The item number in issue 5; the table is sorted by it. */
  order: number;
  title: string;
  run(ctx: BenchContext): Promise<BenchResult>;
  /** Code that runs in a fresh `node` process: see BenchContext.worker. */
  worker?(mode: string, input: unknown): Promise<unknown>;
}

export interface CliOptions {
  smoke: boolean;
  out: string;
  /** Only these benchmark ids. */
  only?: string[];
  /** Another built function to measure as A (for trying a change before making it). */
  functionA?: string;
  pairs?: number;
}

export interface BenchContext {
  options: CliOptions;
  /** The package root. */
  root: string;
  /** The built cloud function, or --a. */
  functionA: string;
  /** A WeChat emulator on 127.0.0.1, closed when the run ends. */
  emulator(options?: EmulatorOptions): Promise<WeChatEmulator>;
  /** Runs `benchmark.worker(mode, input)` in a fresh node process; resolves with its answer. */
  worker<T>(benchmarkId: string, mode: string, input: unknown, env?: NodeJS.ProcessEnv): Promise<T>;
  /** Computes once per run, shares with every benchmark (for example the cold runs). */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** Progress, to stderr. */
  log(message: string): void;
}

/**
 * Stand-ins for the variables the cloud runtime sets on every deployed function: with them, a
 * function sees what it sees in the cloud (credentials that would open the cloud database).
 */
export const CLOUD_RUNTIME_ENV = {
  TENCENTCLOUD_SECRETID: 'AKIDbenchmarkbenchmarkbenchmark0000',
  TENCENTCLOUD_SECRETKEY: 'benchmarkbenchmarkbenchmark00000',
  TCB_ENV: 'bench-0g1h2i3j4k5l6m7n',
} as const;

/** The day every benchmark asks for: one the emulator always has data for. */
export const BENCH_EVENT = { beginDate: '20170313', endDate: '20170313' } as const;

const WORKER_FLAG = '--bench-worker';
const RESULT_PREFIX = 'BENCH-RESULT ';

/**
 * The environment for child processes: ours, minus anything that changes how Node or the
 * function behaves (NODE_OPTIONS from jest, cloud credentials that would make the function
 * use the real cloud database).
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key === 'NODE_OPTIONS' || key.startsWith('TENCENTCLOUD_') || key.startsWith('WECHAT_') || key.startsWith('WX_') || key.startsWith('TCB_')) {
      delete env[key];
    }
  }
  return { ...env, ...extra };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Milliseconds from a `process.hrtime.bigint()` reading to now. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Spawns `node args…` and resolves with the first stdout line that starts with `prefix`,
 * parsed, and how long after the spawn it arrived. Rejects if the process exits first.
 */
export function spawnForLine<T>(
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; prefix?: string; timeoutMs?: number },
): Promise<{ value: T; lineAtMs: number; exitAtMs: Promise<number>; child: ChildProcess }> {
  const prefix = options.prefix ?? '';
  return new Promise((resolve, reject) => {
    const startedAt = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let done = false;
    const exitAtMs = new Promise<number>((resolveExit) => child.on('exit', () => resolveExit(msSince(startedAt))));
    const timer = setTimeout(() => {
      child.kill();
      finish(new Error(`${args.join(' ')}: no result within ${options.timeoutMs} ms\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    const finish = (error?: Error, value?: T, lineAtMs = 0) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve({ value: value as T, lineAtMs, exitAtMs, child });
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 20_000) stderr += chunk;
    });
    child.stdout.on('data', (chunk: string) => {
      if (done) return;
      stdout += chunk;
      for (const line of stdout.split('\n').slice(0, -1)) {
        if (!line.startsWith(prefix)) continue;
        const lineAtMs = msSince(startedAt);
        try {
          finish(undefined, JSON.parse(line.slice(prefix.length)) as T, lineAtMs);
        } catch (error) {
          finish(error as Error);
        }
        return;
      }
    });
    child.on('error', (error) => finish(error));
    child.on('exit', (code, signal) => {
      finish(new Error(`node ${args.join(' ')} exited (${signal ?? code}) without a result\n${stderr.slice(-4000)}`));
    });
  });
}

function formatValue(metric: Metric): string {
  const { value, unit } = metric;
  if (!Number.isFinite(value)) return String(value);
  const digits = Number.isInteger(value) ? 0 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

export function meetsTarget(metric: Metric): boolean | undefined {
  const { target, value } = metric;
  if (!target) return undefined;
  if (target.op === '<=') return value <= target.value;
  if (target.op === '>=') return value >= target.value;
  return value === target.value;
}

/** The results as a markdown table, ready for the README's Performance section. */
export function formatTable(results: readonly { benchmark: Benchmark; result: BenchResult }[]): string {
  const rows = [
    '| # | Benchmark | Metric | Value | Target | Met |',
    '|---|---|---|---:|---|---|',
  ];
  for (const { benchmark, result } of results) {
    for (const metric of result.metrics) {
      const met = meetsTarget(metric);
      const target = metric.target ? `${metric.target.op === '===' ? '=' : metric.target.op.replace('<=', '≤').replace('>=', '≥')} ${metric.target.value}` : '';
      const label = metric.note ? `${metric.label} (${metric.note})` : metric.label;
      rows.push(`| ${benchmark.order} | ${benchmark.title} | ${label} | ${formatValue(metric)} | ${target} | ${met === undefined ? '' : met ? 'yes' : 'NO'} |`);
    }
  }
  return rows.join('\n');
}

function parseCli(argv: string[], root: string): CliOptions {
  const options: CliOptions = { smoke: false, out: '' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      return value;
    };
    if (arg === '--smoke') options.smoke = true;
    else if (arg === '--out') options.out = path.resolve(next());
    else if (arg === '--only') options.only = next().split(',');
    else if (arg === '--a') options.functionA = path.resolve(next());
    else if (arg === '--pairs') options.pairs = Number(next());
    else throw new Error(`unknown option ${arg}: use --smoke, --out FILE, --only ID,…, --a FUNCTION_INDEX_JS, --pairs N`);
  }
  // Only a full run of everything writes the committed results; a smoke run, a partial run or
  // a run of another build goes to bench/results.local.json (ignored by git).
  const partial = options.smoke || options.only !== undefined || options.functionA !== undefined || options.pairs !== undefined;
  options.out ||= path.join(root, 'bench', partial ? 'results.local.json' : 'results.json');
  return options;
}

/** The bundle's entry point (generated by build-and-run.mjs): the parent run or one worker. */
export async function runCli(benchmarks: readonly Benchmark[]): Promise<void> {
  // The bundle sits in <root>/.cache/bench/.
  const root = process.env.BENCH_ROOT ?? path.resolve(__dirname, '..', '..');
  const argv = process.argv.slice(2);
  if (argv[0] === WORKER_FLAG) {
    const [, id, mode, input] = argv;
    const benchmark = benchmarks.find((b) => b.id === id);
    if (!benchmark?.worker || mode === undefined) throw new Error(`no worker ${id}/${mode}`);
    try {
      const answer = await benchmark.worker(mode, JSON.parse(input ?? 'null'));
      process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(answer)}\n`, () => process.exit(0));
    } catch (error) {
      // Exit at once: open sockets or timers must not keep a failed worker alive.
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`, () => process.exit(1));
    }
    return;
  }

  const options = parseCli(argv, root);
  const selected = [...benchmarks]
    .filter((b) => !options.only || options.only.includes(b.id))
    .sort((a, b) => a.order - b.order);
  const emulators: WeChatEmulator[] = [];
  const memos = new Map<string, Promise<unknown>>();
  const ctx: BenchContext = {
    options,
    root,
    functionA: options.functionA ?? path.join(root, 'cloudfunctions', 'getDailyRetain', 'index.js'),
    async emulator(emulatorOptions) {
      const emulator = await startEmulator(emulatorOptions);
      emulators.push(emulator);
      return emulator;
    },
    async worker<T>(benchmarkId: string, mode: string, input: unknown, env: NodeJS.ProcessEnv = {}) {
      const { value } = await spawnForLine<T>([__filename, WORKER_FLAG, benchmarkId, mode, JSON.stringify(input)], {
        env: childEnv({ ...env, BENCH_ROOT: root }),
        cwd: root,
        prefix: RESULT_PREFIX,
        timeoutMs: 300_000,
      });
      return value;
    },
    memo<T>(key: string, compute: () => Promise<T>) {
      let pending = memos.get(key) as Promise<T> | undefined;
      if (!pending) {
        pending = compute();
        memos.set(key, pending);
      }
      return pending;
    },
    log: (message) => process.stderr.write(`[bench] ${message}\n`),
  };

  const results: { benchmark: Benchmark; result: BenchResult }[] = [];
  const startedAt = Date.now();
  try {
    for (const benchmark of selected) {
      ctx.log(`${benchmark.order}. ${benchmark.title}…`);
      const began = process.hrtime.bigint();
      results.push({ benchmark, result: await benchmark.run(ctx) });
      ctx.log(`${benchmark.order}. ${benchmark.title}: ${(msSince(began) / 1000).toFixed(1)} s`);
    }
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.close()));
  }

  const table = formatTable(results);
  process.stdout.write(`\n${table}\n\n`);
  const report = {
    generatedAt: new Date(startedAt).toISOString(),
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    mode: options.smoke ? 'smoke' : 'full',
    machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model },
    functionA: path.relative(root, ctx.functionA),
    durationSeconds: round((Date.now() - startedAt) / 1000, 1),
    table,
    benchmarks: results.map(({ benchmark, result }) => ({
      id: benchmark.id,
      order: benchmark.order,
      title: benchmark.title,
      metrics: result.metrics.map((metric) => ({ ...metric, met: meetsTarget(metric) })),
      details: result.details,
    })),
  };
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  ctx.log(`wrote ${path.relative(process.cwd(), options.out) || options.out}`);
}

/** The least code that POSTs JSON and parses the answer: the raw side of a comparison. */
export function postJson(agent: http.Agent, url: URL, payload: unknown): Promise<unknown> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { accept: 'application/json', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
