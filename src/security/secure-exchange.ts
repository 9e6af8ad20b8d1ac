import type { DatacubeExchange } from '../datacube-exchange';
import type { Clock } from '../deadline';
import { httpRequest } from '../http-request';
import type { Logger } from '../options';
import { parseWeChatResponse } from '../wechat-response';
import { headerValue } from './header-value';
import { openResponse } from './open-response';
import { sealRequest } from './seal-request';
import type { SecurityContext } from './security-config';

/**
 * A datacube exchange with API security (spec §3.2–3.6). Called once per attempt, so every
 * retry is sealed anew: fresh timestamp, nonce and IV. WeChat's own errors come back plain
 * and unsigned, and become WeChatApiError exactly as without API security, so the token
 * refresh (40001) and the retries (-1) work unchanged. Anything else must verify and
 * decrypt, or it fails with a SecurityError and is never returned as data.
 */
export function secureExchange(ctx: SecurityContext, { clock, logger }: { clock: Clock; logger: Logger }): DatacubeExchange {
  const warned = new Set<string>();
  return async ({ url, path, params, timeoutMs }) => {
    const sealed = sealRequest(ctx, { path, params, timestamp: Math.floor(clock() / 1000) });
    const headers = { ...sealed.headers, 'content-type': 'application/json; charset=utf-8' };
    const res = await httpRequest({ method: 'POST', url, headers, body: sealed.body, timeoutMs });
    // HTTP errors and unsigned answers go through the plain parser first, so they fail exactly
    // as without API security: WeChat's errors (40001, -1, the security layer's 40230–40240,
    // each with its hint) as WeChatApiError, gateway pages and cut-off bodies as transient
    // transport errors. Unsigned data gets past it, for openResponse to refuse.
    const ok = res.status >= 200 && res.status < 300;
    if (!ok || headerValue(res.headers, 'Wechatmp-Signature') === undefined) parseWeChatResponse(res, path);
    const opened = openResponse(ctx, { path, headers: res.headers, body: res.body, now: clock() });
    if (opened.rotationWarning && !warned.has(opened.serial)) {
      warned.add(opened.serial);
      logger.warn(`API security: ${opened.rotationWarning}`);
    }
    // The decrypted payload is the API's normal answer: an errcode inside still throws.
    return parseWeChatResponse({ ...res, body: Buffer.from(JSON.stringify(opened.payload)) }, path);
  };
}
