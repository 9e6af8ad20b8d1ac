import { getCiphers, type KeyObject } from 'node:crypto';
import { SecurityError } from './security-error';
import { SecurityErrorCode } from './security-error-codes';

/**
 * What this runtime's crypto offers for WeChat's SM suite (SM4_GCM + SM2withSM3).
 * `sm2WithSm3` is always false: WeChat makes the SM2 user ID the key's SN, and Node has no
 * way to set that ID (OpenSSL 3 signs with an empty ID; Node 16's OpenSSL 1.1.1 does not
 * sign SM2 at all). The package therefore refuses SM keys rather than send bad requests.
 */
export function smSupport(): { sm4Gcm: boolean; sm2WithSm3: boolean } {
  return { sm4Gcm: getCiphers().includes('sm4-gcm'), sm2WithSm3: false };
}

// DER of the SM2 curve's OID 1.2.156.10197.1.301, as it appears in SM2 keys and certificates.
const SM2_CURVE_OID = Buffer.from('06082a811ccf5501822d', 'hex');

/** True for keys on the SM2 curve (Node reports them as `ec`, or with no type at all). */
export function isSm2Key(key: KeyObject): boolean {
  if (key.asymmetricKeyType === 'rsa') return false;
  try {
    const der = key.type === 'private' ? key.export({ type: 'pkcs8', format: 'der' }) : key.export({ type: 'spki', format: 'der' });
    return der.includes(SM2_CURVE_OID);
  } catch {
    return false;
  }
}

/** The error for an SM4 or SM2 key in `setting`: says why, and what to choose instead. */
export function smUnsupportedError(setting: string, algorithm: 'SM4_GCM' | 'SM2withSM3'): SecurityError {
  const runtime = `Node ${process.versions.node}, OpenSSL ${process.versions.openssl}`;
  const why =
    algorithm === 'SM4_GCM'
      ? smSupport().sm4Gcm
        ? 'this package implements AES256_GCM only'
        : `Node's crypto on this runtime (${runtime}) has no SM4-GCM cipher`
      : `Node's crypto on this runtime (${runtime}) cannot set the SM2 user ID that WeChat requires`;
  return new SecurityError(
    SecurityErrorCode.UNSUPPORTED_ALGORITHM,
    `${setting} holds a ${algorithm} key, which is not supported: ${why}. In the admin console (开发管理 → 开发设置 → API安全) choose AES256_GCM and RSAwithSHA256 instead`,
  );
}
