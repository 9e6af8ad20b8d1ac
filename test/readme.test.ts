import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ErrorCode } from '../src/errors';

const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');

describe('README', () => {
  it.each(Object.entries(ErrorCode))('lists error code %s (%i) in the error table', (_name, code) => {
    expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });

  it.each(['WECHAT_APPSECRET', 'WECHAT_APPID', 'WECHAT_API_BASE', 'RETAIN_ALLOWED_OPENIDS', 'WECHAT_TOKEN_COLLECTION'])(
    'documents the variable %s in the configuration table',
    (name) => {
      expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
    },
  );

  it('gives the two quick-start commands that CI runs', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toMatch(/^npm test\b/m);
    expect(readFileSync(path.resolve(__dirname, '../.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });
});
