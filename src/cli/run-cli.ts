import { ErrorCode, isOpenApiError, reasonOf, ValidationError } from '../errors';
import type { PeriodId } from '../period/period';
import { PERIODS } from '../period/periods';
import { defaultCacheDir } from '../range/file-retain-cache';
import { formatCsv } from '../range/format-csv';
import { formatTable } from '../range/format-table';
import type { RangeResult } from '../range/fetch-range';
import { parseRangeQuery, type RangeQuery } from '../range/range-query';
import { renderReport } from '../report/html-report';
import type { ReportViews } from '../report/report-input';
import { REPORT_LANGS, type ReportLang } from '../report/report-text';
import { type CliClient, cliClient, UsageError } from './cli-client';
import { type Command, USAGE } from './cli-usage';
import { EXIT } from './exit-codes';
import { GET_FLAGS, inFlagTerms, RANGE_FLAGS } from './flag-names';
import { checkCacheDir, checkOutFile, LocalError, writeOutFile } from './local-files';
import { describeMissing, isUnreachable } from './missing-periods';
import { parseArgs } from './parse-args';
import { ALL_VIEWS, checkPeriodFlag, type PeriodChoice, periodOfDate, widenedNote } from './period-flag';
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
  get: { date: { type: 'string' }, period: { type: 'string', default: 'day' } },
  range: {
    from: { type: 'string' },
    to: { type: 'string' },
    period: { type: 'string', default: 'day' },
    format: { type: 'string', default: 'json' },
    concurrency: { type: 'string' },
  },
  report: {
    from: { type: 'string' },
    to: { type: 'string' },
    period: { type: 'string', default: 'all' },
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
    // The CLI's own check of a range, before any request: the library's words, with the flags typed.
    if (error instanceof ValidationError && QUERY_CODES.includes(error.errCode)) return usageError(inFlagTerms(error.message, flags));
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
  checkPeriodFlag(values.period ?? '', name === 'report');
  if (name === 'get') {
    const latest = values.period === 'day' ? 'yesterday' : `the last ${values.period} that has ended`;
    if (values.date === '') throw new UsageError(`--date is empty: give a day as yyyymmdd, or leave --date out for ${latest}`);
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
  // `get` fetches one period and never caches; a range is where a broken cache folder costs.
  if (name !== 'get') await checkCacheDir(cacheDir);
  // One clock for "yesterday" in the CLI's checks, the library's and the output's completeness.
  const clock = io.now ?? Date.now;
  const session = await cliClient(io.env, cacheDir, { warn: (message) => say(`daily-retain ${name}: warning: ${message}`) }, clock);
  try {
    const output: Output = { io, session, clock, tell: (text) => say(`daily-retain ${name}: ${text}`), noticed: false };
    return name === 'get' ? await getOne(values, output) : await fetchRanges(name, values, output);
  } finally {
    await session.close();
  }
}

/** What a command needs to fetch and to say what it did. */
interface Output {
  io: CliIo;
  session: CliClient;
  clock: () => number;
  /** A line on stderr, after `daily-retain <command>: `. */
  tell: Say;
  /** Whether the emulator notice has been said. */
  noticed: boolean;
}

/** Said once the command has got past its own checks and the library's: only then is the emulator used. */
function noteEmulator(output: Output): void {
  if (output.session.emulatorNotice && !output.noticed) output.tell(output.session.emulatorNotice);
  output.noticed = true;
}

function hintIfUnreachable(output: Output, errCodes: readonly number[]): void {
  if (!output.session.emulatorNotice && errCodes.some(isUnreachable)) output.tell(unreachableHint(output.session.apiBase));
}

/** `get`: one day, week or month, exactly as its API resolves. */
async function getOne(values: Values, output: Output): Promise<number> {
  const period = PERIODS[values.period as PeriodId];
  const { query, note } = periodOfDate(period, values.date, output.clock());
  let answer: unknown;
  try {
    answer = await output.session.client.openapi.analysis[period.api](query);
  } catch (error) {
    if (!isOpenApiError(error) || QUERY_CODES.includes(error.errCode)) throw error;
    noteEmulator(output);
    output.tell(`errCode ${error.errCode}: ${reasonOf(error.errMsg)}`);
    hintIfUnreachable(output, [error.errCode]);
    return EXIT.failed;
  }
  noteEmulator(output);
  if (note) output.tell(note);
  output.io.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  return EXIT.ok;
}

/** The views `report --period all` shows, as its notes name them. */
const VIEW_NAMES: Readonly<Record<PeriodId, string>> = { day: 'daily', week: 'weekly', month: 'monthly' };

/**
 * `range`, and `report` with one view or all three: each range checked before any request
 * (a bad date costs nothing), then fetched in turn, then printed or written in one go.
 */
async function fetchRanges(name: 'range' | 'report', values: Values, output: Output): Promise<number> {
  const { io, session, tell } = output;
  const choice = values.period as PeriodChoice;
  const typed = { from: values.from as string, to: values.to as string };
  const queries: RangeQuery[] = [];
  const leftOut: string[] = [];
  for (const period of choice === 'all' ? ALL_VIEWS : [choice]) {
    try {
      queries.push(parseRangeQuery({ beginDate: typed.from, endDate: typed.to, period }, output.clock));
    } catch (error) {
      // With all views, the days decide whether the dates are good (--to at most yesterday, at
      // most 366 days: no more than 53 weeks or 13 months); dates that hold no whole week or
      // month that has ended only leave that view out.
      const tooShort = choice === 'all' && period !== 'day' && error instanceof ValidationError && error.errCode === ErrorCode.DATE_RANGE;
      if (!tooShort) throw error;
      leftOut.push(`the ${VIEW_NAMES[period]} view is left out: ${inFlagTerms(error.message, RANGE_FLAGS)}`);
    }
  }
  noteEmulator(output);
  for (const query of queries) {
    const note = widenedNote(query, typed, output.clock());
    if (note) tell(note);
  }
  for (const line of leftOut) tell(line);

  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  const results: RangeResult[] = [];
  for (const { period, beginDate, endDate } of queries) {
    const bar = io.stderr.isTTY ? progressBar((text) => io.stderr.write(text), period.id) : undefined;
    try {
      // The dates checked above, whole periods already: the library finds nothing more to refuse.
      results.push(await session.client.getDailyRetainRange({ beginDate, endDate, period: period.id }, { concurrency, onProgress: bar?.update }));
    } finally {
      bar?.done();
    }
  }

  const missingLines = describeMissing(results);
  const errCodes = results.flatMap((result) => result.missing.map((item) => item.errCode));
  // Nothing fetched: nothing on stdout (no empty table, no `[]`) and no report; stderr says why.
  if (results.every((result) => result.list.length === 0)) {
    tell(`nothing fetched: ${missingLines.length === 1 ? missingLines[0] : `\n  ${missingLines.join('\n  ')}`}`);
    hintIfUnreachable(output, errCodes);
    return EXIT.failed;
  }
  const now = output.clock();
  if (name === 'range') {
    const [{ period, list }] = results as [RangeResult];
    const format = values.format ?? 'json';
    io.stdout.write(format === 'csv' ? formatCsv(list, { now, period }) : format === 'table' ? formatTable(list, { now, period }) : `${JSON.stringify(list, null, 2)}\n`);
  } else {
    const source = session.emulatorNotice ? 'emulator' : 'wechat';
    // One view: its range alone; all: a tab per view, in the order day, week, month.
    const views: ReportViews | RangeResult = choice === 'all' ? Object.fromEntries(results.map((result) => [result.period, result])) : (results[0] as RangeResult);
    await writeOutFile(values.out as string, renderReport(views, { now, lang: values.lang as ReportLang, title: values.title, appid: session.appid, source }));
    const counts = results.map(({ period, list }) => `${list.length} ${period}${list.length === 1 ? '' : 's'}`);
    io.stderr.write(`Wrote ${values.out} (${counts.join(', ')}).\n`);
  }
  for (const line of missingLines) tell(line);
  hintIfUnreachable(output, errCodes);
  return errCodes.length === 0 ? EXIT.ok : EXIT.failed;
}

function unreachableHint(apiBase: string): string {
  return `hint: check WECHAT_API_BASE (now ${apiBase}): WeChat, or the proxy or emulator it names, must be reachable from this machine`;
}
