import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT } from '../src/cli/exit-codes';
import { runCli } from '../src/cli/run-cli';

// Every `npx daily-retain …` command the README and the CLI page show, run as written against
// the embedded emulator, at a time after every date they name (2026-12-01 12:00 Beijing time):
// an example that stops working fails here, not in a reader's terminal.

const root = path.resolve(__dirname, '..');
const NOW = Date.UTC(2026, 11, 1, 4, 0);

/** The commands of a page: code lines and inline code that start with `npx daily-retain`, without `# comments`; none with `…` in it. */
function examples(page: string): string[] {
  const text = readFileSync(path.join(root, page), 'utf8');
  const lines = [...text.matchAll(/^npx daily-retain (.+)$/gm), ...text.matchAll(/`npx daily-retain ([^`]+)`/g)].map((match) => (match[1] as string).replace(/\s+#.*$/, '').trim());
  return [...new Set(lines)].filter((line) => !line.includes('…'));
}

/** Shell words: quoted strings stay one word. */
const words = (line: string) => (line.match(/"[^"]*"|\S+/g) ?? []).map((word) => word.replace(/^"(.*)"$/, '$1'));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'daily-retain-examples-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ALL = [...new Set([...examples('README.md'), ...examples('docs/cli-and-report.md')])];

it('finds the examples, with each command and --period among them', () => {
  for (const part of ['get ', 'range ', 'report ', '--period week', '--period month', '--version', '--help']) expect(ALL.some((line) => line.includes(part))).toBe(true);
});

it.each(ALL)('daily-retain %s', async (line) => {
  const argv = words(line);
  // --out writes into a temporary folder, not the repository.
  const outAt = argv.indexOf('--out') + 1;
  if (outAt > 0) argv[outAt] = path.join(dir, argv[outAt] as string);
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { RETAIN_CACHE_DIR: dir },
    now: () => NOW,
  });
  expect(code).toBe(EXIT.ok);
  // Stderr holds only what a successful run says: the emulator, what a range of weeks or months covers, the file written.
  const said = [/^daily-retain \w+: none of WECHAT_APPID/, /^daily-retain \w+: (?:week|month)s? \d{8}–\d{8} \((?:widened from|asked for) /, /^Wrote /];
  expect(stderr.split('\n').filter((text) => text !== '' && !said.some((pattern) => pattern.test(text)))).toEqual([]);
  if (outAt > 0) expect(readFileSync(argv[outAt] as string, 'utf8')).toMatch(/^<!doctype html>/);
  else expect(stdout).not.toBe('');
});
