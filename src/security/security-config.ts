import type { KeyObject } from 'node:crypto';
import { APPID_PATTERN } from '../appid';
import { isHttpUrl } from '../http-url';
import { ConfigError } from '../errors';
import { parsePlatformKey, parsePrivateKey } from './key-material';
import { OFFICIAL_URL_BASE } from './signing-input';
import { smUnsupportedError } from './sm-support';
import * as z from '../zod-mini';

/** The values the admin console shows under 开发管理 → 开发设置 → API安全. */
export interface SecurityConfig {
  /** The mini program's AppID. */
  appid: string;
  /** The symmetric key, base64 of 32 bytes (AES256_GCM). */
  symKey: string;
  /** The symmetric key's SN (32 hex characters in the console). */
  symSn: string;
  /** The app's RSA private key: PEM (PKCS#1 or PKCS#8), PEM with literal `\n`, or base64 of the PEM. */
  asymKey: string;
  /** The SN the console shows for the app's public key. */
  asymSn: string;
  /** Platform certificates by console SN (not the X.509 serial); several during a rotation. */
  platformCerts: ReadonlyArray<{ sn: string; cert: string }>;
  /** The host in the signed urlpath, kept official even when requests go to a proxy. @default 'https://api.weixin.qq.com' */
  urlBase?: string;
  /** How far a response's timestamp may be from our clock, in seconds. @default 300 */
  maxClockSkewSeconds?: number;
}

/** Everything sealing and opening need, parsed once. */
export interface SecurityContext {
  appid: string;
  symKey: Buffer;
  symSn: string;
  privateKey: KeyObject;
  asymSn: string;
  /** Platform public keys by SN, lower-cased (headers carry lower-case hex). */
  platformKeys: ReadonlyMap<string, KeyObject>;
  urlBase: string;
  maxClockSkewSeconds: number;
}

export const SECURITY_DEFAULTS = { urlBase: OFFICIAL_URL_BASE, maxClockSkewSeconds: 300 } as const;

/** How messages name each setting: option names for the library, variable names for the function. */
export type SettingNames = Record<keyof SecurityConfig | 'platformCertSn', string>;

export const OPTION_NAMES: SettingNames = {
  appid: 'option "appid"',
  symKey: 'option "security.symKey"',
  symSn: 'option "security.symSn"',
  asymKey: 'option "security.asymKey"',
  asymSn: 'option "security.asymSn"',
  platformCerts: 'option "security.platformCerts[].cert"',
  platformCertSn: 'option "security.platformCerts[].sn"',
  urlBase: 'option "security.urlBase"',
  maxClockSkewSeconds: 'option "security.maxClockSkewSeconds"',
};

const sn = z.string().check(z.trim(), z.regex(/^[0-9A-Za-z_-]{1,128}$/, 'must be the SN shown in the console (32 hex characters)'));
const text = z.string().check(z.trim(), z.minLength(1, 'must not be empty'));
const schema = z.object({
  appid: z.string().check(z.regex(APPID_PATTERN, 'must be an AppID such as "wx0123456789abcdef"')),
  symKey: text,
  symSn: sn,
  asymKey: text,
  asymSn: sn,
  platformCerts: z.array(z.object({ sn, cert: text })).check(z.minLength(1, 'must hold at least one certificate')),
  urlBase: z._default(z.string().check(z.trim(), z.refine(isHttpUrl, 'must be an http(s) URL such as https://api.weixin.qq.com')), SECURITY_DEFAULTS.urlBase),
  maxClockSkewSeconds: z._default(z.number().check(z.int(), z.positive(), z.maximum(3600)), SECURITY_DEFAULTS.maxClockSkewSeconds),
});

/**
 * Validates the configuration and parses its keys, once.
 * @throws ConfigError naming the setting and the rule (never the value);
 *   SecurityError UNSUPPORTED_ALGORITHM for SM4/SM2 keys.
 */
export function createSecurityContext(config: SecurityConfig, names: SettingNames = OPTION_NAMES): SecurityContext {
  const parsed = schema.safeParse(config);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${nameOf(issue.path, names)} ${issue.message}`);
    throw new ConfigError(`API security: ${problems.join('; ')}`);
  }
  const c = parsed.data;
  const platformKeys = new Map<string, KeyObject>();
  c.platformCerts.forEach(({ sn: certSn, cert }, i) => {
    const key = certSn.toLowerCase();
    if (platformKeys.has(key)) throw new ConfigError(`API security: ${names.platformCertSn} lists SN ${certSn} twice`);
    platformKeys.set(key, parsePlatformKey(cert, c.platformCerts.length > 1 ? `${names.platformCerts} #${i + 1}` : names.platformCerts));
  });
  return {
    appid: c.appid,
    symKey: symmetricKey(c.symKey, names.symKey),
    symSn: c.symSn,
    privateKey: parsePrivateKey(c.asymKey, names.asymKey),
    asymSn: c.asymSn,
    platformKeys,
    urlBase: c.urlBase.replace(/\/+$/, ''),
    maxClockSkewSeconds: c.maxClockSkewSeconds,
  };
}

function symmetricKey(value: string, setting: string): Buffer {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) {
    throw new ConfigError(`API security: ${setting} must be the base64 key shown in the console`);
  }
  const key = Buffer.from(value, 'base64');
  // The console's SM4_GCM keys are 16 bytes; AES256_GCM keys are 32.
  if (key.length === 16) throw smUnsupportedError(setting, 'SM4_GCM');
  if (key.length !== 32) throw new ConfigError(`API security: ${setting} must decode to 32 bytes (an AES256_GCM key), not ${key.length}`);
  return key;
}

function nameOf(path: ReadonlyArray<PropertyKey>, names: SettingNames): string {
  const [field, index, sub] = path;
  if (field !== 'platformCerts') return names[field as keyof SettingNames] ?? String(field);
  const which = typeof index === 'number' ? ` #${index + 1}` : '';
  return `${sub === 'sn' ? names.platformCertSn : names.platformCerts}${which}`;
}
