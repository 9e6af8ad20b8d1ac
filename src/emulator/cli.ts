// `npm run emulator -- [--port N] [--latency MS] [--ttl SECONDS]`: the WeChat emulator on its own,
// for pointing DevTools' local debug, the CLI or a benchmark at it.
import { parseArgs } from 'node:util';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator } from './wechat-emulator';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, latency: { type: 'string', default: '0' }, ttl: { type: 'string', default: '7200' } },
});

startEmulator({ port: Number(values.port), latencyMs: Number(values.latency), tokenTtlSeconds: Number(values.ttl) }).then((emulator) => {
  process.stdout.write(
    `${JSON.stringify({ url: emulator.url, WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET })}\n`,
  );
  const stop = () => emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});
