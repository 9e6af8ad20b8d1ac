import { createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { ConfigError } from '../errors';
import { isSm2Key, smUnsupportedError } from './sm-support';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64_TEXT = /^[A-Za-z0-9+/=\s]+$/;

/**
 * The PEM in a setting, in any form a one-line console field can hold: PEM with real
 * newlines, PEM with literal `\n` (or with its newlines turned into spaces), or base64 of
 * the PEM. The body is re-wrapped at 64 columns, so OpenSSL reads it whatever happened to
 * the line breaks. Messages name the setting, never its content.
 */
export function pemOf(value: string, setting: string): { label: string; pem: string } {
  let text = value.trim().replace(/^(["'])([\s\S]*)\1$/, '$2');
  if (!text.includes('-----BEGIN') && BASE64_TEXT.test(text)) text = Buffer.from(text, 'base64').toString('utf8');
  text = text.replace(/\\r/g, '').replace(/\\n/g, '\n');
  const blocks = [...text.matchAll(PEM_BLOCK)];
  const [block] = blocks;
  if (!block) {
    throw new ConfigError(`${setting} is not a PEM: expected "-----BEGIN …-----" … "-----END …-----", with real or literal \\n line breaks, or the base64 of such a PEM`);
  }
  if (blocks.length > 1) throw new ConfigError(`${setting} holds ${blocks.length} PEM blocks where one was expected`);
  const label = block[1] ?? '';
  const body = (block[2] ?? '').replace(/\s+/g, '');
  if (label.includes('ENCRYPTED') || body.includes(':')) {
    throw new ConfigError(`${setting} holds a passphrase-protected key: export it without a passphrase`);
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new ConfigError(`${setting} has characters in its PEM body that are not base64`);
  const lines = body.match(/.{1,64}/g) ?? [];
  return { label, pem: `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n` };
}

/** The app's private key: PKCS#1 (what the console downloads) or PKCS#8, RSA only. */
export function parsePrivateKey(value: string, setting: string): KeyObject {
  const { label, pem } = pemOf(value, setting);
  if (!label.endsWith('PRIVATE KEY')) {
    throw new ConfigError(`${setting} holds a "${label}" PEM: expected the app's private key ("BEGIN RSA PRIVATE KEY" or "BEGIN PRIVATE KEY")`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (cause) {
    throw new ConfigError(`${setting} is not a readable private key (expected PKCS#1 "BEGIN RSA PRIVATE KEY" or PKCS#8 "BEGIN PRIVATE KEY")`, { cause });
  }
  return requireRsa(key, setting);
}

/**
 * A platform certificate's public key. An X.509 certificate is what the console gives; a
 * bare "PUBLIC KEY" PEM is accepted too, since verification needs nothing else.
 */
export function parsePlatformKey(value: string, setting: string): KeyObject {
  const { label, pem } = pemOf(value, setting);
  let key: KeyObject;
  try {
    if (label === 'CERTIFICATE') key = new X509Certificate(pem).publicKey;
    else if (label === 'PUBLIC KEY') key = createPublicKey(pem);
    else throw new Error(`unexpected PEM label "${label}"`);
  } catch (cause) {
    throw new ConfigError(`${setting} is not a readable platform certificate (expected "BEGIN CERTIFICATE", as downloaded from the console)`, { cause });
  }
  return requireRsa(key, setting);
}

function requireRsa(key: KeyObject, setting: string): KeyObject {
  if (isSm2Key(key)) throw smUnsupportedError(setting, 'SM2withSM3');
  if (key.asymmetricKeyType !== 'rsa') {
    throw new ConfigError(`${setting} holds a ${key.asymmetricKeyType ?? 'non-RSA'} key: API security needs RSA (RSAwithSHA256)`);
  }
  return key;
}
