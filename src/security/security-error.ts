import { RetainError } from '../errors';
import type { SecurityErrorCodeValue } from './security-error-codes';

/**
 * An API-security check failed (see security-error-codes.ts). The message says which check;
 * it never contains key material, ciphertext or plaintext.
 */
export class SecurityError extends RetainError {
  override name = 'SecurityError';
  constructor(
    override readonly errCode: SecurityErrorCodeValue,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(errCode, message, options);
  }
}
