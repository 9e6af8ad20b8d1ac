// `npm run bench [-- --smoke] [-- --out FILE] [-- --only cold-start,…] [-- --a OTHER/index.js]`
// Builds the package (so the numbers are for the current src/; `--no-build` skips that),
// bundles the harness and every bench/*.bench.ts into .cache/bench/ with esbuild, and runs
// it. A new benchmark is one more `*.bench.ts` file that exports `benchmark`; nothing here
// needs to change.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');
// One bundle per run, so that two runs (a smoke test and a full run) do not share one.
const outfile = path.join(root, '.cache', 'bench', `bench-${process.pid}.js`);
const args = process.argv.slice(2).filter((arg) => arg !== '--no-build');

if (!process.argv.includes('--no-build')) {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();
const entry = [
  "import { runCli } from './harness';",
  ...files.map((name, i) => `import { benchmark as b${i} } from './${name.replace(/\.ts$/, '')}';`),
  `runCli([${files.map((_, i) => `b${i}`).join(', ')}]).catch((error) => {`,
  "  process.stderr.write((error instanceof Error && error.stack) || String(error));",
  '  process.exitCode = 1;',
  '});',
].join('\n');

await build({
  stdin: { contents: entry, resolveDir: benchDir, sourcefile: 'bench-entry.ts', loader: 'ts' },
  bundle: true,
  platform: 'node',
  target: 'node16.13',
  format: 'cjs',
  outfile,
  external: ['wx-server-sdk'],
  logLevel: 'warning',
});

const child = spawn(process.execPath, [outfile, ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BENCH_ROOT: root },
});
child.on('exit', (code, signal) => {
  rmSync(outfile, { force: true });
  process.exitCode = signal ? 1 : (code ?? 1);
});
