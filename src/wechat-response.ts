import { hintFor } from './error-hints';
import { ErrorCode, TransportError, WeChatApiError } from './errors';
import type { HttpResponse } from './http-request';
import { describe } from './daily-retain/event-parser';
import { redact, shorten } from './redact';

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
  const unusable = unusableJson(json);
  if (unusable) throw new TransportError(ErrorCode.BAD_RESPONSE, `${path} answered ${unusable}${excerpt(body)}`, false);
  const result = json as WeChatJson;
  const { errcode, errmsg } = result;
  // wx-server-sdk's rule (`if (result.errcode)`): a falsy errcode (absent, 0, null, "",
  // false) is success. A truthy one is a failure, with one difference: errCode is always a
  // number. WeChat sends a number; a string of digits is read as one, and "0" as success
  // (wx-server-sdk would fail with the string "0" as errCode). Anything else (1.5, "busy",
  // true, or 1e20, which no errCode check could tell apart from its neighbours) makes the
  // answer unusable.
  if (!errcode) return result;
  const code = typeof errcode === 'number' ? errcode : typeof errcode === 'string' && /^-?\d+$/.test(errcode) ? Number(errcode) : Number.NaN;
  if (!Number.isSafeInteger(code)) {
    throw new TransportError(ErrorCode.BAD_RESPONSE, `${path} answered an errcode that is not a safe integer${excerpt(body)}`, false);
  }
  if (code === 0) return result;
  throw new WeChatApiError(code, errmsgText(errmsg), path, hintFor(code, path));
}

/**
 * json-bigint 1.0.0's tests for a key (`suspectProtoRx`, `suspectConstructorRx` in
 * lib/parse.js), copied verbatim. wx-server-sdk parses answers with its defaults,
 * `protoAction: 'error'` and `constructorAction: 'error'`, so a key that holds `__proto__` or
 * `constructor` anywhere makes it reject the whole answer ("response body is invalid json").
 * We refuse such an answer too, so that no such key reaches any code.
 */
const SUSPECT_PROTO = /(?:_|\\u005[Ff])(?:_|\\u005[Ff])(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[Ff])(?:t|\\u0074)(?:o|\\u006[Ff])(?:_|\\u005[Ff])(?:_|\\u005[Ff])/;
const SUSPECT_CONSTRUCTOR = /(?:c|\\u0063)(?:o|\\u006[Ff])(?:n|\\u006[Ee])(?:s|\\u0073)(?:t|\\u0074)(?:r|\\u0072)(?:u|\\u0075)(?:c|\\u0063)(?:t|\\u0074)(?:o|\\u006[Ff])(?:r|\\u0072)/;

/**
 * Why parsed JSON is not an answer we can use, or undefined: nested deeper than any code
 * that walks it (camelCasing it) could follow, a number too large for JSON.parse (`1e400`
 * becomes Infinity; json-bigint rejects it), or a key json-bigint refuses. Without recursion,
 * and without an allocation per value: it runs on every answer.
 */
function unusableJson(json: object): string | undefined {
  const items: unknown[] = [json];
  const depths: number[] = [1];
  while (items.length > 0) {
    const item = items.pop();
    const depth = depths.pop() as number;
    if (typeof item === 'number' && !Number.isFinite(item)) return 'a number too large for JSON';
    if (item === null || typeof item !== 'object') continue;
    if (depth > MAX_DEPTH) return `JSON nested deeper than ${MAX_DEPTH} levels`;
    for (const key of Object.keys(item)) {
      // Neither pattern matches fewer than 9 characters (`__proto__`; `constructor` has 11).
      if (key.length >= 9 && (SUSPECT_PROTO.test(key) || SUSPECT_CONSTRUCTOR.test(key))) return `a key that wx-server-sdk refuses too (${describe(key)})`;
      items.push((item as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return undefined;
}

/**
 * WeChat's errmsg as text: a string verbatim, a number or boolean as wx-server-sdk's
 * template would print it, an object as JSON (not "[object Object]"), nothing for none.
 * WeChat's errmsgs are a sentence and a rid; a longer one is cut, so results and logs stay
 * readable.
 */
function errmsgText(errmsg: unknown): string {
  if (errmsg === undefined || errmsg === null) return '';
  return shorten(typeof errmsg === 'object' ? JSON.stringify(errmsg) : String(errmsg), 300);
}

/**
 * Credential fields in JSON: a token answer that is unusable for another reason (an odd
 * errcode, cut off in the middle) still carries a live token, which must not be quoted.
 */
const CREDENTIAL_FIELDS = /("(?:\w*access_token|\w*secret|session_key|refresh_token)"\s*:\s*)(?:"[^"]*"?|[^\s,}\]]+)/gi;

/**
 * The start of a body, for error messages, with credentials in JSON fields and URLs masked.
 * Cut between words (see shorten), so that a secret the body echoes is either whole, and
 * redacted later with the secrets the client knows, or not there at all.
 */
function excerpt(body: Buffer): string {
  // 4 bytes per character at most: enough text to see whether the 120th character ends a word.
  const text = body.toString('utf8', 0, 4 * 121).replace(/\s+/g, ' ').trim();
  const start = redact(shorten(text.replace(CREDENTIAL_FIELDS, '$1"[REDACTED]"'), 120));
  if (!start) return ' (empty body)';
  return `: "${start}${body.length > 4 * 121 && !start.endsWith('…') ? '…' : ''}"`;
}
