// `npm start -- '<event JSON>'`: runs the built cloud function on this machine as the cloud
// would (event in, result out) and prints the result. Without WECHAT_APPSECRET it starts the
// embedded WeChat emulator and points the function at it; with it, it talks to WeChat.
import * as path from 'node:path';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator } from '../src/emulator/wechat-emulator';

async function run(argv: string[]): Promise<number> {
  let event: unknown = {};
  if (argv[0] !== undefined) {
    try {
      event = JSON.parse(argv[0]);
    } catch {
      process.stderr.write(`The event must be JSON, for example: npm start -- '{"beginDate":"20170313","endDate":"20170313"}'\n`);
      return 2;
    }
  }
  const emulator = process.env.WECHAT_APPSECRET ? undefined : await startEmulator();
  if (emulator) {
    Object.assign(process.env, { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET });
    process.stderr.write(`WECHAT_APPSECRET is not set: using the embedded WeChat emulator at ${emulator.url} (AppID ${EMULATOR_APPID}).\n`);
  }
  try {
    const fn = require(path.resolve(__dirname, '../cloudfunctions/getDailyRetain/index.js'));
    // As the console's test button: no caller OPENID, and the timeout we tell people to set.
    const result = await fn.main(event, { time_limit_in_ms: 10_000, function_name: 'getDailyRetain', memory_limit_in_mb: 256 });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result?.errCode === 0 ? 0 : 1;
  } finally {
    await emulator?.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
