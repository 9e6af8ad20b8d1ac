import { randomBytes } from 'node:crypto';
import { encryptGcm, IV_BYTES } from './aes-gcm';
import { signPss } from './rsa-pss';
import type { SecurityContext } from './security-config';
import { SecurityError } from './security-error';
import { SecurityErrorCode } from './security-error-codes';
import { aadOf, stringToSign, urlPathOf } from './signing-input';

export interface SealRequestInput {
  /** The API path, e.g. `/datacube/getweanalysisappiddailyretaininfo` (a query is ignored). */
  path: string;
  /** The original body fields (and query fields); `access_token` is left out. */
  params: Readonly<Record<string, unknown>>;
  /** Unix seconds. @default now */
  timestamp?: number;
  /** `_n`. @default base64 of 16 random bytes without padding, as the official Node sample */
  nonce?: string;
  /** 12 bytes. @default random */
  iv?: Buffer;
}

export interface SealedRequest {
  /** The exact bytes to send (as UTF-8), with `Content-Type: application/json; charset=utf-8`. */
  body: string;
  headers: { 'Wechatmp-Appid': string; 'Wechatmp-TimeStamp': string; 'Wechatmp-Signature': string };
  timestamp: number;
}

const RESERVED = ['_n', '_appid', '_timestamp'];

/**
 * Encrypts, then signs, one request (spec §3.2–3.3): the plaintext starts with `_n`,
 * `_appid` and a numeric `_timestamp`; AAD is `urlpath|appid|ts|symSN`; the signature
 * covers `urlpath\nappid\nts\nbody`.
 * @throws SecurityError RESERVED_PARAM if a parameter is named `_n`, `_appid` or `_timestamp`
 */
export function sealRequest(ctx: SecurityContext, input: SealRequestInput): SealedRequest {
  const clash = RESERVED.find((name) => Object.hasOwn(input.params, name));
  if (clash) throw new SecurityError(SecurityErrorCode.RESERVED_PARAM, `request parameter "${clash}" is reserved by API security`);
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const nonce = input.nonce ?? randomBytes(16).toString('base64').replace(/=+$/, '');
  const { access_token: _token, ...params } = input.params;
  const plaintext = JSON.stringify({ _n: nonce, _appid: ctx.appid, _timestamp: timestamp, ...params });
  const urlpath = urlPathOf(ctx.urlBase, input.path);
  const aad = aadOf(urlpath, ctx.appid, timestamp, ctx.symSn);
  const envelope = encryptGcm(ctx.symKey, input.iv ?? randomBytes(IV_BYTES), aad, Buffer.from(plaintext, 'utf8'));
  const body = JSON.stringify({ iv: envelope.iv, data: envelope.data, authtag: envelope.authtag });
  const signature = signPss(ctx.privateKey, stringToSign(urlpath, ctx.appid, timestamp, body));
  return {
    body,
    headers: { 'Wechatmp-Appid': ctx.appid, 'Wechatmp-TimeStamp': String(timestamp), 'Wechatmp-Signature': signature },
    timestamp,
  };
}
