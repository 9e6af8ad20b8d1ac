import { createHash, createPublicKey } from 'node:crypto';
import { decryptGcm, encryptGcm } from '../../src/security/aes-gcm';
import { openResponse } from '../../src/security/open-response';
import { verifyPss } from '../../src/security/rsa-pss';
import { sealRequest } from '../../src/security/seal-request';
import { createSecurityContext } from '../../src/security/security-config';
import { SecurityErrorCode } from '../../src/security/security-error-codes';
import { aadOf, stringToSign } from '../../src/security/signing-input';
import { examplePath, exampleConfig, vectors } from './vectors';

const { request, response } = vectors;
const ctx = createSecurityContext(exampleConfig());
const key = Buffer.from(vectors.symmetricKey.keyBase64, 'base64');
const appPublicKey = createPublicKey(ctx.privateKey);
const b64 = (value: string) => Buffer.from(value, 'base64');
const fresh = (response.timestamp + 2) * 1000;

describe('the official example of the API-security guide', () => {
  it('builds the request AAD from urlpath, appid, timestamp and sym SN', () => {
    expect(aadOf(request.urlPath, vectors.appid, request.timestamp, vectors.symmetricKey.sn).toString('utf8')).toBe(request.aad);
  });

  it('reproduces the request data and authtag byte for byte', () => {
    const sealed = encryptGcm(key, b64(request.iv), Buffer.from(request.aad), Buffer.from(request.plaintext));
    expect(sealed).toEqual({ iv: request.iv, data: request.data, authtag: request.authtag });
  });

  it('seals the example params into exactly the example body and headers', () => {
    const nonce = (JSON.parse(request.plaintext) as { _n: string })._n;
    const sealed = sealRequest(ctx, { path: examplePath, params: request.originalParams, timestamp: request.timestamp, nonce, iv: b64(request.iv) });
    expect(sealed.body).toBe(request.body);
    expect(sealed.headers['Wechatmp-Appid']).toBe(request.headers['Wechatmp-Appid']);
    expect(sealed.headers['Wechatmp-TimeStamp']).toBe(request.headers['Wechatmp-TimeStamp']);
    // PSS is randomised: verify our signature instead of comparing it.
    const signed = stringToSign(request.urlPath, vectors.appid, request.timestamp, sealed.body);
    expect(signed.toString('utf8')).toBe(request.stringToSign);
    expect(verifyPss(appPublicKey, signed, sealed.headers['Wechatmp-Signature'])).toBe(true);
  });

  it('leaves access_token out of the plaintext', () => {
    const sealed = sealRequest(ctx, { path: examplePath, params: { ...request.originalParams, access_token: 'ACCESS_TOKEN' }, timestamp: request.timestamp, iv: b64(request.iv) });
    const { iv, data, authtag } = JSON.parse(sealed.body) as Record<string, string>;
    const plaintext = decryptGcm(key, b64(iv ?? ''), Buffer.from(request.aad), b64(data ?? ''), b64(authtag ?? '')).toString('utf8');
    expect(plaintext).not.toContain('access_token');
    expect(Object.keys(JSON.parse(plaintext))).toEqual(['_n', '_appid', '_timestamp', 'appid', 'openid', 'scene', 'client_ip']);
  });

  it('verifies the example request signature, and only over the documented string', () => {
    const signed = stringToSign(request.urlPath, vectors.appid, request.timestamp, request.body);
    expect(verifyPss(appPublicKey, signed, request.signature)).toBe(true);
    const withSn = `${request.urlPath}\n${vectors.appid}\n${vectors.asymmetricKey.sn}\n${request.timestamp}\n${request.body}`;
    expect(verifyPss(appPublicKey, Buffer.from(withSn), request.signature)).toBe(false);
    expect(verifyPss(appPublicKey, Buffer.concat([signed, Buffer.from('\n')]), request.signature)).toBe(false);
  });

  it('reads the PKCS#1 private key of the example', () => {
    const spki = appPublicKey.export({ type: 'spki', format: 'der' });
    expect(createHash('sha256').update(spki).digest('hex')).toBe(vectors.asymmetricKey.publicKeySpkiSha256);
  });

  it('hashes the response string to verify to the guide H0', () => {
    const signed = stringToSign(request.urlPath, vectors.appid, response.timestamp, response.body);
    expect(createHash('sha256').update(signed).digest('hex')).toBe(response.stringToVerifySha256);
  });

  it('verifies and decrypts the example response to the example payload', () => {
    const opened = openResponse(ctx, { path: examplePath, headers: response.headers, body: Buffer.from(response.body), now: fresh });
    expect(opened.payload).toEqual(response.payload);
    expect(opened.serial).toBe(vectors.platformCertificate.sn);
    expect(opened.timestamp).toBe(response.timestamp);
    expect(opened.rotationWarning).toBeUndefined();
  });

  it('decrypts the example response body to the example plaintext byte for byte', () => {
    const plaintext = decryptGcm(key, b64(response.iv), Buffer.from(response.aad), b64(response.data), b64(response.authtag));
    expect(plaintext.toString('utf8')).toBe(response.plaintext);
    const withRequestTimestamp = aadOf(request.urlPath, vectors.appid, request.timestamp, vectors.symmetricKey.sn);
    expect(() => decryptGcm(key, b64(response.iv), withRequestTimestamp, b64(response.data), b64(response.authtag))).toThrow();
  });

  it('uses the deprecated pair when only its SN is configured, and refuses it (the old certificate signed it)', () => {
    const onlyOld = createSecurityContext(exampleConfig({ platformCerts: [{ sn: response.deprecated.serial, cert: vectors.platformCertificate.pem }] }));
    expect(() => openResponse(onlyOld, { path: examplePath, headers: response.headers, body: response.body, now: fresh })).toThrow(
      expect.objectContaining({ errCode: SecurityErrorCode.RESPONSE_BAD_SIGNATURE, message: expect.stringContaining(response.deprecated.serial) }),
    );
  });

  it('prefers Wechatmp-Serial when both SNs are configured', () => {
    const both = createSecurityContext(
      exampleConfig({
        platformCerts: [
          { sn: response.deprecated.serial, cert: vectors.platformCertificate.pem },
          { sn: vectors.platformCertificate.sn, cert: vectors.platformCertificate.pem },
        ],
      }),
    );
    const opened = openResponse(both, { path: examplePath, headers: response.headers, body: response.body, now: fresh });
    expect(opened.serial).toBe(vectors.platformCertificate.sn);
    expect(opened.rotationWarning).toBeUndefined();
  });
});
