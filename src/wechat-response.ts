import { hintFor } from './error-hints';
import { ErrorCode, TransportError, WeChatApiError } from './errors';
import type { HttpResponse } from './http-request';
import { redact } from './redact';

export type WeChatJson = Record<string, unknown>;

/** WeChat's answers are three levels deep; this leaves room for any field it may add. */
const MAX_DEPTH = 32;

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
  if (nestedDeeperThan(json, MAX_DEPTH)) {
    // Code that walks the answer (camelCasing it) would overflow the stack: not WeChat talking.
    throw new TransportError(ErrorCode.BAD_RESPONSE, `${path} answered JSON nested deeper than ${MAX_DEPTH} levels${excerpt(body)}`, false);
  }
  const result = json as WeChatJson;
  const { errcode, errmsg } = result;
  if (errcode === undefined) return result;
  // WeChat sends a number; a string of digits is read as one. Anything else (null, "",
  // "busy") makes the answer unusable. 0 in either form is success, never a failure with
  // errCode 0.
  const code =
    typeof errcode === 'number' ? errcode : typeof errcode === 'string' && /^-?\d+$/.test(errcode) ? Number(errcode) : Number.NaN;
  if (!Number.isInteger(code)) {
    throw new TransportError(ErrorCode.BAD_RESPONSE, `${path} answered a non-numeric errcode${excerpt(body)}`, false);
  }
  if (code !== 0) throw new WeChatApiError(code, shortText(errmsg), path, hintFor(code));
  return result;
}

/** Whether `value` holds objects or arrays more than `limit` levels deep; without recursion. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ item: unknown; depth: number }> = [{ item: value, depth: 1 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (next.item === null || typeof next.item !== 'object') continue;
    if (next.depth > limit) return true;
    for (const child of Object.values(next.item)) stack.push({ item: child, depth: next.depth + 1 });
  }
  return false;
}

/** WeChat's errmsgs are a sentence and a rid; a longer one is cut, so results and logs stay readable. */
function shortText(errmsg: unknown): string {
  const text = typeof errmsg === 'string' ? errmsg : errmsg === undefined || errmsg === null ? '' : JSON.stringify(errmsg);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * Credential fields in JSON: a token answer that is unusable for another reason (an odd
 * errcode, cut off in the middle) still carries a live token, which must not be quoted.
 */
const CREDENTIAL_FIELDS = /("(?:\w*access_token|\w*secret|session_key|refresh_token)"\s*:\s*)(?:"[^"]*"?|[^\s,}\]]+)/gi;

/** The start of a body, for error messages, with credentials in JSON fields and URLs masked. */
function excerpt(body: Buffer): string {
  const text = redact(body.toString('utf8', 0, 120).replace(/\s+/g, ' ').trim().replace(CREDENTIAL_FIELDS, '$1"[REDACTED]"'));
  if (!text) return ' (empty body)';
  return `: "${text}${body.length > 120 ? '…' : ''}"`;
}
