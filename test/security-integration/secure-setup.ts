import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import type { SecuritySettings } from '../../src/security/security-env';

/** An app's API-security material, as the admin console would hold it. */
export interface AppKeys {
  symKey: string;
  symSn: string;
  asymSn: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function appKeys(): AppKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const hex = () => randomBytes(16).toString('hex');
  return { symKey: randomBytes(32).toString('base64'), symSn: hex(), asymSn: hex(), privateKey, publicKey };
}

/** An emulator whose platform knows `keys`: it checks sealed requests and seals its answers. */
export function startSecureEmulator(keys: AppKeys): Promise<WeChatEmulator> {
  return startEmulator({ security: { symKey: keys.symKey, symSn: keys.symSn, appPublicKey: keys.publicKey } });
}

export type PemForm = 'PEM' | 'literal \\n' | 'base64';

/** A PEM in one of the forms a one-line console field can hold. */
export function oneLine(pem: string, form: PemForm): string {
  if (form === 'literal \\n') return pem.trim().replace(/\n/g, '\\n');
  if (form === 'base64') return Buffer.from(pem).toString('base64');
  return pem;
}

export function privateKeyPem(keys: AppKeys, format: 'pkcs1' | 'pkcs8'): string {
  return keys.privateKey.export({ type: format, format: 'pem' }).toString();
}

export type Certificates = ReadonlyArray<{ sn: string; certificate: string }>;

/** The platform certificate the emulator signs with now. */
export function currentCertificate(emulator: WeChatEmulator): Certificates {
  const security = emulator.security;
  if (!security) throw new Error('the emulator has no API security');
  return [security.current];
}

/** The six WECHAT_API_* variables, in the forms asked for. */
export function securityEnv(
  keys: AppKeys,
  certs: Certificates,
  forms: { key?: 'pkcs1' | 'pkcs8'; keyForm?: PemForm; certForm?: PemForm } = {},
): Record<string, string> {
  return {
    WECHAT_API_SYM_KEY: keys.symKey,
    WECHAT_API_SYM_SN: keys.symSn,
    WECHAT_API_ASYM_KEY: oneLine(privateKeyPem(keys, forms.key ?? 'pkcs1'), forms.keyForm ?? 'literal \\n'),
    WECHAT_API_ASYM_SN: keys.asymSn,
    WECHAT_API_PLATFORM_CERT: certs.map((c) => oneLine(c.certificate, forms.certForm ?? 'base64')).join('|'),
    WECHAT_API_PLATFORM_CERT_SN: certs.map((c) => c.sn).join('|'),
  };
}

/** The library option `security`. */
export function securitySettings(keys: AppKeys, certs: Certificates): SecuritySettings {
  return {
    symKey: keys.symKey,
    symSn: keys.symSn,
    asymKey: privateKeyPem(keys, 'pkcs8'),
    asymSn: keys.asymSn,
    platformCerts: certs.map(({ sn, certificate }) => ({ sn, cert: certificate })),
  };
}

/** loadBuiltFunction clears only the variables it knows: clear ours between tests. */
export function clearSecurityEnv(): void {
  for (const name of Object.keys(process.env)) if (name.startsWith('WECHAT_API_') && name !== 'WECHAT_API_BASE') delete process.env[name];
}

/** What must never show in a result or a log line. */
export function secretsOf(keys: AppKeys): string[] {
  const pkcs1 = privateKeyPem(keys, 'pkcs1');
  const body = pkcs1.split('\n').slice(1, 4).join('');
  return [keys.symKey, body.slice(0, 40), Buffer.from(pkcs1).toString('base64').slice(0, 40)];
}
