import { SECURITY_ENV } from '../../src/security/security-env';

/**
 * Every environment variable the cloud functions read. The README's table, cloudbaserc.json
 * (which replaces all of a function's variables on deploy) and .env.example must list each.
 */
export const FUNCTION_VARIABLES = [
  'WECHAT_APPSECRET',
  'WECHAT_APPID',
  'WECHAT_API_BASE',
  'RETAIN_ALLOWED_OPENIDS',
  'WECHAT_TOKEN_STORE',
  'WECHAT_TOKEN_COLLECTION',
  'RETAIN_CACHE_COLLECTION',
  ...Object.values(SECURITY_ENV),
];
