import { constants, type KeyObject, sign, verify } from 'node:crypto';

/** RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32 (spec §3.2 step 8), as WxJava and the official sample. */
export function signPss(privateKey: KeyObject, data: Buffer): string {
  return sign('sha256', data, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }).toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Verifies a base64 PSS signature. The salt length is auto-detected: the guide says it
 * "normally needn't be specified", and the official example verifies either way.
 */
export function verifyPss(publicKey: KeyObject, data: Buffer, signature: string): boolean {
  if (!BASE64.test(signature)) return false;
  try {
    return verify(
      'sha256',
      data,
      { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
      Buffer.from(signature, 'base64'),
    );
  } catch {
    // A signature of the wrong length makes OpenSSL throw rather than return false.
    return false;
  }
}
