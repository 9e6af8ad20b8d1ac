// `npm run emulator -- [--port N] [--latency MS] [--ttl SECONDS] [--security]`: the WeChat emulator
// on its own, for pointing DevTools' local debug, the CLI or a benchmark at it. With --security
// it generates an app's API-security keys, turns API security on, and prints the six
// WECHAT_API_* values a function needs, in their one-line forms.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { parseArgs } from '../cli/parse-args';
import { SECURITY_ENV } from '../security/security-env';
import { EMULATOR_APPID, EMULATOR_SECRET, type EmulatorOptions, startEmulator } from './wechat-emulator';

const EMULATOR_USAGE = `Usage: npm run emulator -- [--port N] [--latency MS] [--ttl SECONDS] [--security]
       node dist/emulator.js [options]

Starts the WeChat emulator on 127.0.0.1 and keeps it running until Ctrl-C: /cgi-bin/token,
/cgi-bin/stable_token and the datacube endpoint, with WeChat's token lifetimes, errcodes
and date rules, and sample data. It prints one line of JSON: its url, and the
WECHAT_API_BASE, WECHAT_APPID and WECHAT_APPSECRET to point a function, the CLI or the
library at it.

Options:
  --port N          the port to listen on (default 0: a free one)
  --latency MS      wait this long before every answer (default 0)
  --ttl SECONDS     lifetime of a new access token (default 7200, as WeChat)
  --security        API security on: generates an app's keys and prints the six
                    WECHAT_API_* values a function needs to encrypt and sign its requests
  -h, --help        this help

Control, for tests and scripts (a request with a JSON body): /__emulator/fault
{endpoint, fault, times}, /__emulator/settings {latencyMs, tokenTtlSeconds, responseMode},
/__emulator/expire-tokens, /__emulator/invalidate-tokens, /__emulator/reset, and
/__emulator/requests, which lists the requests received (credentials left out).

Exit codes:
  0  stopped by Ctrl-C (SIGINT) or SIGTERM
  2  usage: an unknown option or a bad value
  3  the port could not be opened (in use, or not allowed)`;

/** A whole number from `min` to `max` given as `--flag`, or a usage error naming the flag. */
function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new RangeError(`--${flag} must be a whole number from ${min} to ${max} (got "${text}")`);
  return value;
}

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '0' },
      latency: { type: 'string', default: '0' },
      ttl: { type: 'string', default: '7200' },
      security: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  return {
    help: values.help,
    security: values.security,
    port: wholeNumber('port', values.port, 0, 65535),
    latencyMs: wholeNumber('latency', values.latency, 0, 600_000),
    tokenTtlSeconds: wholeNumber('ttl', values.ttl, 1, 86_400),
  };
}

async function main(args: string[]): Promise<number | undefined> {
  let parsed: ReturnType<typeof options>;
  try {
    parsed = options(args);
  } catch (error) {
    process.stderr.write(`emulator: ${(error as Error).message}\n${EMULATOR_USAGE.split('\n')[0]}\nRun with --help for more.\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${EMULATOR_USAGE}\n`);
    return 0;
  }
  // Throwaway keys for local runs: they protect nothing, so printing them is fine.
  const app = parsed.security
    ? { ...generateKeyPairSync('rsa', { modulusLength: 2048 }), symKey: randomBytes(32).toString('base64'), symSn: randomBytes(16).toString('hex') }
    : undefined;
  const security: EmulatorOptions['security'] = app && { symKey: app.symKey, symSn: app.symSn, appPublicKey: app.publicKey };
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({ port: parsed.port, latencyMs: parsed.latencyMs, tokenTtlSeconds: parsed.tokenTtlSeconds, security });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'it is in use' : code === 'EACCES' ? 'this user may not open it' : String(code ?? error);
    process.stderr.write(`emulator: cannot listen on port ${parsed.port}: ${why}: choose another --port, or leave it out for a free one\n`);
    return 3;
  }
  const keys =
    app && emulator.security
      ? {
          [SECURITY_ENV.symKey]: app.symKey,
          [SECURITY_ENV.symSn]: app.symSn,
          [SECURITY_ENV.asymKey]: app.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString().trim().replace(/\n/g, '\\n'),
          [SECURITY_ENV.asymSn]: randomBytes(16).toString('hex'),
          [SECURITY_ENV.platformCert]: Buffer.from(emulator.security.current.certificate).toString('base64'),
          [SECURITY_ENV.platformCertSn]: emulator.security.current.sn,
        }
      : {};
  process.stdout.write(`${JSON.stringify({ url: emulator.url, WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, ...keys })}\n`);
  const stop = () => emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return undefined;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`emulator: unexpected error, please report it: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
