import type { KeyObject } from 'node:crypto';
import { decryptGcm, IV_BYTES, TAG_BYTES } from './aes-gcm';
import { type HeaderBag, headerValue } from './header-value';
import { verifyPss } from './rsa-pss';
import type { SecurityContext } from './security-config';
import { SecurityError } from './security-error';
import { SecurityErrorCode as Code } from './security-error-codes';
import { aadOf, stringToSign, urlPathOf } from './signing-input';

export interface OpenResponseInput {
  /** The API path the request went to (a query is ignored). */
  path: string;
  headers: HeaderBag;
  /** The raw body, exactly as received. */
  body: Buffer | string;
  /** Epoch ms. @default Date.now() */
  now?: number;
}

export interface OpenedResponse {
  /** The API's normal answer, without `_n`, `_appid` and `_timestamp`. */
  payload: Record<string, unknown>;
  /** `Wechatmp-TimeStamp`, Unix seconds. */
  timestamp: number;
  /** The SN whose signature verified. */
  serial: string;
  /** Set when only the deprecated pair matched: log it (once per SN) so the certificate gets updated. */
  rotationWarning?: string;
}

/**
 * Verifies and decrypts a sealed response (spec §3.4–3.6), in this order: pick the signature
 * by SN, verify it over the raw body before anything is parsed, check the appid header and
 * the timestamp's freshness, decrypt with the response timestamp's AAD, check `_appid` and
 * `_timestamp`, strip them. WeChat's errors come unsigned: secure-exchange.ts reads them first.
 * @throws SecurityError with the code of the first check that failed
 */
export function openResponse(ctx: SecurityContext, input: OpenResponseInput): OpenedResponse {
  const raw = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
  const { serial, signature, key, rotationWarning } = pickSignature(ctx, input.headers);
  const appid = headerValue(input.headers, 'Wechatmp-Appid');
  if (appid === undefined) throw new SecurityError(Code.RESPONSE_APPID_MISMATCH, 'the response has no Wechatmp-Appid header');
  const stamp = headerValue(input.headers, 'Wechatmp-TimeStamp');
  if (stamp === undefined || !/^\d{1,12}$/.test(stamp)) {
    throw new SecurityError(Code.RESPONSE_TIMESTAMP, 'the response has no valid Wechatmp-TimeStamp header (Unix seconds)');
  }
  const urlpath = urlPathOf(ctx.urlBase, input.path);
  if (!verifyPss(key, stringToSign(urlpath, appid, stamp, raw), signature)) {
    throw new SecurityError(Code.RESPONSE_BAD_SIGNATURE, `the response signature does not verify with the platform certificate of SN ${serial}: refused`);
  }
  if (appid !== ctx.appid) {
    throw new SecurityError(Code.RESPONSE_APPID_MISMATCH, `the response's Wechatmp-Appid is ${printable(appid)}, not our AppID ${ctx.appid}: refused`);
  }
  const timestamp = Number(stamp);
  const skewMs = (input.now ?? Date.now()) - timestamp * 1000;
  if (Math.abs(skewMs) > ctx.maxClockSkewSeconds * 1000) {
    const skew = Math.round(skewMs / 1000);
    throw new SecurityError(
      Code.RESPONSE_TIMESTAMP,
      `the response's Wechatmp-TimeStamp is ${Math.abs(skew)} s ${skew > 0 ? 'old' : 'in the future'} (allowed: ${ctx.maxClockSkewSeconds} s): a replayed response, or a wrong server clock`,
    );
  }
  const plaintext = decrypt(ctx, raw, aadOf(urlpath, ctx.appid, timestamp, ctx.symSn));
  const { _n, _appid, _timestamp, ...payload } = plaintext;
  if (_appid !== ctx.appid) throw new SecurityError(Code.RESPONSE_PLAINTEXT_APPID, 'the decrypted _appid is not our AppID: refused');
  if (String(_timestamp) !== stamp) {
    throw new SecurityError(Code.RESPONSE_PLAINTEXT_TIMESTAMP, 'the decrypted _timestamp differs from Wechatmp-TimeStamp: refused');
  }
  return { payload, timestamp, serial, ...(rotationWarning ? { rotationWarning } : {}) };
}

/** Wechatmp-Serial if we hold its certificate, else the deprecated pair (with a warning). */
function pickSignature(ctx: SecurityContext, headers: HeaderBag): { serial: string; signature: string; key: KeyObject; rotationWarning?: string } {
  const serial = headerValue(headers, 'Wechatmp-Serial');
  const signature = headerValue(headers, 'Wechatmp-Signature');
  if (signature === undefined) {
    throw new SecurityError(Code.RESPONSE_UNSIGNED, 'the response has no Wechatmp-Signature header and is not a WeChat error: refused');
  }
  const key = serial === undefined ? undefined : ctx.platformKeys.get(serial.toLowerCase());
  if (serial !== undefined && key) return { serial, signature, key };
  const oldSerial = headerValue(headers, 'Wechatmp-Serial-Deprecated');
  const oldSignature = headerValue(headers, 'Wechatmp-Signature-Deprecated');
  const oldKey = oldSerial === undefined ? undefined : ctx.platformKeys.get(oldSerial.toLowerCase());
  if (oldSerial !== undefined && oldSignature !== undefined && oldKey) {
    const rotationWarning = `WeChat is retiring platform certificate SN ${oldSerial}: download the new one (SN ${printable(serial)}) in 开发管理 → 开发设置 → API安全 and add it to WECHAT_API_PLATFORM_CERT / WECHAT_API_PLATFORM_CERT_SN`;
    return { serial: oldSerial, signature: oldSignature, key: oldKey, rotationWarning };
  }
  const received = [serial, oldSerial].filter((s) => s !== undefined).map(printable);
  throw new SecurityError(
    Code.RESPONSE_UNKNOWN_SERIAL,
    `no configured platform certificate matches the response's SN (${received.join(', ') || 'none sent'}; configured: ${[...ctx.platformKeys.keys()].join(', ')}): download the current certificate in API安全 and add it with its SN`,
  );
}

function decrypt(ctx: SecurityContext, raw: Buffer, aad: Buffer): Record<string, unknown> {
  const envelope = jsonObject(raw);
  const [iv, data, tag] = [envelope?.iv, envelope?.data, envelope?.authtag].map(base64);
  if (!iv || !data || !tag || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecurityError(Code.RESPONSE_MALFORMED, 'the signed body is not {"iv","data","authtag"} with a 12-byte IV and a 16-byte tag');
  }
  let plaintext: Buffer;
  try {
    plaintext = decryptGcm(ctx.symKey, iv, aad, data, tag);
  } catch {
    throw new SecurityError(Code.RESPONSE_DECRYPT_FAILED, 'the response does not decrypt: check WECHAT_API_SYM_KEY and WECHAT_API_SYM_SN against API安全');
  }
  const json = jsonObject(plaintext);
  if (!json) throw new SecurityError(Code.RESPONSE_PLAINTEXT_MALFORMED, 'the decrypted response is not a JSON object');
  return json;
}

function jsonObject(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(raw.toString('utf8'));
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function base64(value: unknown): Buffer | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value) && value.length % 4 === 0 ? Buffer.from(value, 'base64') : undefined;
}

/** A header value fit for a message: SNs and AppIDs are short words; anything else is not echoed. */
function printable(value: string | undefined): string {
  return value !== undefined && /^[\w-]{1,64}$/.test(value) ? value : '(malformed)';
}
