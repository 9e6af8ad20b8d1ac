import { type KeyObject, randomBytes, sign } from 'node:crypto';

/**
 * A minimal self-signed X.509 v3 certificate (RSA, sha256WithRSAEncryption), DER-encoded by
 * hand. Node can read certificates but not build them, and the emulator must not depend on
 * the openssl CLI (absent on CI images and in the cloud). The client reads the result with
 * node:crypto's X509Certificate, exactly as it reads WeChat's platform certificate.
 */
export function selfSignedCertificate(privateKey: KeyObject, publicKey: KeyObject, commonName: string, now = Date.now()): string {
  const algorithm = seq(oid([1, 2, 840, 113549, 1, 1, 11]), tlv(0x05)); // sha256WithRSAEncryption, NULL params
  const name = seq(tlv(0x31, seq(oid([2, 5, 4, 3]), tlv(0x0c, Buffer.from(commonName, 'utf8'))))); // CN=…
  const serial = randomBytes(16);
  // DER wants a positive INTEGER in its shortest form: a first byte from 0x40 to 0x7f is
  // neither negative (high bit) nor padding (0x00 before a byte below 0x80).
  serial[0] = ((serial[0] ?? 0) & 0x3f) | 0x40;
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // [0] version v3
    tlv(0x02, serial),
    algorithm,
    name,
    seq(utcTime(now - 3_600_000), utcTime(now + 5 * 365 * 86_400_000)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** DER tag-length-value; lengths up to 64 KiB, far more than a 2048-bit certificate needs. */
function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const n = body.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

function seq(...parts: Buffer[]): Buffer {
  return tlv(0x30, ...parts);
}

function oid([first = 0, second = 0, ...rest]: number[]): Buffer {
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime YYMMDDHHMMSSZ (valid until 2049, far beyond any emulator run). */
function utcTime(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // 2024-01-02T03:04:05.678Z
  const digits = iso.slice(2, 19).replace(/[-T:]/g, '');
  return tlv(0x17, Buffer.from(`${digits}Z`, 'ascii'));
}
