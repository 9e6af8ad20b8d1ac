import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { decryptGcm, encryptGcm, IV_BYTES, TAG_BYTES } from '../security/aes-gcm';
import { type HeaderBag, headerValue } from '../security/header-value';
import { signPss, verifyPss } from '../security/rsa-pss';
import { aadOf, OFFICIAL_URL_BASE, stringToSign, urlPathOf } from '../security/signing-input';
import { selfSignedCertificate } from './self-signed-certificate';

/** A platform certificate the emulator signs with: console SN, private key, X.509 PEM. */
export interface PlatformIdentity {
  sn: string;
  privateKey: KeyObject;
  certificate: string;
}

function createPlatformIdentity(sn = randomBytes(16).toString('hex')): PlatformIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { sn, privateKey, certificate: selfSignedCertificate(privateKey, publicKey, `WeChat emulator platform ${sn}`) };
}

export interface SecurityServerOptions {
  appid: string;
  /** The symmetric key, base64 (as the console shows it) or raw 32 bytes. */
  symKey: string | Buffer;
  symSn: string;
  /** The app's public key as uploaded to the console (a private key PEM works too). */
  appPublicKey: KeyObject | string;
  /** The host WeChat signs with, whatever address the emulator listens on. @default 'https://api.weixin.qq.com' */
  urlBase?: string;
  /** @default 300 */
  maxClockSkewSeconds?: number;
}

export interface SecurityServer {
  appid: string;
  symKey: Buffer;
  symSn: string;
  appPublicKey: KeyObject;
  urlBase: string;
  maxClockSkewSeconds: number;
  /** The certificate that signs every response. */
  current: PlatformIdentity;
  /** The retiring certificate that signs the deprecated pair in rotation mode. */
  deprecated: PlatformIdentity;
}

/** Generates the platform's two key pairs and self-signed certificates: call once, at start. */
export function createSecurityServer(options: SecurityServerOptions): SecurityServer {
  return {
    appid: options.appid,
    symKey: typeof options.symKey === 'string' ? Buffer.from(options.symKey, 'base64') : options.symKey,
    symSn: options.symSn,
    appPublicKey: typeof options.appPublicKey === 'string' ? createPublicKey(options.appPublicKey) : options.appPublicKey,
    urlBase: options.urlBase ?? OFFICIAL_URL_BASE,
    maxClockSkewSeconds: options.maxClockSkewSeconds ?? 300,
    current: createPlatformIdentity(),
    deprecated: createPlatformIdentity(),
  };
}

export type WeChatError = { errcode: number; errmsg: string };
export type VerifiedRequest = { ok: true; params: Record<string, unknown> } | { ok: false; error: WeChatError };

export interface SealedRequestInput {
  path: string;
  headers: HeaderBag;
  body: Buffer | string;
  /** Epoch ms. */
  now: number;
  /** The AppID of the request's access token. @default server.appid */
  tokenAppid?: string;
}

const refuse = (errcode: number, errmsg: string): VerifiedRequest => ({ ok: false, error: { errcode, errmsg } });

/**
 * The platform's side of a sealed request (spec §3.9), with WeChat's codes: missing headers
 * 40233/40231/40232, wrong appid 40237, stale timestamp 40240, bad signature 40234, bad
 * encryption or inner `_appid`/`_timestamp` 40235 (the real code for the last is undocumented).
 */
export function verifySealedRequest(server: SecurityServer, input: SealedRequestInput): VerifiedRequest {
  const appid = headerValue(input.headers, 'Wechatmp-Appid');
  const stamp = headerValue(input.headers, 'Wechatmp-TimeStamp');
  const signature = headerValue(input.headers, 'Wechatmp-Signature');
  if (appid === undefined) return refuse(40233, 'API_Missing_Wechatmp_Appid');
  if (stamp === undefined) return refuse(40231, 'API_Missing_Wechatmp_Timestamp');
  if (signature === undefined) return refuse(40232, 'API_Missing_Wechatmp_Signature');
  if (appid !== (input.tokenAppid ?? server.appid)) return refuse(40237, 'API_Invalid_Wechatmp_Appidmatch');
  const timestamp = Number(stamp);
  if (!/^\d{1,12}$/.test(stamp) || Math.abs(input.now / 1000 - timestamp) > server.maxClockSkewSeconds) {
    return refuse(40240, 'API_Expired_Wechatmp_Timestamp');
  }
  const raw = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
  const urlpath = urlPathOf(server.urlBase, input.path);
  if (!verifyPss(server.appPublicKey, stringToSign(urlpath, appid, stamp, raw), signature)) return refuse(40234, 'invalid signature');
  const plaintext = decryptBody(server, raw, aadOf(urlpath, appid, timestamp, server.symSn));
  if (!plaintext || plaintext._appid !== appid || plaintext._timestamp !== timestamp) return refuse(40235, 'API_Invalid_Encrypt');
  const { _n, _appid, _timestamp, ...params } = plaintext;
  return { ok: true, params };
}

function decryptBody(server: SecurityServer, raw: Buffer, aad: Buffer): Record<string, unknown> | undefined {
  try {
    const { iv, data, authtag } = JSON.parse(raw.toString('utf8')) as Record<string, string>;
    const [ivBytes, tag] = [Buffer.from(String(iv), 'base64'), Buffer.from(String(authtag), 'base64')];
    if (ivBytes.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
    const json: unknown = JSON.parse(decryptGcm(server.symKey, ivBytes, aad, Buffer.from(String(data), 'base64'), tag).toString('utf8'));
    return json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How to seal a response. `normal` and `rotation` (which adds the deprecated pair, signed
 * with the retiring certificate) are what WeChat sends; the rest are faults:
 * - `body`: a ciphertext character changed after signing → bad signature;
 * - `signature`: a valid signature of other bytes → bad signature;
 * - `timestamp`: correctly sealed and signed, 10 minutes ago (a replay) → stale timestamp;
 * - `appid`: correctly sealed and signed for another AppID → appid mismatch;
 * - `serial`: `Wechatmp-Serial` names a certificate nobody has → unknown serial;
 * - `ciphertext`: the tag altered before signing → decryption fails;
 * - `plaintext-appid` / `plaintext-timestamp`: a wrong `_appid` / `_timestamp` inside;
 * - `unsigned`: the payload as plain JSON, no headers.
 */
export type ResponseMode =
  | 'normal'
  | 'rotation'
  | 'body'
  | 'signature'
  | 'timestamp'
  | 'appid'
  | 'serial'
  | 'ciphertext'
  | 'plaintext-appid'
  | 'plaintext-timestamp'
  | 'unsigned';

export interface SealResponseInput {
  path: string;
  payload: Readonly<Record<string, unknown>>;
  /** Epoch ms. */
  now: number;
  /** @default 'normal' */
  mode?: ResponseMode;
}

const OTHER_APPID = 'wx0000000000000000';

/** The platform's side of a response (spec §3.9): `{_n,_appid,_timestamp,…payload}`, encrypted, signed. */
export function sealResponse(server: SecurityServer, input: SealResponseInput): { body: string; headers: Record<string, string> } {
  const mode = input.mode ?? 'normal';
  if (mode === 'unsigned') return { body: JSON.stringify(input.payload), headers: {} };
  const timestamp = Math.floor(input.now / 1000) - (mode === 'timestamp' ? 600 : 0);
  const appid = mode === 'appid' ? OTHER_APPID : server.appid;
  const plaintext = JSON.stringify({
    _n: randomBytes(16).toString('base64').replace(/=+$/, ''),
    _appid: mode === 'plaintext-appid' ? OTHER_APPID : appid,
    _timestamp: mode === 'plaintext-timestamp' ? timestamp - 1 : timestamp,
    ...input.payload,
  });
  const urlpath = urlPathOf(server.urlBase, input.path);
  const envelope = encryptGcm(server.symKey, randomBytes(IV_BYTES), aadOf(urlpath, appid, timestamp, server.symSn), Buffer.from(plaintext, 'utf8'));
  if (mode === 'ciphertext') envelope.authtag = flipFirstChar(envelope.authtag);
  let body = JSON.stringify({ iv: envelope.iv, data: envelope.data, authtag: envelope.authtag });
  const signed = (identity: PlatformIdentity) =>
    signPss(identity.privateKey, stringToSign(urlpath, appid, timestamp, mode === 'signature' ? `${body} ` : body));
  const headers: Record<string, string> = {
    'Wechatmp-Appid': appid,
    'Wechatmp-TimeStamp': String(timestamp),
    'Wechatmp-Serial': mode === 'serial' ? randomBytes(16).toString('hex') : server.current.sn,
    'Wechatmp-Signature': signed(server.current),
  };
  if (mode === 'rotation') {
    headers['Wechatmp-Serial-Deprecated'] = server.deprecated.sn;
    headers['Wechatmp-Signature-Deprecated'] = signed(server.deprecated);
  }
  if (mode === 'body') body = body.replace(`"data":"${envelope.data}"`, `"data":"${flipFirstChar(envelope.data)}"`);
  return { body, headers };
}

function flipFirstChar(base64: string): string {
  return (base64.startsWith('A') ? 'B' : 'A') + base64.slice(1);
}
