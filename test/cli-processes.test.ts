import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT } from '../src/cli/exit-codes';
import { WEEK } from '../src/period/periods';
import { addDays } from '../src/beijing-date';
import { daysAgo, yesterday } from './helpers/yesterday';

// The built entry points as a person runs them: real processes, with stdout a real pipe or a
// real terminal (a pseudo-terminal from util-linux's `script`). `npm test` builds them first.

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const { version } = require('../package.json') as { version: string };

let cacheDir: string;
beforeEach(() => {
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'daily-retain-processes-'));
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

/** An environment without WeChat's variables: the embedded emulator, and our cache folder. */
const env = () => {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(WECHAT_|RETAIN_)/.test(name)));
  return { ...clean, RETAIN_CACHE_DIR: cacheDir };
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env: options.env ?? env(), cwd: options.cwd ?? root, timeout: 60_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

describe('daily-retain through a pipe', () => {
  it.each(['csv', 'json', 'table'])('ends quietly with exit 0 when the reader stops early (range --format %s | head -1)', async (format) => {
    const command = `node ${shellQuote(cli)} range --from ${daysAgo(366)} --to ${yesterday()} --format ${format} | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`;
    const { stdout, stderr } = await run('bash', ['-c', command]);
    expect(stdout.split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/exit=0\n$/);
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  });

  it('prints weeks as CSV into a pipe, and the widening on stderr, not in the data', async () => {
    // A Wednesday about ten weeks back: widened to its Monday whatever today is.
    const from = addDays(WEEK.start(daysAgo(70)), 2);
    const command = `node ${shellQuote(cli)} range --period week --from ${from} --to ${yesterday()} --format csv | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`;
    const { stdout, stderr } = await run('bash', ['-c', command]);
    expect(stdout).toBe('ref_date,new_users,active_users,new_w1,new_w1_rate,active_w1,active_w1_rate,new_w2,new_w2_rate,active_w2,active_w2_rate,new_w3,new_w3_rate,active_w3,active_w3_rate,new_w4,new_w4_rate,active_w4,active_w4_rate\n');
    expect(stderr).toMatch(new RegExp(`^daily-retain range: weeks ${WEEK.start(from)}–\\d{8} \\(widened from ${from}–${yesterday()}(; the week under way is left out)?\\)$`, 'm'));
    expect(stderr).toMatch(/exit=0\n$/);
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  });

  it('writes no progress bar into a pipe', async () => {
    const { code, stdout, stderr } = await run(process.execPath, [cli, 'range', '--from', daysAgo(3), '--to', yesterday(), '--format', 'csv']);
    expect(code).toBe(EXIT.ok);
    expect(stdout.split('\n')[0]).toMatch(/^ref_date,/);
    expect(stderr).not.toContain('\r');
    expect(stderr).toMatch(/^daily-retain range: none of WECHAT_APPID, WECHAT_APPSECRET, WECHAT_API_BASE is set: using the embedded WeChat emulator/);
  });

  it('--version and -v print the package version', async () => {
    for (const flag of ['--version', '-v']) {
      const { code, stdout, stderr } = await run(process.execPath, [cli, flag]);
      expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `daily-retain ${version}\n`, stderr: '' });
    }
  });

  it('exits 2 on a bad date, naming the flag, with no stack trace and nothing on stdout', async () => {
    const { code, stdout, stderr } = await run(process.execPath, [cli, 'get', '--date', '20230230']);
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toBe(`daily-retain get: --date "20230230" is not a calendar date\nUsage: daily-retain get [--date yyyymmdd] [--period day|week|month]\nRun 'daily-retain get --help' for more.\n`);
  });

  it('exits 3 naming the path when --out cannot be written', async () => {
    const out = path.join(cacheDir, 'missing', 'r.html');
    const { code, stdout, stderr } = await run(process.execPath, [cli, 'report', '--from', daysAgo(3), '--to', yesterday(), '--out', out]);
    expect({ code, stdout }).toEqual({ code: EXIT.local, stdout: '' });
    expect(stderr).toBe(`daily-retain report: cannot write ${out}: the folder ${path.dirname(out)} does not exist: create it, or give another --out\n`);
  });
});

describe('daily-retain on a terminal', () => {
  /** Runs `args` with stdin, stdout and stderr on a pseudo-terminal; the output is what the terminal got. */
  const onTerminal = (args: string[]) => run('script', ['-q', '-e', '-c', ['node', cli, ...args].map(shellQuote).join(' '), '/dev/null']);

  it('says it uses the emulator, draws a progress bar, then prints the table', async () => {
    const { code, stdout } = await onTerminal(['range', '--from', daysAgo(4), '--to', yesterday(), '--format', 'table']);
    expect(code).toBe(EXIT.ok);
    const notice = stdout.indexOf('using the embedded WeChat emulator');
    const bar = stdout.indexOf('\r[##############################] 4/4 days (0 cached)');
    const table = stdout.indexOf('New users');
    expect(notice).toBeGreaterThanOrEqual(0);
    expect(bar).toBeGreaterThan(notice);
    expect(table).toBeGreaterThan(bar);
    expect(stdout).toMatch(/… not final yet {3}- no data/);
  });

  it('report draws a bar for the days, the weeks and the months, then says what it wrote', async () => {
    const out = path.join(cacheDir, 'r.html');
    const { code, stdout } = await onTerminal(['report', '--from', daysAgo(70), '--to', yesterday(), '--out', out]);
    expect(code).toBe(EXIT.ok);
    const days = stdout.indexOf('70/70 days (0 cached)');
    const weeks = stdout.search(/\] \d+\/\d+ weeks \(0 cached\)/);
    const months = stdout.search(/\] \d\/\d months? \(0 cached\)/);
    const wrote = stdout.search(/Wrote .*r\.html \(70 days, \d+ weeks, \d months?\)\./);
    expect([days, weeks, months, wrote].every((at) => at >= 0)).toBe(true);
    expect(days < weeks && weeks < months && months < wrote).toBe(true);
  });

  it('counts cached days in the bar on a second run', async () => {
    const args = ['range', '--from', daysAgo(40), '--to', daysAgo(38), '--format', 'table'];
    await onTerminal(args);
    const { stdout } = await onTerminal(args);
    expect(stdout).toContain('3/3 days (3 cached)');
  });
});

describe('--help of every entry point', () => {
  it.each([
    [[cli, '--help'], /^Usage: daily-retain <command> \[options\]\n/],
    [[cli, 'get', '--help'], /^Usage: daily-retain get /],
    [[cli, 'range', '-h'], /^Usage: daily-retain range /],
    [[cli, 'report', '--help'], /^Usage: daily-retain report /],
    [[path.join(root, 'dist', 'start.js'), '--help'], /^Usage: npm start -- \[--function name\]/],
    [[path.join(root, 'dist', 'emulator.js'), '--help'], /^Usage: npm run emulator -- /],
  ])('%j prints its usage on stdout and exits 0', async (args, usage) => {
    const { code, stdout, stderr } = await run(process.execPath, args as string[]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(usage);
    expect(stdout).toMatch(/^Exit codes:$/m);
  });

  it.each([
    [['start', '--', '--help'], /^Usage: npm start -- /m],
    [['run', 'emulator', '--', '--help'], /^Usage: npm run emulator -- /m],
  ])('npm %j prints its usage and exits 0', async (args, usage) => {
    const { code, stdout } = await run('npm', args as string[], { env: { ...env(), npm_config_loglevel: 'error' } });
    expect(code).toBe(0);
    expect(stdout).toMatch(usage);
  });

  it('the emulator exits 2 on an unknown option, with its usage and no stack trace', async () => {
    const { code, stdout, stderr } = await run(process.execPath, [path.join(root, 'dist', 'emulator.js'), '--bogus']);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe("emulator: Unknown option '--bogus'\nUsage: npm run emulator -- [--port N] [--latency MS] [--ttl SECONDS] [--security]\nRun with --help for more.\n");
  });

  it.each([
    [['--port', '65536'], '--port must be a whole number from 0 to 65535 (got "65536")'],
    [['--latency=-5'], '--latency must be a whole number from 0 to 600000 (got "-5")'],
    [['--ttl', 'soon'], '--ttl must be a whole number from 1 to 86400 (got "soon")'],
  ])('the emulator exits 2 on a bad value %j', async (args, message) => {
    const { code, stderr } = await run(process.execPath, [path.join(root, 'dist', 'emulator.js'), ...args]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`emulator: ${message}`);
  });

  it('the emulator exits 3 when its port is taken', async () => {
    const http = await import('node:http');
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const { code, stderr } = await run(process.execPath, [path.join(root, 'dist', 'emulator.js'), '--port', String(port)]);
      expect(code).toBe(3);
      expect(stderr).toBe(`emulator: cannot listen on port ${port}: it is in use: choose another --port, or leave it out for a free one\n`);
    } finally {
      server.close();
    }
  });
});

it('script (util-linux), which the terminal tests need, is installed', () => {
  expect(spawnSync('script', ['--version']).status).toBe(0);
});
