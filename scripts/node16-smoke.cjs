// Serves a few calls, good and bad, with the built function against the emulator. The
// function runs on whatever Node runs this file (16.13 from scripts/node16-check.mjs); the
// emulator, a development tool, on EMULATOR_NODE.
// Written in plain CommonJS so that Node 16 runs it as it is.
const { spawn } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');

const root = path.resolve(__dirname, '..');

function startEmulator(args) {
  const child = spawn(process.env.EMULATOR_NODE || process.execPath, [path.join(root, 'dist', 'emulator.js'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    readline.createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, info: JSON.parse(line) }));
  });
}

function control(base, route, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/__emulator/${route}`, { method: 'POST' }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body || {}));
  });
}

function beijingDay(offsetDays) {
  return new Date(Date.now() + 8 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10).replace(/-/g, '');
}

/** The Monday of the last week that has ended by yesterday, Beijing time (Monday = 1). */
function lastCompleteMonday() {
  const yesterday = new Date(Date.now() + 8 * 3600e3 - 86400e3);
  const daysSinceMonday = (yesterday.getUTCDay() + 6) % 7;
  // Yesterday a Sunday: its week has ended. Otherwise the week before the current one.
  const back = daysSinceMonday === 6 ? 6 : daysSinceMonday + 7;
  return new Date(yesterday.getTime() - back * 86400e3).toISOString().slice(0, 10).replace(/-/g, '');
}

/** A cold instance of the built function, configured with the emulator's variables. */
function loadFunction(info, name = 'getDailyRetain') {
  for (const [variable, value] of Object.entries(info)) if (/^WECHAT_/.test(variable)) process.env[variable] = value;
  const file = path.join(root, 'cloudfunctions', name, 'index.js');
  delete require.cache[require.resolve(file)];
  return require(file);
}

async function plainChecks() {
  const { child, info } = await startEmulator([]);
  const fn = loadFunction(info);
  const checks = [
    ['a past day', async () => fn.main({ beginDate: '20170313', endDate: '20170313' }), (r) => r.errCode === 0 && r.refDate === '20170313' && r.errMsg === 'openapi.analysis.getDailyRetain:ok'],
    ['yesterday by default', async () => fn.main({}), (r) => r.errCode === 0 && r.refDate === beijingDay(-1)],
    ['a malformed date', async () => fn.main({ beginDate: '20230230' }), (r) => r.errCode === 61500],
    ['today (Beijing time)', async () => fn.main({ beginDate: beijingDay(0) }), (r) => r.errCode === 61501],
    [
      'an invalidated token, refreshed once',
      async () => {
        await control(info.url, 'invalidate-tokens');
        return fn.main({});
      },
      (r) => r.errCode === 0,
    ],
    [
      'errcode -1 twice, then success',
      async () => {
        await control(info.url, 'fault', { endpoint: 'datacube', fault: { kind: 'errcode', errcode: -1 }, times: 2 });
        return fn.main({});
      },
      (r) => r.errCode === 0,
    ],
    [
      'a server that never answers, within the time limit',
      async () => {
        await control(info.url, 'fault', { endpoint: 'datacube', fault: { kind: 'hang' }, times: 5 });
        const started = Date.now();
        const result = await fn.main({}, { time_limit_in_ms: 1500 });
        return Object.assign({ elapsed: Date.now() - started }, result);
      },
      (r) => r.errCode === -90003 && r.elapsed < 1500,
    ],
    [
      'the range function, a week',
      async () => {
        const range = loadFunction(info, 'getDailyRetainRange');
        return range.main({ beginDate: beijingDay(-7), endDate: beijingDay(-1) }, { time_limit_in_ms: 10000 });
      },
      (r) => r.errCode === 0 && r.period === 'day' && r.list.length === 7 && r.missing.length === 0,
    ],
    [
      'getWeeklyRetain, a past week',
      async () => loadFunction(info, 'getWeeklyRetain').main({ beginDate: '20170306', endDate: '20170312' }),
      (r) => r.errCode === 0 && r.refDate === '20170306-20170312' && r.errMsg === 'openapi.analysis.getWeeklyRetain:ok' && r.visitUvNew.length === 5,
    ],
    [
      'getWeeklyRetain, the last complete week by default',
      async () => loadFunction(info, 'getWeeklyRetain').main({}),
      (r) => r.errCode === 0 && r.refDate.slice(0, 8) === lastCompleteMonday(),
    ],
    ['getWeeklyRetain, a Wednesday refused', async () => loadFunction(info, 'getWeeklyRetain').main({ beginDate: '20261125' }), (r) => r.errCode === 61501 && /is a Wednesday/.test(r.errMsg)],
    [
      'getMonthlyRetain, a leap February',
      async () => loadFunction(info, 'getMonthlyRetain').main({ beginDate: '20240201', endDate: '20240229' }),
      (r) => r.errCode === 0 && r.refDate === '202402' && r.errMsg === 'openapi.analysis.getMonthlyRetain:ok',
    ],
    ['getMonthlyRetain, the 15th refused', async () => loadFunction(info, 'getMonthlyRetain').main({ beginDate: '20240215' }), (r) => r.errCode === 61501],
    [
      'the range function, months',
      async () => loadFunction(info, 'getDailyRetainRange').main({ beginDate: '20230115', endDate: '20230610', period: 'month' }, { time_limit_in_ms: 10000 }),
      (r) => r.errCode === 0 && r.period === 'month' && r.beginDate === '20230101' && r.endDate === '20230630' && r.list.length === 6,
    ],
  ];
  return { child, checks };
}

/** API security: AES-256-GCM and RSA-PSS on Node 16's crypto, and a tampered answer refused. */
async function secureChecks() {
  const { child, info } = await startEmulator(['--security']);
  const fn = loadFunction(info);
  const checks = [
    ['an encrypted and signed call', async () => fn.main({ beginDate: '20170313' }), (r) => r.errCode === 0 && r.refDate === '20170313'],
    [
      'an encrypted and signed weekly call',
      async () => loadFunction(info, 'getWeeklyRetain').main({ beginDate: '20170306' }),
      (r) => r.errCode === 0 && r.refDate === '20170306-20170312',
    ],
    [
      'a tampered answer refused',
      async () => {
        await control(info.url, 'fault', { endpoint: 'datacube', fault: { kind: 'security', mode: 'body' } });
        return fn.main({ beginDate: '20170314' });
      },
      (r) => r.errCode === -90105,
    ],
  ];
  return { child, checks };
}

/**
 * The daily-retain CLI, npm start's runner and the npm package's library, run by this Node
 * (16.13): they are built for it, and util.parseArgs is not in it (the CLIs bundle its polyfill).
 */
async function cliChecks() {
  const { spawnSync } = require('node:child_process');
  const fs = require('node:fs');
  const os = require('node:os');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'node16-cli-'));
  const env = { PATH: process.env.PATH, RETAIN_CACHE_DIR: path.join(work, 'cache') };
  const node = (args) => spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', timeout: 60000 });
  const cli = (args) => node([path.join(root, 'dist', 'cli.js'), ...args]);
  const version = require(path.join(root, 'package.json')).version;
  const quoted = (text) => `'${text.replace(/'/g, `'\\''`)}'`;
  const checks = [
    ['daily-retain --version', async () => cli(['--version']), (r) => r.status === 0 && r.stdout === `daily-retain ${version}\n`],
    [
      'daily-retain range --format csv on the embedded emulator',
      async () => cli(['range', '--from', beijingDay(-3), '--to', beijingDay(-1), '--format', 'csv']),
      (r) => r.status === 0 && r.stdout.trim().split('\n').length === 4 && /^ref_date,/.test(r.stdout),
    ],
    [
      'daily-retain range … | head -1 ends quietly with 0',
      async () => {
        const command = `${quoted(process.execPath)} ${quoted(path.join(root, 'dist', 'cli.js'))} range --from ${beijingDay(-366)} --to ${beijingDay(-1)} --format csv | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`;
        return spawnSync('bash', ['-c', command], { env, encoding: 'utf8', timeout: 60000 });
      },
      (r) => r.status === 0 && /exit=0\n$/.test(r.stderr) && !/EPIPE|Error/.test(r.stderr),
    ],
    ['daily-retain get: a bad date is exit 2, naming --date', async () => cli(['get', '--date', '20230230']), (r) => r.status === 2 && /--date "20230230" is not a calendar date/.test(r.stderr)],
    [
      'daily-retain report writes its file',
      async () => Object.assign(cli(['report', '--from', beijingDay(-10), '--to', beijingDay(-1), '--out', path.join(work, 'r.html')]), { written: () => fs.existsSync(path.join(work, 'r.html')) }),
      (r) => r.status === 0 && r.written(),
    ],
    ['npm start (dist/start.js) on the embedded emulator', async () => node([path.join(root, 'dist', 'start.js'), '{}']), (r) => r.status === 0 && JSON.parse(r.stdout).errCode === 0],
    [
      'the npm package: the library against its own emulator',
      async () => {
        const { createClient } = require(path.join(root, 'dist', 'index.js'));
        const { startEmulator, EMULATOR_APPID, EMULATOR_SECRET } = require(path.join(root, 'dist', 'wechat-emulator.js'));
        const emulator = await startEmulator();
        try {
          return await createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url }).openapi.analysis.getDailyRetain({ beginDate: '20170313' });
        } finally {
          await emulator.close();
        }
      },
      (r) => r.errCode === 0 && r.refDate === '20170313',
    ],
  ];
  return { child: { kill: () => fs.rmSync(work, { recursive: true, force: true }) }, checks };
}

async function main() {
  let passed = 0;
  let failed = 0;
  for (const suite of [plainChecks, secureChecks, cliChecks]) {
    const { child, checks } = await suite();
    const result = await runChecks(checks);
    passed += result.passed;
    failed += result.failed;
    child.kill();
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed === 0 ? 0 : 1;
}

async function runChecks(checks) {
  let passed = 0;
  let failed = 0;
  for (const [name, run, ok] of checks) {
    let result;
    try {
      result = await run();
    } catch (error) {
      result = { threw: String(error) };
    }
    if (ok(result)) {
      passed += 1;
      process.stdout.write(`ok   ${name}\n`);
    } else {
      failed += 1;
      process.stdout.write(`FAIL ${name}: ${JSON.stringify(result)}\n`);
    }
  }
  return { passed, failed };
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exitCode = 1;
});
