// The `daily-retain` command (package.json "bin"), bundled into dist/cli.js.
import { runCli } from './run-cli';

// A reader that stops early (`daily-retain range … | head -1`) closes the pipe: like cat and
// git, end quietly and successfully rather than with an EPIPE stack trace. Everything the
// command fetched is in the cache by the time it writes its output.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
  process.exitCode = code;
});
