import { generateKeyPairSync, getCiphers } from 'node:crypto';
import { isSm2Key, smSupport, smUnsupportedError } from '../../src/security/sm-support';
import { SecurityErrorCode } from '../../src/security/security-error-codes';

describe('SM4/SM2 support', () => {
  it("reports SM4-GCM as this runtime's crypto offers it, and SM2withSM3 (with WeChat's user ID) as never", () => {
    expect(smSupport()).toEqual({ sm4Gcm: getCiphers().includes('sm4-gcm'), sm2WithSm3: false });
  });

  it('tells SM2 keys from RSA keys', () => {
    const sm2 = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(isSm2Key(sm2.privateKey)).toBe(true);
    expect(isSm2Key(sm2.publicKey)).toBe(true);
    expect(isSm2Key(rsa.privateKey)).toBe(false);
  });

  it('explains the refusal: which setting, which runtime, what to choose instead', () => {
    const error = smUnsupportedError('WECHAT_API_SYM_KEY', 'SM4_GCM');
    expect(error.errCode).toBe(SecurityErrorCode.UNSUPPORTED_ALGORITHM);
    expect(error.message).toMatch(/^WECHAT_API_SYM_KEY holds a SM4_GCM key, which is not supported/);
    expect(error.message).toContain(`Node ${process.versions.node}`);
    expect(error.message).toContain('choose AES256_GCM and RSAwithSHA256');
  });
});
