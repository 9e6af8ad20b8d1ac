import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ErrorCode } from '../src/errors';
import { SecurityErrorCode } from '../src/security/security-error-codes';
import { FUNCTION_VARIABLES } from './helpers/function-variables';

const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');

describe('README', () => {
  it.each(Object.entries({ ...ErrorCode, ...SecurityErrorCode }))('lists error code %s (%i) in the error table', (_name, code) => {
    expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });

  it.each(FUNCTION_VARIABLES)(
    'documents the variable %s in the configuration table',
    (name) => {
      expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
    },
  );

  it('explains API security in docs/api-security.md: where to turn it on, and why SM4/SM2 are refused', () => {
    const page = readFileSync(path.resolve(__dirname, '../docs/api-security.md'), 'utf8');
    expect(page).toMatch(/^# API security · 服务端 API 加密与签名$/m);
    expect(page).toContain('开发管理 → 开发设置 → API 安全');
    expect(page).toMatch(/AES256_GCM[\s\S]*RSAwithSHA256/);
    expect(page).toMatch(/sm4-gcm[\s\S]*SM2\s+user ID/);
    expect(readme).toContain('](docs/api-security.md)');
  });

  it('gives the two quick-start commands that CI runs', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toMatch(/^npm test\b/m);
    expect(readFileSync(path.resolve(__dirname, '../.ci/run'), 'utf8')).toMatch(/^(REQUIRE_CHROMIUM=1 )?npm test( --\s.*)?$/m);
  });
});
