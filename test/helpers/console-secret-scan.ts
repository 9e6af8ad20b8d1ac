// Loaded by jest before every test file (jest.config.js setupFilesAfterEnv): everything
// written through console during the file is scanned, after its tests, for the emulator's
// AppSecret, every access token an emulator issued, and private-key material. Tests that
// capture the console themselves (captureLogs) scan what they capture.
import { EMULATOR_SECRET, tokensIssuedInThisProcess } from '../../src/emulator/wechat-emulator';

const lines: string[] = [];
for (const method of ['log', 'info', 'warn', 'error'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
    original(...args);
  };
}

afterAll(() => {
  const text = lines.join('\n');
  const secrets = [EMULATOR_SECRET, ...tokensIssuedInThisProcess()];
  const leaked = secrets.filter((secret) => text.includes(secret));
  expect({ leaked, privateKey: text.includes('PRIVATE KEY-----') }).toEqual({ leaked: [], privateKey: false });
});
