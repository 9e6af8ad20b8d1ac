/**
 * The variables that say "call WeChat": with none of them set, `daily-retain` and `npm start`
 * use the embedded emulator. One of them alone is a configuration in progress, never a
 * reason to show sample data: the run then names what is missing. (A file of its own so
 * that `npm start` can ask without loading the client.)
 */
export const WECHAT_MODE_VARIABLES = ['WECHAT_APPID', 'WECHAT_APPSECRET', 'WECHAT_API_BASE'] as const;

/** Whether a variable counts as set: blank is unset, as the function reads it. */
export const isSet = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';

/** Whether a run with `env` uses the embedded emulator: none of WECHAT_MODE_VARIABLES is set. */
export function usesEmulator(env: Record<string, string | undefined>): boolean {
  return WECHAT_MODE_VARIABLES.every((name) => !isSet(env[name]));
}
