import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { yesterday } from './helpers/yesterday';

// What `npm pack` gives, installed as a user would install it: packed from a copy of this
// repository (its `prepare` builds there, never under the other tests' feet), installed into
// an empty folder, then imported (CommonJS, ESM and TypeScript) and called against the
// emulator the package itself exports.

jest.setTimeout(180_000);

const root = path.resolve(__dirname, '..');
let work: string;
let app: string;
let packed: { filename: string; files: { path: string }[]; size: number; unpackedSize: number };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd: string, vars: Record<string, string> = {}): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(WECHAT_|RETAIN_|npm_)/.test(name)));
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: { ...clean, ...vars }, timeout: 150_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

async function ok(file: string, args: string[], cwd: string, vars?: Record<string, string>): Promise<string> {
  const result = await run(file, args, cwd, vars);
  if (result.code !== 0) throw new Error(`${file} ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return result.stdout;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'daily-retain-package-'));
  const source = path.join(work, 'source');
  mkdirSync(source);
  for (const part of ['src', 'scripts', 'bin', 'docs', 'README.md', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
    if (existsSync(path.join(root, part))) cpSync(path.join(root, part), path.join(source, part), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(source, 'node_modules'));
  const json = await ok('npm', ['pack', '--json', '--pack-destination', work], source, { npm_config_loglevel: 'error' });
  [packed] = JSON.parse(json);

  app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  await ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed.filename)], app, { npm_config_loglevel: 'error' });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('holds the built library, its types, the CLI, the docs and the README, and nothing else', () => {
    const files = packed.files.map((file) => file.path).sort();
    const outside = files.filter((file) => !/^(bin\/daily-retain\.js|dist\/(index|cli|wechat-emulator)\.js|dist\/types\/.+\.d\.ts|docs\/.+\.md|README\.md|package\.json)$/.test(file));
    expect(outside).toEqual([]);
    for (const needed of ['bin/daily-retain.js', 'dist/index.js', 'dist/cli.js', 'dist/wechat-emulator.js', 'dist/types/index.d.ts', 'dist/types/emulator/wechat-emulator.d.ts', 'README.md']) {
      expect(files).toContain(needed);
    }
    // Lean: well under a megabyte once unpacked, not the tests, the sources or the benchmarks.
    expect(packed.unpackedSize).toBeLessThan(1_000_000);
  });

  it('installs with zod as its only dependency', () => {
    const installed = require(path.join(app, 'node_modules', 'wechat-daily-retain', 'package.json')) as { dependencies: Record<string, string> };
    expect(Object.keys(installed.dependencies)).toEqual(['zod']);
    expect(existsSync(path.join(app, 'node_modules', 'wx-server-sdk'))).toBe(false);
  });

  const CALL = `
    const emulator = await startEmulator();
    const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url });
    const day = await client.openapi.analysis.getDailyRetain({ beginDate: '20170313', endDate: '20170313' });
    const range = await client.getDailyRetainRange({ beginDate: '20170301', endDate: '20170303' });
    await emulator.close();
    console.log(JSON.stringify({ day, days: range.list.length }));`;

  it('is required from CommonJS and calls the emulator it exports', async () => {
    writeFileSync(
      path.join(app, 'call.cjs'),
      `const { createClient } = require('wechat-daily-retain');
       const { startEmulator, EMULATOR_APPID, EMULATOR_SECRET } = require('wechat-daily-retain/emulator');
       (async () => { ${CALL} })();`,
    );
    const out = JSON.parse(await ok(process.execPath, ['call.cjs'], app));
    expect(out.day).toMatchObject({ refDate: '20170313', errMsg: 'openapi.analysis.getDailyRetain:ok', errCode: 0 });
    expect(out.days).toBe(3);
  });

  it('is imported from ESM with named exports', async () => {
    writeFileSync(
      path.join(app, 'call.mjs'),
      `import { createClient } from 'wechat-daily-retain';
       import { startEmulator, EMULATOR_APPID, EMULATOR_SECRET } from 'wechat-daily-retain/emulator';
       ${CALL}`,
    );
    const out = JSON.parse(await ok(process.execPath, ['call.mjs'], app));
    expect(out.day).toMatchObject({ refDate: '20170313', errCode: 0 });
  });

  it('type-checks in a strict TypeScript project (nodenext, skipLibCheck off)', async () => {
    writeFileSync(
      path.join(app, 'check.ts'),
      `import { createClient, isDailyRetainDay, isOpenApiError, type DailyRetainResult } from 'wechat-daily-retain';
       import { startEmulator, EMULATOR_APPID, EMULATOR_SECRET } from 'wechat-daily-retain/emulator';
       export async function main(): Promise<string> {
         const emulator = await startEmulator();
         const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url });
         try {
           const result: DailyRetainResult = await client.openapi.analysis.getDailyRetain({ beginDate: '20170313' });
           return isDailyRetainDay(result) ? result.refDate : 'odd';
         } catch (error) {
           return isOpenApiError(error) ? error.errMsg : 'unknown';
         } finally {
           await emulator.close();
         }
       }`,
    );
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'false'];
    const result = await run(process.execPath, [tsc, ...flags, '--types', 'node', '--typeRoots', path.join(root, 'node_modules', '@types'), 'check.ts'], app);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('keeps its internals private: only the library, the emulator and package.json are exported', async () => {
    const result = await run(process.execPath, ['-e', "require('wechat-daily-retain/dist/cli.js')"], app);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('installs the daily-retain command, which runs on its embedded emulator', async () => {
    const bin = path.join(app, 'node_modules', '.bin', 'daily-retain');
    const version = (require('../package.json') as { version: string }).version;
    expect(await ok(bin, ['--version'], app)).toBe(`daily-retain ${version}\n`);
    const day = JSON.parse(await ok(bin, ['get'], app, { RETAIN_CACHE_DIR: path.join(work, 'cache') }));
    expect(day).toMatchObject({ refDate: yesterday(), errCode: 0 });
  });
});
