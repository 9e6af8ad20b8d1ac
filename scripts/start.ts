// `npm start -- ['<event JSON>']`: runs a built cloud function on this machine as the cloud
// console's test button would (event in, result out) and prints the result. With none of
// WECHAT_APPID, WECHAT_APPSECRET and WECHAT_API_BASE set it starts the embedded WeChat
// emulator and points the function at it; otherwise the function reads them as in the cloud.
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { usesEmulator, WECHAT_MODE_VARIABLES } from '../src/cli/emulator-mode';
import { parseArgs } from '../src/cli/parse-args';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../src/emulator/wechat-emulator';

const FUNCTIONS_DIR = path.resolve(__dirname, '../cloudfunctions');
const DEFAULT_FUNCTION = 'getDailyRetain';
/** As the console's test button runs it: no caller OPENID, and the timeout we tell people to set. */
const CONTEXT = { time_limit_in_ms: 10_000, memory_limit_in_mb: 256 };

const USAGE = `Usage: npm start -- [--function name] ['<event JSON>']
       node dist/start.js [--function name] ['<event JSON>']

Runs a built cloud function (cloudfunctions/<name>/index.js) on this machine as the cloud
console's test button (云端测试) does: the event in, the result out as JSON on stdout, the
function's log on stderr. The call is a console call (no OPENID: the caller gate lets it in)
with a time limit of 10 s.

Events, as in the cloud console (no event is the same as '{}'):
  '{}'                                               yesterday, Beijing time
  '{"beginDate":"20170313","endDate":"20170313"}'    one day (yyyymmdd or yyyy-mm-dd)
  '{"begin_date":"20170313","end_date":"20170313"}'  WeChat's own spelling works too
  --function getWeeklyRetain '{"beginDate":"20170306","endDate":"20170312"}'
                                                     a week, Monday to Sunday (getMonthlyRetain:
                                                     the first to the last day of a month)
  --function getDailyRetainRange '{"beginDate":"20240101","endDate":"20240630","period":"week"}'
                                                     a range of days, weeks or months

Where it calls:
  With none of ${WECHAT_MODE_VARIABLES.join(', ')} set: the embedded WeChat emulator
  (AppID ${EMULATOR_APPID}, sample data), said on stderr once the function has used it.
  With WECHAT_APPID and WECHAT_APPSECRET set: WeChat itself (or WECHAT_API_BASE), the
  function reading every variable as in the cloud (README: Configuration), API security
  included; a missing or bad one is the function's errCode -90001, which names it.

Options:
  --function name   the function to run (default ${DEFAULT_FUNCTION}); one of: ${builtFunctions().join(', ') || '(none built: run npm run build)'}
  -h, --help        this help

Exit codes:
  0  the function answered errCode 0
  1  the function answered a failure: errCode and errMsg (what to do) are in the result
  2  usage: an unknown option or function, or an event that is not JSON
  3  the function is not built: run npm run build`;

/** The functions whose bundle exists, so that --function can say which names it takes. */
function builtFunctions(): string[] {
  if (!existsSync(FUNCTIONS_DIR)) return [];
  return readdirSync(FUNCTIONS_DIR)
    .filter((name) => existsSync(path.join(FUNCTIONS_DIR, name, 'index.js')))
    .sort();
}

function usageError(message: string): number {
  process.stderr.write(`npm start: ${message}\n${USAGE.split('\n')[0]}\nRun npm start -- --help for more.\n`);
  return 2;
}

/** The lines the function logs while it runs, kept to print after its result has been read. */
function captureConsole() {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error'] as const;
  const originals = methods.map((method) => console[method]);
  for (const method of methods) console[method] = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  return {
    lines,
    restore: () => {
      methods.forEach((method, i) => {
        console[method] = originals[i] as typeof console.log;
      });
    },
  };
}

const parse = (args: string[]) =>
  parseArgs({ args, options: { function: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });

async function run(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) return usageError(`give the event as one argument, in single quotes (got ${positionals.length} arguments)`);
  const name = values.function ?? DEFAULT_FUNCTION;
  if (!/^\w+$/.test(name) || !existsSync(path.join(FUNCTIONS_DIR, name))) {
    return usageError(`there is no function "${name}": the functions are ${builtFunctions().join(', ')}`);
  }
  const bundle = path.join(FUNCTIONS_DIR, name, 'index.js');
  if (!existsSync(bundle)) {
    process.stderr.write(`npm start: ${path.relative(process.cwd(), bundle)} is not built: run npm run build (npm ci does it too)\n`);
    return 3;
  }
  let event: unknown = {};
  if (positionals[0] !== undefined) {
    try {
      event = JSON.parse(positionals[0]);
    } catch {
      return usageError(`the event must be JSON, for example: npm start -- '{"beginDate":"20170313","endDate":"20170313"}'`);
    }
  }

  let emulator: WeChatEmulator | undefined;
  if (usesEmulator(process.env)) {
    emulator = await startEmulator();
    Object.assign(process.env, { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET });
  }
  const log = captureConsole();
  let result: { errCode?: unknown; errMsg?: unknown } | undefined;
  try {
    const fn = require(bundle);
    result = await fn.main(event, { ...CONTEXT, function_name: name });
  } finally {
    log.restore();
    await emulator?.close();
  }
  // What is true of this run only: the emulator is mentioned once the function has called it.
  if (emulator && emulator.requests.length > 0) {
    process.stderr.write(`npm start: none of ${WECHAT_MODE_VARIABLES.join(', ')} is set: the function called the embedded WeChat emulator (AppID ${EMULATOR_APPID}, sample data).\n`);
  }
  // The function logs each failure for the cloud's log, where a timer's result is lost; here
  // the result is printed, so that line would only say it twice.
  const failureLine = `[${name}] errCode ${result?.errCode}: ${result?.errMsg}`;
  for (const line of log.lines) if (line !== failureLine) process.stderr.write(`${line}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return result?.errCode === 0 ? 0 : 1;
}

// As daily-retain: a reader that stops early ends the run quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`npm start: unexpected error, please report it: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
