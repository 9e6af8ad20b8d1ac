/** An access token as the cache and the stores keep it. Times are epoch milliseconds. */
export interface AccessToken {
  value: string;
  /** When WeChat stops accepting it. */
  expiresAt: number;
  /** When to fetch a new one: early, so that no call goes out with a token about to expire. */
  refreshAt: number;
}

/** What a token source answers, in WeChat's own terms. */
export interface IssuedToken {
  accessToken: string;
  /** Remaining lifetime in seconds, as WeChat's `expires_in`. */
  expiresInSeconds: number;
}

/**
 * Where tokens come from. The default asks `/cgi-bin/stable_token`; a third-party platform
 * plugs in its own (an `authorizer_access_token` from its token service).
 */
export type TokenSource = (request: { appid: string; deadlineAt: number }) => Promise<IssuedToken>;

/**
 * Where tokens are kept between calls and between instances. `get` and `set` by key (the
 * AppID); `invalidate` removes the token only if it is still `value` (compare-and-delete),
 * so one instance cannot throw away a newer token that another just stored.
 */
export interface TokenStore {
  get(key: string): Promise<AccessToken | undefined>;
  set(key: string, token: AccessToken): Promise<void>;
  invalidate(key: string, value: string): Promise<void>;
}

/**
 * WeChat's stable_token hands out a new token 5 minutes before the old one expires (1/24 of
 * its 2-hour lifetime), so refreshes start at that point (TokenCache spreads instances over
 * the first half of the margin). Shorter lifetimes (a token near the end
 * of its window, or an emulator with a short TTL) get the same 1/24 margin, so that a token
 * is used while it is valid instead of being re-fetched on every call.
 */
export const REFRESH_MARGIN_MS = 300_000;

export function tokenFromIssued(issued: IssuedToken, now: number): AccessToken {
  const lifetimeMs = issued.expiresInSeconds * 1000;
  return {
    value: issued.accessToken,
    expiresAt: now + lifetimeMs,
    refreshAt: now + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 24),
  };
}

/**
 * `value` as a token, or undefined when it is none: a store hands back whatever it holds,
 * and a record of `""` (or a number, or null) is no token. Taken for one, it drew 41001 on
 * every call until the record's refreshAt, hours away.
 */
export function asAccessToken(value: unknown): AccessToken | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { value: token, expiresAt, refreshAt } = value as Record<string, unknown>;
  if (typeof token !== 'string' || token === '' || !Number.isFinite(expiresAt) || !Number.isFinite(refreshAt)) return undefined;
  return { value: token, expiresAt: expiresAt as number, refreshAt: refreshAt as number };
}

/** The better of two tokens is the one that stays fresh longer. */
export function isBetter(candidate: AccessToken, than: AccessToken | undefined): boolean {
  return than === undefined || candidate.refreshAt > than.refreshAt;
}
