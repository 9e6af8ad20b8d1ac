import { ConfigError } from '../errors';
import type { SecurityConfig, SecurityContext, SettingNames } from './security-config';

/** The function's API-security variables (README: "API security"). */
export const SECURITY_ENV = {
  symKey: 'WECHAT_API_SYM_KEY',
  symSn: 'WECHAT_API_SYM_SN',
  asymKey: 'WECHAT_API_ASYM_KEY',
  asymSn: 'WECHAT_API_ASYM_SN',
  platformCert: 'WECHAT_API_PLATFORM_CERT',
  platformCertSn: 'WECHAT_API_PLATFORM_CERT_SN',
} as const;

const ENV_NAMES: SettingNames = {
  appid: 'WECHAT_APPID',
  symKey: SECURITY_ENV.symKey,
  symSn: SECURITY_ENV.symSn,
  asymKey: SECURITY_ENV.asymKey,
  asymSn: SECURITY_ENV.asymSn,
  platformCerts: SECURITY_ENV.platformCert,
  platformCertSn: SECURITY_ENV.platformCertSn,
  urlBase: 'urlBase',
  maxClockSkewSeconds: 'maxClockSkewSeconds',
};

export type SecuritySettings = Omit<SecurityConfig, 'appid'>;

/**
 * Reads the six WECHAT_API_* variables. None set: API security is off (undefined). Some
 * set: a ConfigError that lists the missing ones, because calling in plain when the admin
 * meant to encrypt would be a silent downgrade.
 *
 * Several platform certificates (a rotation): put them in WECHAT_API_PLATFORM_CERT
 * separated by `|` (PEMs with real newlines may also simply follow each other), and their
 * SNs in WECHAT_API_PLATFORM_CERT_SN in the same order, separated by `|` or `,`.
 */
export function readSecurityEnv(env: Readonly<Record<string, string | undefined>>): SecuritySettings | undefined {
  const value = (name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined);
  const names = Object.values(SECURITY_ENV);
  const missing = names.filter((name) => value(name) === undefined);
  if (missing.length === names.length) return undefined;
  if (missing.length > 0) {
    throw new ConfigError(
      `API security is only partly configured: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing. Set all six WECHAT_API_* variables (from 开发管理 → 开发设置 → API安全), or none to call without API security`,
    );
  }
  const certs = (value(SECURITY_ENV.platformCert) ?? '').split('|').flatMap(splitPemBlocks);
  const sns = (value(SECURITY_ENV.platformCertSn) ?? '').split(/[|,]/).map((s) => s.trim());
  if (certs.length !== sns.length) {
    throw new ConfigError(
      `API security: ${SECURITY_ENV.platformCert} holds ${certs.length} certificate(s) but ${SECURITY_ENV.platformCertSn} holds ${sns.length} SN(s): give one SN per certificate, in the same order, separated by |`,
    );
  }
  return {
    symKey: value(SECURITY_ENV.symKey) ?? '',
    symSn: value(SECURITY_ENV.symSn) ?? '',
    asymKey: value(SECURITY_ENV.asymKey) ?? '',
    asymSn: value(SECURITY_ENV.asymSn) ?? '',
    platformCerts: certs.map((cert, i) => ({ sn: sns[i] ?? '', cert })),
  };
}

/**
 * Parses settings that readSecurityEnv read, with errors that name the variables. The
 * API-security code is loaded here, when the variables are set: a function without them
 * never loads it.
 */
export function securityContextOf(settings: SecuritySettings, appid: string): SecurityContext {
  const { createSecurityContext } = require('./security-config') as typeof import('./security-config');
  return createSecurityContext({ ...settings, appid }, ENV_NAMES);
}

function splitPemBlocks(piece: string): string[] {
  const parts = piece.split(/(?=-----BEGIN )/).map((part) => part.trim());
  return parts.filter((part, i) => part !== '' || (i === 0 && parts.length === 1));
}
