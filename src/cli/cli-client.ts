import { createClient, type RetainClient } from '../client';
import { readFunctionConfig } from '../cloud-function/function-config';
import { ConfigError } from '../errors';
import type { Logger } from '../options';
import { securityContextOf } from '../security/security-env';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator } from '../emulator/wechat-emulator';
import { FileRetainCache } from '../range/file-retain-cache';
import { isSet, usesEmulator, WECHAT_MODE_VARIABLES } from './emulator-mode';

export interface CliClient {
  client: RetainClient;
  /** The AppID the numbers are for. */
  appid: string;
  /** Set when the numbers come from the embedded emulator (sample data, not the app's): what to say about it. */
  emulatorNotice?: string;
  /** Where requests go, for a hint when it cannot be reached; without any user:password. */
  apiBase: string;
  close(): Promise<void>;
}

/**
 * What stops `env` from calling WeChat, in one message: every missing variable (AppID and
 * AppSecret both, when both are missing) and every invalid one, or undefined when nothing does.
 */
export function wechatConfigProblem(env: Record<string, string | undefined>): string | undefined {
  const missing = (['WECHAT_APPID', 'WECHAT_APPSECRET'] as const).filter((name) => !isSet(env[name]));
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set: set WECHAT_APPID and WECHAT_APPSECRET to call WeChat, or unset ${WECHAT_MODE_VARIABLES.filter((name) => isSet(env[name])).join(' and ')} to use the embedded emulator`,
    );
  }
  try {
    readFunctionConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The function's message tells an admin where the cloud console keeps variables; here they are the shell's.
    problems.push(error.message.replace(/ \(set it in the cloud console[^)]*\)$/, ''));
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/**
 * The client the CLI works with: WeChat itself, configured by the function's environment
 * variables with the function's own rules (API security included), or, with none of
 * WECHAT_APPID, WECHAT_APPSECRET and WECHAT_API_BASE set, the embedded emulator. Final days
 * are cached in `cacheDir`. `clock` is the CLI's, so that the library's "yesterday" is the one
 * the CLI checked the dates against.
 * @throws UsageError naming every missing or invalid variable, before any request.
 */
export async function cliClient(env: Record<string, string | undefined>, cacheDir: string, logger: Logger, clock: () => number = Date.now): Promise<CliClient> {
  const retainCache = new FileRetainCache(cacheDir);
  if (!usesEmulator(env)) {
    const problem = wechatConfigProblem(env);
    if (problem) throw new UsageError(problem);
    try {
      const config = readFunctionConfig(env);
      const appid = config.appid as string;
      const security = config.security && securityContextOf(config.security, appid);
      const client = createClient({ appid, secret: config.secret, apiBase: config.apiBase, retainCache, logger, security, clock });
      return { client, appid, apiBase: withoutUserinfo(config.apiBase), close: async () => undefined };
    } catch (error) {
      // A key that does not parse (API security): the message names its variable.
      if (error instanceof ConfigError) throw new UsageError(error.message);
      throw error;
    }
  }
  const emulator = await startEmulator({ latencyMs: 20, clock });
  const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, retainCache, logger, clock });
  return {
    client,
    appid: EMULATOR_APPID,
    emulatorNotice: `none of ${WECHAT_MODE_VARIABLES.join(', ')} is set: using the embedded WeChat emulator (AppID ${EMULATOR_APPID}, sample data)`,
    apiBase: emulator.url,
    close: () => emulator.close(),
  };
}

function withoutUserinfo(base: string): string {
  const url = new URL(base);
  url.username = '';
  url.password = '';
  return url.href.replace(/\/$/, '');
}

/** Bad arguments or environment: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
