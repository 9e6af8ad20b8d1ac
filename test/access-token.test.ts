import { asAccessToken, isBetter, REFRESH_MARGIN_MS, tokenFromIssued } from '../src/token/access-token';

// What counts as a token, when to refresh it, and which of two to keep: from src/.

describe('tokenFromIssued', () => {
  it('expires when WeChat says and refreshes 5 minutes early, counting from now', () => {
    expect(tokenFromIssued({ accessToken: 't', expiresInSeconds: 7200 }, 1_000_000)).toEqual({
      value: 't',
      expiresAt: 1_000_000 + 7_200_000,
      refreshAt: 1_000_000 + 7_200_000 - REFRESH_MARGIN_MS,
    });
    expect(REFRESH_MARGIN_MS).toBe(300_000);
  });

  it('refreshes a short-lived token 1/24 of its lifetime early', () => {
    expect(tokenFromIssued({ accessToken: 't', expiresInSeconds: 2400 }, 1_000)).toEqual({ value: 't', expiresAt: 2_401_000, refreshAt: 2_301_000 });
  });
});

describe('asAccessToken', () => {
  const good = { value: 'token-value', expiresAt: 2000, refreshAt: 1000 };

  it('takes a record of a non-empty string and two finite times, dropping anything else it holds', () => {
    expect(asAccessToken({ ...good, _id: 'access-token-wx', extra: true })).toEqual(good);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'token-value'],
    ['an empty value', { ...good, value: '' }],
    ['a numeric value', { ...good, value: 12345678 }],
    ['no expiresAt', { value: 'token-value', refreshAt: 1000 }],
    ['no refreshAt', { value: 'token-value', expiresAt: 2000 }],
    ['an expiresAt of text', { ...good, expiresAt: '2000' }],
    ['a refreshAt of text', { ...good, refreshAt: '1000' }],
    ['an infinite expiresAt', { ...good, expiresAt: Number.POSITIVE_INFINITY }],
    ['a NaN refreshAt', { ...good, refreshAt: Number.NaN }],
  ])('takes %s for no token', (_, record) => {
    expect(asAccessToken(record)).toBeUndefined();
  });
});

describe('isBetter', () => {
  const token = (refreshAt: number) => ({ value: `t${refreshAt}`, expiresAt: refreshAt + 1, refreshAt });

  it('prefers any token to none, and the one that stays fresh longer to another', () => {
    expect(isBetter(token(1), undefined)).toBe(true);
    expect(isBetter(token(2), token(1))).toBe(true);
    expect(isBetter(token(1), token(2))).toBe(false);
  });

  it('keeps the token in hand when the other stays fresh no longer (no needless write)', () => {
    expect(isBetter(token(5), token(5))).toBe(false);
  });
});
