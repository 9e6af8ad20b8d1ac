import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ConfigError, ErrorCode } from '../../src/errors';
import { parsePlatformKey, parsePrivateKey, pemOf } from '../../src/security/key-material';
import { SecurityErrorCode } from '../../src/security/security-error-codes';
import { catchError } from './catch-error';
import { vectors } from './vectors';

const pkcs1 = vectors.asymmetricKey.privateKeyPem;
const pkcs8 = createPrivateKey(pkcs1).export({ type: 'pkcs8', format: 'pem' }).toString();
const cert = vectors.platformCertificate.pem;
const spki = (key: KeyObject) => (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' }).toString('hex');
const expected = spki(createPrivateKey(pkcs1));

/** The three forms a one-line console field can hold, plus newlines turned into spaces. */
const oneLineForms = (pem: string) => ({
  'PEM with real newlines': pem,
  'PEM with literal \\n': pem.trim().replace(/\n/g, '\\n'),
  'base64 of the PEM': Buffer.from(pem).toString('base64'),
  'PEM with spaces for newlines': pem.trim().replace(/\n/g, ' '),
});

describe('private keys', () => {
  it.each(Object.entries(oneLineForms(pkcs1)))('reads a PKCS#1 key given as %s', (_form, value) => {
    expect(spki(parsePrivateKey(value, 'WECHAT_API_ASYM_KEY'))).toBe(expected);
  });

  it.each(Object.entries(oneLineForms(pkcs8)))('reads a PKCS#8 key given as %s', (_form, value) => {
    expect(pkcs8).toContain('-----BEGIN PRIVATE KEY-----');
    expect(spki(parsePrivateKey(value, 'WECHAT_API_ASYM_KEY'))).toBe(expected);
  });

  it('names the setting and never echoes key material when the key is broken', () => {
    const broken = pkcs1.replace(/MII[A-Za-z0-9+/]{20}/, 'MIIxxxxxxxxxxxxxxxxxxxx');
    const body = pkcs1.split('\n')[3] ?? '';
    const error = catchError(() => parsePrivateKey(broken, 'WECHAT_API_ASYM_KEY'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('WECHAT_API_ASYM_KEY');
    expect(error.message).not.toContain(body.slice(0, 16));
  });

  it('refuses text that is not a PEM, naming the setting', () => {
    expect(() => parsePrivateKey('not a key at all!', 'WECHAT_API_ASYM_KEY')).toThrow(/WECHAT_API_ASYM_KEY is not a PEM/);
  });

  it('refuses a certificate where the private key belongs', () => {
    expect(() => parsePrivateKey(cert, 'WECHAT_API_ASYM_KEY')).toThrow(/WECHAT_API_ASYM_KEY holds a "CERTIFICATE" PEM/);
  });

  it('refuses a passphrase-protected key', () => {
    const encrypted = createPrivateKey(pkcs1).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
    expect(() => parsePrivateKey(encrypted, 'WECHAT_API_ASYM_KEY')).toThrow(/passphrase/);
  });

  it('refuses a non-RSA key', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => parsePrivateKey(pem, 'WECHAT_API_ASYM_KEY')).toThrow(expect.objectContaining({ errCode: ErrorCode.CONFIG, message: expect.stringMatching(/needs RSA/) }));
  });

  it('refuses an SM2 key as unsupported by this runtime', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => parsePrivateKey(pem, 'WECHAT_API_ASYM_KEY')).toThrow(
      expect.objectContaining({ errCode: SecurityErrorCode.UNSUPPORTED_ALGORITHM, message: expect.stringMatching(/^WECHAT_API_ASYM_KEY holds a SM2withSM3 key/) }),
    );
  });
});

describe('platform certificates', () => {
  const certKey = spki(parsePlatformKey(cert, 'WECHAT_API_PLATFORM_CERT'));

  it.each(Object.entries(oneLineForms(cert)))('reads an X.509 certificate given as %s', (_form, value) => {
    expect(spki(parsePlatformKey(value, 'WECHAT_API_PLATFORM_CERT'))).toBe(certKey);
  });

  it('accepts a bare public key too', () => {
    const publicPem = parsePlatformKey(cert, 'x').export({ type: 'spki', format: 'pem' }).toString();
    expect(spki(parsePlatformKey(publicPem, 'WECHAT_API_PLATFORM_CERT'))).toBe(certKey);
  });

  it('refuses a private key where the certificate belongs, naming the setting', () => {
    expect(() => parsePlatformKey(pkcs1, 'WECHAT_API_PLATFORM_CERT')).toThrow(/WECHAT_API_PLATFORM_CERT is not a readable platform certificate/);
  });
});

describe('pemOf', () => {
  it('re-wraps the body at 64 columns and strips surrounding quotes', () => {
    const { label, pem } = pemOf(`"${cert.trim().replace(/\n/g, '\\n')}"`, 'X');
    expect(label).toBe('CERTIFICATE');
    expect(pem.split('\n').every((line) => line.length <= 64 || line.startsWith('-----'))).toBe(true);
  });

  it('refuses two PEM blocks where one is expected', () => {
    expect(() => pemOf(cert + cert, 'WECHAT_API_PLATFORM_CERT')).toThrow(/holds 2 PEM blocks/);
  });
});
