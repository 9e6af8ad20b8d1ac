import { ErrorCode, isOpenApiError } from '../errors';
import { defaultCacheDir } from '../range/file-retain-cache';
import { formatCsv } from '../range/format-csv';
import { formatTable } from '../range/format-table';
import type { RangeProgress, RangeResult } from '../range/fetch-range';
import { renderReport } from '../report/html-report';
import { REPORT_LANGS, type ReportLang } from '../report/report-text';
import { type CliClient, cliClient, UsageError } from './cli-client';
import { type Command, USAGE } from './cli-usage';
import { EXIT } from './exit-codes';
import { GET_FLAGS, inFlagTerms, RANGE_FLAGS } from './flag-names';
import { checkCacheDir, checkOutFile, LocalError, writeOutFile } from './local-files';
import { describeMissing, isUnreachable, reasonOf } from './missing-days';
import { parseArgs } from './parse-args';
import { progressBar } from './progress-bar';

// Bundled into dist/cli.js by esbuild; read from the repository under ts-jest.
const { version } = require('../../package.json') as { version: string };

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  now?: () => number;
}

const OPTIONS = {
  get: { date: { type: 'string' } },
  range: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string', default: 'json' }, concurrency: { type: 'string' } },
  report: {
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    concurrency: { type: 'string' },
    lang: { type: 'string', default: 'zh' },
    title: { type: 'string' },
  },
} as const;

/** The library's own refusals of a query, made before any request: the person's dates. */
const QUERY_CODES: readonly number[] = [ErrorCode.DATE_FORMAT, ErrorCode.DATE_RANGE, ErrorCode.INVALID_EVENT];

type Values = Record<string, string | undefined>;
type Say = (text: string) => void;

/** `daily-retain <command> …`. Resolves to the exit code (exit-codes.ts); never rejects. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const say: Say = (text) => io.stderr.write(`${text}\n`);
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    io.stdout.write(`daily-retain ${version}\n`);
    return EXIT.ok;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    if (command === undefined) say(USAGE.main);
    else io.stdout.write(`${USAGE.main}\n`);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!Object.hasOwn(OPTIONS, command)) {
    say(`daily-retain: unknown command "${command}": the commands are get, range and report\nRun 'daily-retain --help' for usage.`);
    return EXIT.usage;
  }
  const name = command as Command;
  const usageError = (message: string) => {
    say(`daily-retain ${name}: ${message}\n${USAGE[name].split('\n')[0]}\nRun 'daily-retain ${name} --help' for more.`);
    return EXIT.usage;
  };
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = { ...OPTIONS[name], help: { type: 'boolean', short: 'h' } } as const;
    values = parseArgs({ args: rest, options, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) {
    io.stdout.write(`${USAGE[name]}\n`);
    return EXIT.ok;
  }
  const flags = name === 'get' ? GET_FLAGS : RANGE_FLAGS;
  try {
    return await run(name, values as Values, io, say);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    if (isOpenApiError(error) && QUERY_CODES.includes(error.errCode)) return usageError(inFlagTerms(reasonOf(error.errMsg), flags));
    if (error instanceof LocalError) {
      say(`daily-retain ${name}: ${error.message}`);
      return EXIT.local;
    }
    say(`daily-retain ${name}: unexpected error, please report it: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
}

/** Checks every flag before anything is fetched: a bad one costs no request and no quota. */
function checkFlags(name: Command, values: Values): void {
  const { concurrency } = values;
  if (concurrency !== undefined && !(/^\d+$/.test(concurrency) && Number(concurrency) >= 1 && Number(concurrency) <= 64)) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64 (got "${concurrency}")`);
  }
  if (name === 'get') {
    if (values.date === '') throw new UsageError('--date is empty: give a day as yyyymmdd, or leave --date out for yesterday');
    return;
  }
  if (name === 'range' && !['json', 'csv', 'table'].includes(values.format ?? 'json')) {
    throw new UsageError(`--format must be json, csv or table (got "${values.format}")`);
  }
  const absent = (['from', 'to'] as const).filter((flag) => !values[flag]);
  if (absent.length > 0) throw new UsageError(`${absent.map((flag) => `--${flag}`).join(' and ')} ${absent.length > 1 ? 'are' : 'is'} required: the first and the last day, as yyyymmdd`);
  if (name === 'report') {
    if (!values.out) throw new UsageError('--out is required: the HTML file to write');
    if (!REPORT_LANGS.includes(values.lang as ReportLang)) throw new UsageError(`--lang must be ${REPORT_LANGS.join(' or ')} (got "${values.lang}")`);
  }
}

async function run(name: Command, values: Values, io: CliIo, say: Say): Promise<number> {
  checkFlags(name, values);
  const cacheDir = io.env.RETAIN_CACHE_DIR || defaultCacheDir(io.env);
  if (name === 'report') await checkOutFile(values.out as string);
  // `get` fetches one day and never caches; a range is where a broken cache folder costs.
  if (name !== 'get') await checkCacheDir(cacheDir);
  const session = await cliClient(io.env, cacheDir, { warn: (message) => say(`daily-retain ${name}: warning: ${message}`) });
  try {
    return await fetchAndWrite(name, values, io, say, session);
  } finally {
    await session.close();
  }
}

async function fetchAndWrite(name: Command, values: Values, io: CliIo, say: Say, session: CliClient): Promise<number> {
  const { client } = session;
  const tell = (text: string) => say(`daily-retain ${name}: ${text}`);
  let noticed = false;
  // Said once the command has got past its own checks and the library's: only then is the emulator used.
  const noteEmulator = () => {
    if (session.emulatorNotice && !noticed) tell(session.emulatorNotice);
    noticed = true;
  };
  const hintIfUnreachable = (errCodes: number[]) => {
    if (!session.emulatorNotice && errCodes.some(isUnreachable)) tell(unreachableHint(session.apiBase));
  };

  if (name === 'get') {
    let day: unknown;
    try {
      day = await client.openapi.analysis.getDailyRetain(values.date ? { beginDate: values.date, endDate: values.date } : {});
    } catch (error) {
      if (!isOpenApiError(error) || QUERY_CODES.includes(error.errCode)) throw error;
      noteEmulator();
      tell(`errCode ${error.errCode}: ${reasonOf(error.errMsg)}`);
      hintIfUnreachable([error.errCode]);
      return EXIT.failed;
    }
    noteEmulator();
    io.stdout.write(`${JSON.stringify(day, null, 2)}\n`);
    return EXIT.ok;
  }

  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  const bar = io.stderr.isTTY ? progressBar((text) => io.stderr.write(text)) : undefined;
  let result: RangeResult;
  try {
    // The first day settled means the range passed validation: the notice goes before the bar.
    const onProgress = (progress: RangeProgress) => {
      noteEmulator();
      bar?.update(progress);
    };
    result = await client.getDailyRetainRange({ beginDate: values.from, endDate: values.to }, { concurrency, onProgress });
  } finally {
    bar?.done();
  }
  noteEmulator();
  const { list, missing } = result;
  const missingLines = describeMissing(missing);
  // Nothing fetched: nothing on stdout (no empty table, no `[]`) and no report; stderr says why.
  if (list.length === 0 && missing.length > 0) {
    tell(`nothing fetched: ${missingLines.length === 1 ? missingLines[0] : `\n  ${missingLines.join('\n  ')}`}`);
    hintIfUnreachable(missing.map((day) => day.errCode));
    return EXIT.failed;
  }
  const now = (io.now ?? Date.now)();
  if (name === 'range') {
    const format = values.format ?? 'json';
    io.stdout.write(format === 'csv' ? formatCsv(list, { now }) : format === 'table' ? formatTable(list, { now }) : `${JSON.stringify(list, null, 2)}\n`);
  } else {
    const source = session.emulatorNotice ? 'emulator' : 'wechat';
    await writeOutFile(values.out as string, renderReport(list, { now, lang: values.lang as ReportLang, title: values.title, appid: session.appid, source }));
    say(`Wrote ${values.out} (${list.length} days).`);
  }
  for (const line of missingLines) tell(line);
  hintIfUnreachable(missing.map((day) => day.errCode));
  return missing.length === 0 ? EXIT.ok : EXIT.failed;
}

function unreachableHint(apiBase: string): string {
  return `hint: check WECHAT_API_BASE (now ${apiBase}): WeChat, or the proxy or emulator it names, must be reachable from this machine`;
}
