import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SecurityConfig } from '../../src/security/security-config';

/**
 * The official example of WeChat's API-security guide (its `source.url`:
 * https://developers.weixin.qq.com/miniprogram/dev/server/getting_started/api_signature.html),
 * public example data kept in test/fixtures as published, never retyped by hand.
 */
export interface Vectors {
  appid: string;
  symmetricKey: { sn: string; keyBase64: string };
  asymmetricKey: { sn: string; privateKeyPem: string; publicKeySpkiSha256: string };
  platformCertificate: { sn: string; pem: string };
  request: {
    urlPath: string;
    timestamp: number;
    originalParams: Record<string, unknown>;
    plaintext: string;
    aad: string;
    iv: string;
    data: string;
    authtag: string;
    body: string;
    stringToSign: string;
    signature: string;
    headers: Record<string, string>;
  };
  response: {
    timestamp: number;
    headers: Record<string, string>;
    body: string;
    plaintext: string;
    aad: string;
    iv: string;
    data: string;
    authtag: string;
    signature: string;
    stringToVerifySha256: string;
    deprecated: { serial: string; signature: string };
    payload: Record<string, unknown>;
  };
}

export const VECTORS_FILE = path.resolve(__dirname, '../fixtures/api-security-vectors.json');

export const vectors = JSON.parse(readFileSync(VECTORS_FILE, 'utf8')) as Vectors;

/** The example's path: the urlpath without the official host. */
export const examplePath = new URL(vectors.request.urlPath).pathname;

/** The example's configuration, as a console would give it. */
export function exampleConfig(overrides: Partial<SecurityConfig> = {}): SecurityConfig {
  return {
    appid: vectors.appid,
    symKey: vectors.symmetricKey.keyBase64,
    symSn: vectors.symmetricKey.sn,
    asymKey: vectors.asymmetricKey.privateKeyPem,
    asymSn: vectors.asymmetricKey.sn,
    platformCerts: [{ sn: vectors.platformCertificate.sn, cert: vectors.platformCertificate.pem }],
    ...overrides,
  };
}
