import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CHROMIUM_INSTALL_HINT, findChromium } from './chromium';

/**
 * Browser tests on machines without Chromium. A fresh clone must pass `npm test` with only
 * Node installed, so there the browser suites are skipped, and the run ends with one line
 * naming them and saying how to install Chromium. CI sets REQUIRE_CHROMIUM=1, which turns a
 * missing browser into failing suites instead: CI never skips them.
 *
 * The suites are skipped inside jest's workers, but the line is for the whole run: each
 * skipped suite appends its name to a file that jest's global setup creates (its path goes
 * to the workers in SKIPPED_BROWSER_TESTS), and the global teardown prints one line from it.
 */
const SKIPPED_LOG = 'SKIPPED_BROWSER_TESTS';

/** REQUIRE_CHROMIUM=1 (CI sets it): a missing browser fails the browser tests instead of skipping them. */
export function chromiumRequired(): boolean {
  return ['1', 'true'].includes(process.env.REQUIRE_CHROMIUM ?? '');
}

/** `describe` for tests that need a browser: every browser test goes through it. */
export function describeInChromium(name: string, body: () => void): void {
  if (findChromium() || chromiumRequired()) {
    describe(name, body);
    return;
  }
  const file = expect.getState().testPath;
  const suite = `"${name}"${file ? ` (${relative(process.cwd(), file)})` : ''}`;
  const log = process.env[SKIPPED_LOG];
  if (log) appendFileSync(log, `${suite}\n`);
  else process.stderr.write(`${skipNotice([suite])}\n`);
  // biome-ignore lint/suspicious/noSkippedTests: the one allowed skip: no browser on this machine, announced in one line at the end of the run; REQUIRE_CHROMIUM=1 (CI) turns it into a failure.
  describe.skip(name, body);
}

export function skipNotice(suites: readonly string[]): string {
  return `Skipped the browser tests ${suites.join(', ')}: Chromium is not on PATH; ${CHROMIUM_INSTALL_HINT}. REQUIRE_CHROMIUM=1 makes this a failure.`;
}

/** jest globalSetup: where the workers note the suites they skip. */
export function startSkipLog(): void {
  // A log inherited from an outer jest run (a test that runs jest) is not this run's.
  delete process.env[SKIPPED_LOG];
  if (findChromium() || chromiumRequired()) return;
  process.env[SKIPPED_LOG] = join(mkdtempSync(join(tmpdir(), 'browser-tests-')), 'skipped');
}

/** jest globalTeardown: the one line, when anything was skipped. */
export function reportSkipLog(): void {
  const log = process.env[SKIPPED_LOG];
  if (!log) return;
  let suites: string[] = [];
  try {
    suites = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } catch {
    // Nothing was skipped: the file was never written.
  }
  rmSync(join(log, '..'), { recursive: true, force: true });
  if (suites.length > 0) process.stderr.write(`\n${skipNotice(suites)}\n`);
}
