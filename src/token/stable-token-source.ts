import type { Clock } from '../deadline';
import { ErrorCode, TransportError } from '../errors';
import { httpRequest } from '../http-request';
import { withRetries, type RetryPolicy } from '../retry';
import { parseWeChatResponse } from '../wechat-response';
import type { TokenSource } from './access-token';

/** https://developers.weixin.qq.com/miniprogram/dev/server/API/mp-access-token/api_getstableaccesstoken.html */
export const STABLE_TOKEN_PATH = '/cgi-bin/stable_token';

export interface StableTokenOptions {
  apiBase: string;
  secret: string;
  clock: Clock;
  attemptTimeoutMs: number;
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Tokens from `POST /cgi-bin/stable_token` in normal mode. Normal mode returns the same
 * token to every caller while it is valid, so instances that race do not invalidate each
 * other. `force_refresh` is never sent: it is limited to 20 a day and invalidates the token
 * that every other instance holds.
 */
export function stableTokenSource(options: StableTokenOptions): TokenSource {
  // Appended, not resolved: a proxy's base path (https://proxy/wechat) must stay in the URL.
  const url = new URL(options.apiBase + STABLE_TOKEN_PATH);
  return async ({ appid, deadlineAt }) => {
    // The secret travels in the body, which never goes into an error or a log line.
    const body = JSON.stringify({ grant_type: 'client_credential', appid, secret: options.secret, force_refresh: false });
    const json = await withRetries(
      async (timeoutMs) => parseWeChatResponse(await httpRequest({ method: 'POST', url, body, timeoutMs }), STABLE_TOKEN_PATH),
      { deadlineAt, clock: options.clock, attemptTimeoutMs: options.attemptTimeoutMs, policy: options.retry, sleep: options.sleep },
    );
    const { access_token: accessToken, expires_in: expiresIn } = json;
    if (typeof accessToken !== 'string' || accessToken === '' || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
      throw new TransportError(
        ErrorCode.BAD_RESPONSE,
        `${STABLE_TOKEN_PATH} answered without a usable access_token and expires_in`,
        false,
      );
    }
    return { accessToken, expiresInSeconds: expiresIn };
  };
}
