import { isSecurityLayerErrcode, plainErrorOf, SECURITY_LAYER_HINTS } from '../../src/security/plain-error';
import { vectors } from './vectors';

const plain = (json: unknown) => Buffer.from(JSON.stringify(json));

describe('plain errors', () => {
  it('passes a security-layer error through with a hint on what to fix', () => {
    expect(plainErrorOf(plain({ errcode: 40234, errmsg: 'invalid signature rid: 1-2-3' }), {})).toEqual({
      errcode: 40234,
      errmsg: 'invalid signature rid: 1-2-3',
      securityLayer: true,
      hint: expect.stringContaining('WECHAT_API_ASYM_KEY'),
    });
  });

  it('has a hint for every security-layer errcode, 40230 to 40240', () => {
    for (let code = 40230; code <= 40240; code++) {
      expect(isSecurityLayerErrcode(code)).toBe(true);
      expect(SECURITY_LAYER_HINTS[code]).toEqual(expect.any(String));
    }
    expect(isSecurityLayerErrcode(40229)).toBe(false);
    expect(isSecurityLayerErrcode(40241)).toBe(false);
  });

  it('passes other unsigned WeChat errors through too, marked as not security-layer', () => {
    expect(plainErrorOf('{"errcode":40001,"errmsg":"invalid credential"}', { 'content-type': 'application/json' })).toEqual({
      errcode: 40001,
      errmsg: 'invalid credential',
      securityLayer: false,
      hint: undefined,
    });
  });

  it('does not treat signed, successful or non-JSON answers as plain errors', () => {
    expect(plainErrorOf(vectors.response.body, vectors.response.headers)).toBeUndefined();
    expect(plainErrorOf(plain({ errcode: 40234, errmsg: 'x' }), { 'wechatmp-signature': 'c2ln' })).toBeUndefined();
    expect(plainErrorOf(plain({ errcode: 0, errmsg: 'ok', ref_date: '20240430' }), {})).toBeUndefined();
    expect(plainErrorOf(plain({ ref_date: '20240430' }), {})).toBeUndefined();
    expect(plainErrorOf('<html>502</html>', {})).toBeUndefined();
    expect(plainErrorOf('null', {})).toBeUndefined();
  });
});
