import * as path from 'node:path';
import { FUNCTION_VARIABLES } from './function-variables';
import { EMULATOR_APPID, EMULATOR_SECRET, type WeChatEmulator } from '../../src/emulator/wechat-emulator';

const built = (name: string) => path.resolve(__dirname, '../../cloudfunctions', name, 'index.js');

/** The caller's variables the runtime sets; a test's FUNCTION_VARIABLES and these are cleared after it. */
const CALLER_VARS = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'TCB_SOURCE'];

export type BuiltMain = (event: unknown, context?: { time_limit_in_ms?: number }) => Promise<Record<string, unknown>>;

/**
 * A fresh instance of a built cloud function (cloudfunctions/<name>/index.js, as
 * deployed), configured like the cloud console would through environment variables. Each
 * call to this gets a cold instance: its own module state, token cache and all.
 */
export function loadBuiltFunction(env: Record<string, string | undefined>, name = 'getDailyRetain'): BuiltMain {
  for (const name of FUNCTION_VARIABLES) delete process.env[name];
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined) process.env[name] = value;
  }
  let main: BuiltMain | undefined;
  jest.isolateModules(() => {
    main = require(built(name)).main;
  });
  if (!main) throw new Error(`${built(name)} exports no main: run npm run build`);
  return main;
}

/** The configuration that points the function at the emulator. */
export function emulatorEnv(emulator: WeChatEmulator, extra: Record<string, string | undefined> = {}) {
  return { WECHAT_API_BASE: emulator.url, WECHAT_APPID: EMULATOR_APPID, WECHAT_APPSECRET: EMULATOR_SECRET, ...extra };
}

/**
 * Makes the next calls come from a mini-program user, the way the cloud runtime tells
 * wx-server-sdk's getWXContext() (environment variables; see docs/cloud-functions.md §5.3).
 */
export function callAs(caller: { OPENID?: string; APPID?: string }): void {
  clearCaller();
  const keys: string[] = [];
  if (caller.OPENID) {
    process.env.WX_OPENID = caller.OPENID;
    keys.push('WX_OPENID');
  }
  if (caller.APPID) {
    process.env.WX_APPID = caller.APPID;
    keys.push('WX_APPID');
  }
  process.env.WX_CONTEXT_KEYS = keys.join(',');
  process.env.TCB_SOURCE = 'wx_client';
}

/** Back to a call with no caller context (the console, a timer). */
export function clearCaller(): void {
  for (const name of CALLER_VARS) delete process.env[name];
}

export function clearFunctionEnv(): void {
  for (const name of [...FUNCTION_VARIABLES, ...CALLER_VARS]) delete process.env[name];
}
