import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// `npm start` (prestart) and `npm run emulator` build with `--if-stale`: only when a source
// is newer than the build. Run on a copy of the sources, so that this repository's build,
// which other tests are reading, is never rewritten under them.

const root = path.resolve(__dirname, '..');
let copy: string;

beforeAll(() => {
  copy = mkdtempSync(path.join(os.tmpdir(), 'daily-retain-build-'));
  for (const part of ['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(path.join(root, part), path.join(copy, part), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** Runs the build as prestart does; what it said, and when the runner's bundle was written. */
function buildIfStale(): { stderr: string; stdout: string; mtime: number } {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: copy, encoding: 'utf8' });
  expect(result.status).toBe(0);
  return { stderr: result.stderr, stdout: result.stdout, mtime: statSync(path.join(copy, 'dist', 'start.js')).mtimeMs };
}

describe('build --if-stale', () => {
  it('builds when an output is missing, then not again until a source changes', () => {
    const first = buildIfStale();
    expect(first.stderr).toMatch(/^build: .* is missing: rebuilding\n$/);
    for (const output of ['dist/start.js', 'dist/cli.js', 'dist/emulator.js', 'cloudfunctions/getDailyRetain/index.js']) {
      expect(statSync(path.join(copy, output)).size).toBeGreaterThan(0);
    }

    const second = buildIfStale();
    expect(second).toEqual({ stderr: '', stdout: '', mtime: first.mtime });

    const source = path.join(copy, 'src', 'cli', 'exit-codes.ts');
    const later = new Date(Date.now() + 5_000);
    utimesSync(source, later, later);
    const third = buildIfStale();
    expect(third.stderr).toBe(`build: ${path.join('src', 'cli', 'exit-codes.ts')} is newer than the build: rebuilding\n`);
    expect(third.mtime).toBeGreaterThan(second.mtime);
  });
});
