import { randomBytes } from 'node:crypto';
import { ConfigError } from '../../src/errors';
import { createSecurityContext } from '../../src/security/security-config';
import { readSecurityEnv, securityContextOf } from '../../src/security/security-env';

/** The function's path: the variables, then the keys parsed for one AppID. */
function securityFromEnv(env: Record<string, string | undefined>, appid: string) {
  const settings = readSecurityEnv(env);
  return settings && securityContextOf(settings, appid);
}
import { SecurityErrorCode } from '../../src/security/security-error-codes';
import { catchError } from './catch-error';
import { exampleConfig, vectors } from './vectors';

const CERT = vectors.platformCertificate.pem;
const OLD_SN = vectors.response.deprecated.serial;

const fullEnv = (): Record<string, string | undefined> => ({
  WECHAT_API_SYM_KEY: vectors.symmetricKey.keyBase64,
  WECHAT_API_SYM_SN: vectors.symmetricKey.sn,
  WECHAT_API_ASYM_KEY: vectors.asymmetricKey.privateKeyPem.trim().replace(/\n/g, '\\n'),
  WECHAT_API_ASYM_SN: vectors.asymmetricKey.sn,
  WECHAT_API_PLATFORM_CERT: Buffer.from(CERT).toString('base64'),
  WECHAT_API_PLATFORM_CERT_SN: vectors.platformCertificate.sn,
});

describe('createSecurityContext', () => {
  it('parses the keys once and fills in the defaults', () => {
    const ctx = createSecurityContext(exampleConfig());
    expect(ctx.symKey).toHaveLength(32);
    expect(ctx.privateKey.asymmetricKeyType).toBe('rsa');
    expect([...ctx.platformKeys.keys()]).toEqual([vectors.platformCertificate.sn]);
    expect(ctx.urlBase).toBe('https://api.weixin.qq.com');
    expect(ctx.maxClockSkewSeconds).toBe(300);
  });

  it('names library options in its messages', () => {
    expect(() => createSecurityContext(exampleConfig({ appid: 'nope', symSn: '' }))).toThrow(/option "appid" must be an AppID.*option "security.symSn"/);
  });

  it('refuses a symmetric key of the wrong length without echoing it', () => {
    const symKey = randomBytes(24).toString('base64');
    const error = catchError(() => createSecurityContext(exampleConfig({ symKey })));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('must decode to 32 bytes');
    expect(error.message).not.toContain(symKey);
  });

  it('refuses a 16-byte (SM4_GCM) symmetric key as unsupported', () => {
    expect(() => createSecurityContext(exampleConfig({ symKey: randomBytes(16).toString('base64') }))).toThrow(
      expect.objectContaining({ errCode: SecurityErrorCode.UNSUPPORTED_ALGORITHM, message: expect.stringContaining('SM4_GCM') }),
    );
  });

  it('refuses the same certificate SN twice', () => {
    const twice = [{ sn: 'abcdef', cert: CERT }, { sn: 'ABCDEF', cert: CERT }];
    expect(() => createSecurityContext(exampleConfig({ platformCerts: twice }))).toThrow(/lists SN ABCDEF twice/);
  });
});

describe('readSecurityEnv', () => {
  it('turns API security off when no variable is set (blank counts as unset)', () => {
    expect(readSecurityEnv({})).toBeUndefined();
    expect(readSecurityEnv({ WECHAT_API_SYM_KEY: '  ', WECHAT_APPID: 'wx0123456789abcdef' })).toBeUndefined();
  });

  it('names exactly the missing variables of a partial configuration', () => {
    const env = fullEnv();
    env.WECHAT_API_ASYM_SN = undefined;
    env.WECHAT_API_PLATFORM_CERT = '';
    expect(() => readSecurityEnv(env)).toThrow(
      new ConfigError(
        'API security is only partly configured: WECHAT_API_ASYM_SN, WECHAT_API_PLATFORM_CERT are missing. Set all six WECHAT_API_* variables (from 开发管理 → 开发设置 → API安全), or none to call without API security',
      ),
    );
  });

  it('says "is missing" for a single missing variable', () => {
    expect(() => readSecurityEnv({ ...fullEnv(), WECHAT_API_SYM_SN: undefined })).toThrow(/: WECHAT_API_SYM_SN is missing\./);
  });

  it('reads a full configuration in the one-line forms', () => {
    const ctx = securityFromEnv(fullEnv(), vectors.appid);
    expect(ctx?.appid).toBe(vectors.appid);
    expect(ctx?.platformKeys.has(vectors.platformCertificate.sn)).toBe(true);
  });

  it('reads several certificates separated by |, with SNs separated by | or ,', () => {
    const literal = CERT.trim().replace(/\n/g, '\\n');
    for (const sns of [`${vectors.platformCertificate.sn}|${OLD_SN}`, `${vectors.platformCertificate.sn}, ${OLD_SN}`]) {
      const settings = readSecurityEnv({ ...fullEnv(), WECHAT_API_PLATFORM_CERT: `${literal}|${literal}`, WECHAT_API_PLATFORM_CERT_SN: sns });
      expect(settings?.platformCerts.map((c) => c.sn)).toEqual([vectors.platformCertificate.sn, OLD_SN]);
    }
  });

  it('reads concatenated PEMs with real newlines as several certificates', () => {
    const ctx = securityFromEnv({ ...fullEnv(), WECHAT_API_PLATFORM_CERT: CERT + CERT, WECHAT_API_PLATFORM_CERT_SN: `a1|b2` }, vectors.appid);
    expect([...(ctx?.platformKeys.keys() ?? [])]).toEqual(['a1', 'b2']);
  });

  it('refuses a different number of certificates and SNs', () => {
    expect(() => readSecurityEnv({ ...fullEnv(), WECHAT_API_PLATFORM_CERT_SN: `a1|b2` })).toThrow(
      /WECHAT_API_PLATFORM_CERT holds 1 certificate\(s\) but WECHAT_API_PLATFORM_CERT_SN holds 2 SN\(s\)/,
    );
  });

  it('names the variable whose value is unreadable, never the value', () => {
    const badKey = 'c2VjcmV0LW5vdC1hLWtleQ==';
    const error = catchError(() => securityFromEnv({ ...fullEnv(), WECHAT_API_ASYM_KEY: badKey }, vectors.appid));
    expect(error.message).toContain('WECHAT_API_ASYM_KEY is not a PEM');
    expect(error.message).not.toContain(badKey);
    expect(() => securityFromEnv({ ...fullEnv(), WECHAT_API_SYM_SN: 'has spaces in it' }, vectors.appid)).toThrow(/WECHAT_API_SYM_SN must be the SN/);
    expect(() => securityFromEnv({ ...fullEnv(), WECHAT_API_SYM_KEY: 'not base64!' }, vectors.appid)).toThrow(/WECHAT_API_SYM_KEY must be the base64 key/);
  });
});
