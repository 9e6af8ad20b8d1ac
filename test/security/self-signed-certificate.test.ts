import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { selfSignedCertificate } from '../../src/emulator/self-signed-certificate';

describe('selfSignedCertificate', () => {
  it('always makes a certificate that Node reads, whatever random serial it draws', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    // A serial in non-minimal DER ("illegal padding") came up about once in 500 before.
    for (let i = 0; i < 2000; i++) {
      const cert = new X509Certificate(selfSignedCertificate(privateKey, publicKey, 'emulator'));
      expect(cert.verify(publicKey)).toBe(true);
    }
  });
});
