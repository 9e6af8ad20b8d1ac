import { DAY } from './period/day-period';
import type { Period } from './period/period';
import { PERIODS } from './period/periods';
import { SECURITY_LAYER_HINTS } from './security/security-layer-hints';

/**
 * What to do about a WeChat errcode, appended to its errmsg so that the person reading a
 * failed result knows the next step. Sources: the common error code page
 * (https://developers.weixin.qq.com/doc/oplatform/developers/dev/AccessToken.html and
 * https://developers.weixin.qq.com/doc/channels/API/basics/commErrCode.html).
 */
const HINTS: Readonly<Record<number, string>> = {
  [-1]: 'WeChat is busy; try again in a moment',
  40001: 'the access token was rejected even after one refresh; check that WECHAT_APPID and WECHAT_APPSECRET belong to the same mini program',
  40002: 'invalid grant_type; this is a bug, please report it',
  40013: 'invalid AppID: check WECHAT_APPID',
  40014: 'the access token is malformed; check any custom token source',
  40125: 'invalid AppSecret: check WECHAT_APPSECRET (reset it in the mini-program admin console if unsure)',
  40164: "this server's IP is not in the API IP whitelist: turn the whitelist off in 开发管理 → 开发设置, or use a fixed egress IP and whitelist it",
  40243: 'the AppSecret is frozen: unfreeze it in the admin console',
  41004: 'the AppSecret is missing: set WECHAT_APPSECRET',
  42001: 'the access token expired even after one refresh; check the server clock and any custom token source',
  45009: 'the daily quota of this API is used up: wait until tomorrow or reset it with clear_quota',
  45011: 'the per-minute quota is used up: try again next minute',
  48001: 'this API is not authorised for this account or token type',
  50004: 'the token API is forbidden for this account',
  50007: 'the account is frozen',
  61007: 'the third-party platform lacks permission set 18 for this mini program',
  61500: 'dates must be yyyymmdd',
  61502: 'mini games are not supported by this API',
  89503: 'an administrator must confirm this call in WeChat: wait, then try again',
  89506: 'an administrator rejected this IP: try again after 24 hours',
  89507: 'an administrator rejected this IP: try again after 1 hour',
  // 40230–40240: the API-security layer (服务端 API 加密与签名).
  ...SECURITY_LAYER_HINTS,
};

/** The hints that depend on the period the API answers (61501, 61503). */
function periodHint(errcode: number, period: Period): string | undefined {
  const noun = period.id;
  if (errcode === 61501) {
    return noun === 'day' ? 'query one day, no later than yesterday (Beijing time)' : `query one ${noun} (${period.rule}) that has ended by yesterday (Beijing time)`;
  }
  // WeChat documents no time at which a mini program's data is ready (a "not ready" was seen at 09:57 Beijing time).
  if (errcode === 61503) return `the ${noun}'s data is not ready yet: try again later, as WeChat does not document when a ${noun} is ready`;
  return undefined;
}

/** What to do about `errcode` from the API at `path`. */
export function hintFor(errcode: number, path = DAY.path): string | undefined {
  const period = Object.values(PERIODS).find((candidate) => candidate.path === path) ?? DAY;
  return periodHint(errcode, period) ?? HINTS[errcode];
}
