import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createSecurityServer } from '../../src/emulator/security-server';
import { createSecurityContext, type SecurityConfig } from '../../src/security/security-config';

export const APPID = 'wxemulator00000001';
export const PATH = '/datacube/getweanalysisappiddailyretaininfo';
export const NOW = Date.UTC(2024, 4, 1, 2, 0, 0);

/** An app's keys as the console would hold them, and an emulated platform that knows them. */
export function securityPair() {
  const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const symKey = randomBytes(32).toString('base64');
  const symSn = randomBytes(16).toString('hex');
  const server = createSecurityServer({ appid: APPID, symKey, symSn, appPublicKey: app.publicKey });
  const config: SecurityConfig = {
    appid: APPID,
    symKey,
    symSn,
    asymKey: app.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    asymSn: randomBytes(16).toString('hex'),
    platformCerts: [{ sn: server.current.sn, cert: server.current.certificate }],
  };
  const client = (overrides: Partial<SecurityConfig> = {}) => createSecurityContext({ ...config, ...overrides });
  return { server, config, client, ctx: client() };
}
