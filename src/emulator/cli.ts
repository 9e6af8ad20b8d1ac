// `npm run emulator -- [--port N] [--latency MS] [--ttl SECONDS] [--security]`: the WeChat emulator
// on its own, for pointing DevTools' local debug, the CLI or a benchmark at it. With --security
// it generates an app's API-security keys, turns API security on, and prints the six
// WECHAT_API_* values a function needs, in their one-line forms.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SECURITY_ENV } from '../security/security-env';
import { EMULATOR_APPID, EMULATOR_SECRET, type EmulatorOptions, startEmulator } from './wechat-emulator';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    ttl: { type: 'string', default: '7200' },
    security: { type: 'boolean', default: false },
  },
});

// Throwaway keys for local runs: they protect nothing, so printing them is fine.
const app = values.security ? { ...generateKeyPairSync('rsa', { modulusLength: 2048 }), symKey: randomBytes(32).toString('base64'), symSn: randomBytes(16).toString('hex') } : undefined;
const security: EmulatorOptions['security'] = app && { symKey: app.symKey, symSn: app.symSn, appPublicKey: app.publicKey };

startEmulator({ port: Number(values.port), latencyMs: Number(values.latency), tokenTtlSeconds: Number(values.ttl), security }).then((emulator) => {
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
  process.stdout.write(
    `${JSON.stringify({ url: emulator.url, WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, ...keys })}\n`,
  );
  const stop = () => emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});
