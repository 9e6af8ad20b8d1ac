import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** Every browser suite, with the name it gives describeInChromium. */
const BROWSER_SUITES = {
  'test/report/report-in-chromium.test.ts': 'the HTML report in Chromium',
  'test/miniprogram/dashboard-in-chromium.test.ts': 'the dashboard on a 390 px phone, in Chromium',
};
const BROWSERS = new Set(['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']);

let bin: string;

/**
 * A PATH as this machine's, less every browser: one folder linking to every program on PATH
 * but Chromium (node sits in /usr/bin beside it, so no PATH entry can simply be dropped).
 */
beforeAll(() => {
  bin = mkdtempSync(join(tmpdir(), 'path-without-chromium-'));
  const linked = new Set<string>();
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {}
    for (const name of names) {
      if (BROWSERS.has(name) || linked.has(name)) continue;
      symlinkSync(join(dir, name), join(bin, name));
      linked.add(name);
    }
  }
});

afterAll(() => {
  rmSync(bin, { recursive: true, force: true });
});

/** Runs jest on the browser tests as `npm test` would, with no browser to be found. */
function jestWithoutChromium(extra: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { CHROMIUM_PATH: _, REQUIRE_CHROMIUM: __, ...env } = process.env;
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), ...Object.keys(BROWSER_SUITES)], {
    cwd: ROOT,
    env: { ...env, PATH: bin, CI: 'true', ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('browser tests on a machine without Chromium', () => {
  it('are skipped with one line for the run saying what was skipped and how to install Chromium, and the run passes', async () => {
    const { code, output } = await jestWithoutChromium({});
    const notices = output.split('\n').filter((line) => line.startsWith('Skipped the browser tests'));
    expect(notices).toHaveLength(1);
    for (const [file, name] of Object.entries(BROWSER_SUITES)) expect(notices[0]).toContain(`"${name}" (${file})`);
    expect(notices[0]).toMatch(
      /: Chromium is not on PATH; install it with `apt-get install -y chromium` \(as root, on Debian or Ubuntu\), or set CHROMIUM_PATH to a Chromium or Chrome executable\. REQUIRE_CHROMIUM=1 makes this a failure\.$/,
    );
    expect(output).toMatch(/Tests: +(\d+) skipped, \1 total/);
    expect(code).toBe(0);
  }, 90_000);

  it('fail when REQUIRE_CHROMIUM=1, as in CI, saying how to install Chromium', async () => {
    const { code, output } = await jestWithoutChromium({ REQUIRE_CHROMIUM: '1' });
    expect(output).not.toContain('Skipped the browser tests');
    expect(output).toContain('Chromium is not installed, and these tests render pages in it: install it with `apt-get install -y chromium`');
    expect(output).toMatch(/Tests: +(\d+) failed, \1 total/);
    expect(code).toBe(1);
  }, 90_000);
});
