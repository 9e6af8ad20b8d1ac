import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import { isOpenApiError } from '../errors';
import { formatCsv } from '../range/format-csv';
import { formatTable } from '../range/format-table';
import type { RangeResult } from '../range/fetch-range';
import { renderReport } from '../report/html-report';
import { REPORT_LANGS, type ReportLang } from '../report/report-text';
import { cliClient, UsageError } from './cli-client';
import { type Command, USAGE } from './cli-usage';
import { progressBar } from './progress-bar';

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

/** `daily-retain <command> …`. Resolves to the exit code: 0 ok, 1 API or network failure, 2 usage error. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const say = (text: string) => io.stderr.write(`${text}\n`);
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? say : (t: string) => io.stdout.write(`${t}\n`))(USAGE.main);
    return command === undefined ? 2 : 0;
  }
  if (!(command in OPTIONS)) {
    say(`daily-retain: unknown command "${command}"\n\n${USAGE.main}`);
    return 2;
  }
  const name = command as Command;
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = { ...OPTIONS[name], help: { type: 'boolean', short: 'h' } } as const;
    values = parseArgs({ args: rest, options, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    say(`daily-retain ${name}: ${(error as Error).message}\n\n${USAGE[name]}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${USAGE[name]}\n`);
    return 0;
  }
  try {
    return await run(name, values as Record<string, string | undefined>, io, say);
  } catch (error) {
    if (error instanceof UsageError) {
      say(`daily-retain ${name}: ${error.message}\n\n${USAGE[name]}`);
      return 2;
    }
    // Our own validation failures (61500/61501, -90007) are the caller's arguments.
    if (isOpenApiError(error)) {
      say(`daily-retain ${name}: ${error.errMsg}`);
      return [61500, 61501, -90007].includes(error.errCode) ? 2 : 1;
    }
    say(`daily-retain ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function run(name: Command, values: Record<string, string | undefined>, io: CliIo, say: (text: string) => void): Promise<number> {
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64)) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64 (got "${values.concurrency}")`);
  }
  if (name === 'range' && !['json', 'csv', 'table'].includes(values.format ?? 'json')) {
    throw new UsageError(`--format must be json, csv or table (got "${values.format}")`);
  }
  if (name !== 'get' && (!values.from || !values.to)) throw new UsageError('--from and --to are required');
  if (name === 'report' && !values.out) throw new UsageError('--out is required: the HTML file to write');
  const lang = values.lang as ReportLang | undefined;
  if (name === 'report' && !REPORT_LANGS.includes(lang as ReportLang)) throw new UsageError(`--lang must be ${REPORT_LANGS.join(' or ')} (got "${values.lang}")`);

  const { client, appid, emulator, close } = await cliClient(io.env, say);
  try {
    if (name === 'get') {
      const day = await client.openapi.analysis.getDailyRetain(values.date ? { beginDate: values.date, endDate: values.date } : {});
      io.stdout.write(`${JSON.stringify(day, null, 2)}\n`);
      return 0;
    }
    const bar = io.stderr.isTTY ? progressBar((text) => io.stderr.write(text)) : undefined;
    const result: RangeResult = await client.getDailyRetainRange(
      { beginDate: values.from, endDate: values.to },
      { concurrency, onProgress: bar?.update },
    );
    bar?.done();
    const now = (io.now ?? Date.now)();
    if (name === 'range') {
      const format = values.format ?? 'json';
      const text = format === 'csv' ? formatCsv(result.list, { now }) : format === 'table' ? formatTable(result.list, { now }) : `${JSON.stringify(result.list, null, 2)}\n`;
      io.stdout.write(text);
    } else {
      const html = renderReport(result.list, { now, lang, title: values.title, appid, source: emulator ? 'emulator' : 'wechat' });
      await fs.writeFile(values.out as string, html);
      say(`Wrote ${values.out} (${result.list.length} days).`);
    }
    for (const day of result.missing) say(`missing ${day.refDate}: errCode ${day.errCode}: ${day.errMsg}`);
    return result.missing.length === 0 ? 0 : 1;
  } finally {
    await close();
  }
}
