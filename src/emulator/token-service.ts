import { randomBytes } from 'node:crypto';
import { beijingYesterday } from '../beijing-date';
import { fail } from './wechat-error';

/** https://developers.weixin.qq.com/miniprogram/dev/server/API/mp-access-token/api_getstableaccesstoken.html */
const ROTATION_MS = 300_000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,512}$/;
const FORCE_REFRESH_DAILY_LIMIT = 20;
const FORCE_REFRESH_SPACING_MS = 30_000;

interface IssuedToken {
  appid: string;
  expiresAt: number;
  revoked: boolean;
}

/** Every token any emulator in this process has issued, for secret scans across a test run. */
const everyTokenIssued = new Set<string>();
export function tokensIssuedInThisProcess(): ReadonlySet<string> {
  return everyTokenIssued;
}

/**
 * WeChat's access tokens, as the emulator plays them: `/cgi-bin/token` (a new token each
 * call, the previous one valid 5 more minutes), `/cgi-bin/stable_token` (the same token in
 * normal mode, a new one in the last 5 minutes or on force_refresh, 20 a day, 30 s apart),
 * and the checks an API call makes of its access_token (41001, 40014, 40001, 42001).
 */
export function tokenService(apps: Readonly<Record<string, string>>, clock: () => number, ttlSeconds: () => number) {
  const tokens = new Map<string, IssuedToken>();
  const stable = new Map<string, string>();
  const plain = new Map<string, string>();
  const forceRefreshes = new Map<string, number[]>();

  const issue = (appid: string): string => {
    const value = randomBytes(48).toString('base64url');
    tokens.set(value, { appid, expiresAt: clock() + ttlSeconds() * 1000, revoked: false });
    everyTokenIssued.add(value);
    return value;
  };
  const expiresIn = (value: string) => Math.max(0, Math.floor(((tokens.get(value)?.expiresAt ?? 0) - clock()) / 1000));
  // WeChat rotates 5 minutes before the end of a 2-hour lifetime; a short TTL scales that,
  // but never below 1 s, so that a token handed out again has at least expires_in 1.
  const rotationMs = () => Math.min(ROTATION_MS, Math.max(1000, (ttlSeconds() * 1000) / 24));

  function credentialsError(appid: unknown, secret: unknown): Record<string, unknown> | undefined {
    if (typeof appid !== 'string' || appid === '') return fail(41002, 'appid missing');
    if (typeof secret !== 'string' || secret === '') return fail(41004, 'appsecret missing');
    if (!(appid in apps)) return fail(40013, 'invalid appid');
    if (apps[appid] !== secret) return fail(40125, 'invalid appsecret, view more at http://t.cn/RAEkdVq');
    return undefined;
  }

  function getToken(query: URLSearchParams) {
    if (query.get('grant_type') !== 'client_credential') return fail(40002, 'invalid grant_type');
    const appid = query.get('appid');
    const refused = credentialsError(appid, query.get('secret'));
    if (refused || appid === null) return refused;
    // Each call issues a new token; the previous one keeps working for 5 minutes.
    const previous = plain.get(appid);
    const old = previous === undefined ? undefined : tokens.get(previous);
    if (old) old.expiresAt = Math.min(old.expiresAt, clock() + ROTATION_MS);
    const value = issue(appid);
    plain.set(appid, value);
    return { access_token: value, expires_in: expiresIn(value) };
  }

  function getStableToken(body: unknown) {
    if (body === null || typeof body !== 'object') return fail(47001, 'data format error');
    const { grant_type: grantType, appid, secret, force_refresh: force } = body as Record<string, unknown>;
    if (grantType !== 'client_credential') return fail(40002, 'invalid grant_type');
    const refused = credentialsError(appid, secret);
    if (refused || typeof appid !== 'string') return refused;
    const current = stable.get(appid);
    const token = current === undefined ? undefined : tokens.get(current);
    if (force === true) {
      const today = beijingYesterday(clock() + 86_400_000);
      const recent = (forceRefreshes.get(appid) ?? []).filter((at) => beijingYesterday(at + 86_400_000) === today);
      if (recent.length >= FORCE_REFRESH_DAILY_LIMIT) return fail(45009, 'reach max api daily quota limit');
      const last = recent[recent.length - 1];
      if (last !== undefined && clock() - last < FORCE_REFRESH_SPACING_MS) return fail(45011, 'api minute-quota reach limit mustslower retry next minute');
      forceRefreshes.set(appid, [...recent, clock()]);
      if (token) token.revoked = true;
    } else if (current !== undefined && token && !token.revoked && token.expiresAt - clock() > rotationMs()) {
      // Normal mode: the same token, with its remaining lifetime.
      return { access_token: current, expires_in: expiresIn(current) };
    }
    const value = issue(appid);
    stable.set(appid, value);
    return { access_token: value, expires_in: expiresIn(value) };
  }

  function tokenError(value: string | null) {
    if (value === null || value === '') return fail(41001, 'access_token missing');
    if (!TOKEN_SHAPE.test(value)) return fail(40014, 'invalid access_token');
    const token = tokens.get(value);
    if (!token || token.revoked) {
      return fail(40001, 'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r');
    }
    if (token.expiresAt <= clock()) return fail(42001, 'access_token expired');
    return undefined;
  }

  return {
    getToken,
    getStableToken,
    /** WeChat's error for an API call with this access_token, or undefined when it is good. */
    refuse: tokenError,
    appidOf: (value: string) => tokens.get(value)?.appid,
    expireAll(): void {
      for (const token of tokens.values()) token.expiresAt = Math.min(token.expiresAt, clock());
    },
    revokeAll(): void {
      for (const token of tokens.values()) token.revoked = true;
    },
    issued: (): string[] => [...tokens.keys()],
  };
}
