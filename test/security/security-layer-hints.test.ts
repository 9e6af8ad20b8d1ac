import { SECURITY_LAYER_HINTS } from '../../src/security/security-layer-hints';

describe('security-layer hints', () => {
  it('has a hint for every security-layer errcode, 40230 to 40240, and no other', () => {
    const codes = Object.keys(SECURITY_LAYER_HINTS).map(Number);
    expect(codes).toEqual(Array.from({ length: 11 }, (_, i) => 40230 + i));
    for (const hint of Object.values(SECURITY_LAYER_HINTS)) expect(hint).toMatch(/\w{3,}/);
  });
});
