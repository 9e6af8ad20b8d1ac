import { createClient, type RetainClient } from '../client';
import { readFunctionConfig } from '../cloud-function/function-config';
import { ConfigError } from '../errors';
import { securityContextOf } from '../security/security-env';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator } from '../emulator/wechat-emulator';
import { FileRetainCache } from '../range/file-retain-cache';

export interface CliClient {
  client: RetainClient;
  /** The AppID the numbers are for. */
  appid: string;
  /** True when the numbers come from the embedded emulator: sample data, not the app's. */
  emulator: boolean;
  close(): Promise<void>;
}

/**
 * The client the CLI works with: WeChat itself, configured by the function's environment
 * variables (API security included), or, without WECHAT_APPSECRET, the embedded emulator
 * (said on stderr). Final days are cached in the user cache folder (RETAIN_CACHE_DIR
 * overrides it). A bad variable is a usage error that names it.
 */
export async function cliClient(env: Record<string, string | undefined>, note: (line: string) => void): Promise<CliClient> {
  const retainCache = new FileRetainCache(env.RETAIN_CACHE_DIR || undefined);
  const logger = { warn: note };
  if (env.WECHAT_APPSECRET) {
    try {
      // The function's own reading of its variables: same names, same rules, API security included.
      const config = readFunctionConfig(env);
      if (!config.appid) throw new UsageError('WECHAT_APPSECRET is set but WECHAT_APPID is not: set both, or neither to use the embedded emulator');
      const security = config.security && securityContextOf(config.security, config.appid);
      const client = createClient({ appid: config.appid, secret: config.secret, apiBase: config.apiBase, retainCache, logger, security });
      return { client, appid: config.appid, emulator: false, close: async () => undefined };
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(error.message.replace(/ \(set it in the cloud console[^)]*\)$/, ''));
      throw error;
    }
  }
  const emulator = await startEmulator({ latencyMs: 20 });
  note(`WECHAT_APPSECRET is not set: using the embedded WeChat emulator at ${emulator.url} (AppID ${EMULATOR_APPID}, sample data).`);
  const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, retainCache, logger });
  return { client, appid: EMULATOR_APPID, emulator: true, close: () => emulator.close() };
}

/** Bad arguments or environment: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
