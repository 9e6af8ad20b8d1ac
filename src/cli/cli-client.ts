import { createClient, type RetainClient } from '../client';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator } from '../emulator/wechat-emulator';
import { FileRetainCache } from '../range/file-retain-cache';

export interface CliClient {
  client: RetainClient;
  close(): Promise<void>;
}

/**
 * The client the CLI works with: WeChat itself with the credentials of the function's
 * environment variables, or, without WECHAT_APPSECRET, the embedded emulator (said on
 * stderr). Final days are cached in the user cache folder (RETAIN_CACHE_DIR overrides it).
 */
export async function cliClient(env: Record<string, string | undefined>, note: (line: string) => void): Promise<CliClient> {
  const retainCache = new FileRetainCache(env.RETAIN_CACHE_DIR || undefined);
  const logger = { warn: note };
  if (env.WECHAT_APPSECRET) {
    if (!env.WECHAT_APPID) throw new UsageError('WECHAT_APPSECRET is set but WECHAT_APPID is not: set both, or neither to use the embedded emulator');
    const client = createClient({ appid: env.WECHAT_APPID, secret: env.WECHAT_APPSECRET, apiBase: env.WECHAT_API_BASE || undefined, retainCache, logger });
    return { client, close: async () => undefined };
  }
  const emulator = await startEmulator({ latencyMs: 20 });
  note(`WECHAT_APPSECRET is not set: using the embedded WeChat emulator at ${emulator.url} (AppID ${EMULATOR_APPID}, sample data).`);
  const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, retainCache, logger });
  return { client, close: () => emulator.close() };
}

/** Bad arguments or environment: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
