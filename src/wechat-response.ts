import { hintFor } from './error-hints';
import { ErrorCode, TransportError, WeChatApiError } from './errors';
import type { HttpResponse } from './http-request';

export type WeChatJson = Record<string, unknown>;

/**
 * Turns an HTTP answer into WeChat's JSON, or a typed error. WeChat reports failures as
 * `{errcode, errmsg}` on HTTP 200, so they become `WeChatApiError` here, at the lowest
 * layer, and no caller can forget to check them.
 */
export function parseWeChatResponse(response: HttpResponse, path: string): WeChatJson {
  const { status, body } = response;
  if (status < 200 || status >= 300) {
    // 5xx and 429 are gateways and overload: worth another attempt. 4xx is our request.
    const transient = status >= 500 || status === 429;
    throw new TransportError(ErrorCode.HTTP_STATUS, `${path} answered HTTP ${status}${excerpt(body)}`, transient);
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (cause) {
    // A gateway's HTML page or a cut-off body: transient on the WeChat side.
    throw new TransportError(ErrorCode.BAD_RESPONSE, `${path} answered something that is not JSON${excerpt(body)}`, true, {
      cause,
    });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TransportError(ErrorCode.BAD_RESPONSE, `${path} answered JSON that is not an object${excerpt(body)}`, false);
  }
  const result = json as WeChatJson;
  const { errcode, errmsg } = result;
  if (errcode !== undefined && errcode !== 0) {
    const code = typeof errcode === 'number' ? errcode : Number(errcode);
    if (!Number.isInteger(code)) {
      throw new TransportError(ErrorCode.BAD_RESPONSE, `${path} answered a non-numeric errcode${excerpt(body)}`, false);
    }
    throw new WeChatApiError(code, typeof errmsg === 'string' ? errmsg : String(errmsg ?? ''), path, hintFor(code));
  }
  return result;
}

function excerpt(body: Buffer): string {
  const text = body.toString('utf8', 0, 120).replace(/\s+/g, ' ').trim();
  if (!text) return ' (empty body)';
  return `: "${text}${body.length > 120 ? '…' : ''}"`;
}
