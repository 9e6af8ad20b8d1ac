import { createCipheriv, createDecipheriv } from 'node:crypto';

/** The sealed body's fields, base64, in the order WeChat sends them. */
export interface GcmEnvelope {
  iv: string;
  data: string;
  authtag: string;
}

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** AES-256-GCM with a 12-byte IV and a 128-bit tag; `data` is the ciphertext alone. */
export function encryptGcm(key: Buffer, iv: Buffer, aad: Buffer, plaintext: Buffer): GcmEnvelope {
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), data: data.toString('base64'), authtag: cipher.getAuthTag().toString('base64') };
}

/**
 * Decrypts and authenticates; throws if the tag does not match. `authTagLength` is fixed
 * because Node otherwise accepts a truncated tag, which would weaken the check.
 */
export function decryptGcm(key: Buffer, iv: Buffer, aad: Buffer, data: Buffer, tag: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}
