import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/run-cli';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import { daysAgo, yesterday } from '../helpers/yesterday';

let emulator: WeChatEmulator;
let dir: string;
beforeEach(async () => {
  emulator = await startEmulator();
  dir = mkdtempSync(path.join(os.tmpdir(), 'daily-retain-report-cli-'));
});
afterEach(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function report(flags: string[], env: Record<string, string> = {}) {
  let stderr = '';
  const out = path.join(dir, 'report.html');
  const code = await runCli(['report', '--from', daysAgo(5), '--to', yesterday(), '--out', out, ...flags], {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
    env: { RETAIN_CACHE_DIR: dir, ...env },
  });
  return { code, stderr, html: code === 0 ? readFileSync(out, 'utf8') : '' };
}

/** WeChat's configuration, pointed at a local emulator: the CLI takes it for real data. */
const configured = () => ({ WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, WECHAT_API_BASE: emulator.url });

describe('daily-retain report', () => {
  it('writes Chinese by default and marks the embedded emulator’s numbers as sample data', async () => {
    const { code, html } = await report([]);
    expect(code).toBe(0);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`<span>AppID ${EMULATOR_APPID}</span>`);
    expect(html).toContain('<div class="sample-banner" role="note"><strong>示例数据</strong>');
  });

  it('writes English with --lang en and names the app with --title, with no banner for configured credentials', async () => {
    const { code, html } = await report(['--lang', 'en', '--title', 'Tea & Cake 小程序'], configured());
    expect(code).toBe(0);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Tea &#38; Cake 小程序</h1>');
    expect(html).toContain(`<span>AppID ${EMULATOR_APPID}</span><span>`);
    expect(html).toContain('Source: WeChat getDailyRetain API');
    expect(html).not.toContain('class="sample-banner"');
  });

  it('refuses a language it does not have, before fetching anything', async () => {
    const { code, stderr } = await report(['--lang', 'fr'], configured());
    expect(code).toBe(2);
    expect(stderr).toMatch(/^daily-retain report: --lang must be zh or en \(got "fr"\)/);
    expect(emulator.count('datacube')).toBe(0);
  });
});
