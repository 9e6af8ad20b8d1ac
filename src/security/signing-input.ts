/**
 * The strings that bind ciphertext and signature to one call (spec §3.2 steps 2, 4 and 7).
 * https://developers.weixin.qq.com/miniprogram/dev/server/getting_started/api_signature.html
 */

/** The official WeChat host: the urlpath is built from it even when requests go elsewhere. */
export const OFFICIAL_URL_BASE = 'https://api.weixin.qq.com';

/** `https://host/path` without the query: what WeChat signs and authenticates. */
export function urlPathOf(urlBase: string, path: string): string {
  const withoutQuery = path.split(/[?#]/, 1)[0] ?? '';
  return urlBase.replace(/\/+$/, '') + (withoutQuery.startsWith('/') ? withoutQuery : `/${withoutQuery}`);
}

/** AES-GCM additional data: `urlpath|appid|timestamp|symSN`. */
export function aadOf(urlpath: string, appid: string, timestamp: number, symSn: string): Buffer {
  return Buffer.from(`${urlpath}|${appid}|${timestamp}|${symSn}`, 'utf8');
}

/**
 * `urlpath\nappid\ntimestamp\nbody`, with the body's exact bytes and no trailing newline.
 * No SN goes in: an old doc page showed one, and WxJava's PR #3780 broke production with it.
 */
export function stringToSign(urlpath: string, appid: string, timestamp: number | string, body: Buffer | string): Buffer {
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`${urlpath}\n${appid}\n${timestamp}\n`, 'utf8'), raw]);
}
