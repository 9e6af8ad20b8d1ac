import { type KeyObject, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { beijingYesterday, isCalendarDay } from '../beijing-date';
import { type Endpoint, type Fault, FaultSchedule } from './faults';
import { retainData } from './retain-data';
import { createSecurityServer, type ResponseMode, sealResponse, verifySealedRequest } from './security-server';

/** The app the emulator knows out of the box (an AppID has `wx` and 16 more characters). */
export const EMULATOR_APPID = 'wxemulator00000001';
export const EMULATOR_SECRET = 'emulator-appsecret-00000000000001';

export interface EmulatorOptions {
  /** AppID → AppSecret of the apps it knows. @default { [EMULATOR_APPID]: EMULATOR_SECRET } */
  apps?: Record<string, string>;
  /** Lifetime of a new token, in seconds. @default 7200, as WeChat */
  tokenTtlSeconds?: number;
  /** Delay before every answer, in ms. @default 0 */
  latencyMs?: number;
  /** The emulator's clock (epoch ms). @default Date.now */
  clock?: () => number;
  /** @default 0: a free port */
  port?: number;
  /** Serve under this path, as a proxy at https://proxy/wechat would. @default '' */
  basePath?: string;
  /**
   * API security for the datacube endpoint: the app's keys as the console holds them. The
   * platform's own key pairs and certificates are generated at start (`emulator.security`).
   */
  security?: {
    symKey: string | Buffer;
    symSn: string;
    /** The app's public key as uploaded to the console (its private key PEM works too). */
    appPublicKey: KeyObject | string;
    /** @default the first of `apps` */
    appid?: string;
  };
}

export interface RecordedRequest {
  endpoint: Endpoint | 'other';
  method: string;
  path: string;
  /** The access_token the request carried, if any (tests check it; it is never logged). */
  accessToken?: string;
  body: unknown;
  /** The request's Wechatmp-* headers (API security), if it sent any. */
  securityHeaders?: Record<string, string>;
  at: number;
}

interface IssuedToken {
  appid: string;
  expiresAt: number;
  revoked: boolean;
}

/** https://developers.weixin.qq.com/miniprogram/dev/server/API/mp-access-token/api_getstableaccesstoken.html */
const ROTATION_MS = 300_000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,512}$/;
const FORCE_REFRESH_DAILY_LIMIT = 20;
const FORCE_REFRESH_SPACING_MS = 30_000;

export type WeChatEmulator = Awaited<ReturnType<typeof startEmulator>>;

/** Every token any emulator in this process has issued, for secret scans across a test run. */
const everyTokenIssued = new Set<string>();
export function tokensIssuedInThisProcess(): ReadonlySet<string> {
  return everyTokenIssued;
}

/**
 * A local emulator of the three WeChat endpoints this package uses, with WeChat's semantics
 * (token lifetimes, errcodes with their ` rid: …` suffix, the datacube date rules) and
 * scriptable faults. Listens on 127.0.0.1 only.
 */
export async function startEmulator(options: EmulatorOptions = {}) {
  const apps = options.apps ?? { [EMULATOR_APPID]: EMULATOR_SECRET };
  const clock = options.clock ?? Date.now;
  const basePath = options.basePath ?? '';
  const tokens = new Map<string, IssuedToken>();
  const stable = new Map<string, string>();
  const plain = new Map<string, string>();
  const forceRefreshes = new Map<string, number[]>();
  const faults = new FaultSchedule();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const state = {
    tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
    latencyMs: options.latencyMs ?? 0,
    /** How answers to sealed requests are sealed, unless a `security` fault says otherwise. */
    responseMode: 'normal' as ResponseMode,
  };
  const security =
    options.security && createSecurityServer({ ...options.security, appid: options.security.appid ?? Object.keys(apps)[0] ?? EMULATOR_APPID });

  const issue = (appid: string): string => {
    const value = randomBytes(48).toString('base64url');
    tokens.set(value, { appid, expiresAt: clock() + state.tokenTtlSeconds * 1000, revoked: false });
    everyTokenIssued.add(value);
    return value;
  };
  const expiresIn = (value: string) => Math.max(0, Math.floor(((tokens.get(value)?.expiresAt ?? 0) - clock()) / 1000));
  // WeChat rotates 5 minutes before the end of a 2-hour lifetime; a short TTL scales that,
  // but never below 1 s, so that a token handed out again has at least expires_in 1.
  const rotationMs = () => Math.min(ROTATION_MS, Math.max(1000, (state.tokenTtlSeconds * 1000) / 24));

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

  function dailyRetain(query: URLSearchParams, body: unknown, wire: Wire) {
    const value = query.get('access_token');
    const refused = tokenError(value);
    if (refused || value === null) return refused;
    // A request without Wechatmp-* headers is answered in plain even with API security on:
    // whether WeChat then refuses plain calls is unconfirmed (wechat-api.md §3.7), and a
    // user of EasyWeChat saw plain answers after turning it on.
    if (!isSealed(wire.headers)) return retainAnswer(value, body);
    if (!security) return fail(40238, 'API_NoExist_DevSecretSym');
    const tokenAppid = tokens.get(value)?.appid;
    const verified = verifySealedRequest(security, { path: DAILY_RETAIN, headers: wire.headers, body: wire.raw, now: clock(), tokenAppid });
    if (!verified.ok) return fail(verified.error.errcode, verified.error.errmsg);
    // Past the security layer, the API's answer is sealed, errcodes included (as in the guide's example).
    return new SealedAnswer(retainAnswer(value, verified.params));
  }

  function retainAnswer(value: string, body: unknown): Record<string, unknown> {
    if (body === null || typeof body !== 'object') return fail(47001, 'data format error');
    const { begin_date: begin, end_date: end } = body as Record<string, unknown>;
    const isDay = (d: unknown): d is string => typeof d === 'string' && isCalendarDay(d);
    if (!isDay(begin) || !isDay(end)) return fail(61500, 'date format error');
    const yesterday = beijingYesterday(clock());
    if (begin !== end || end > yesterday) return fail(61501, 'date range error');
    const appid = tokens.get(value)?.appid ?? '';
    return retainData(appid, begin, yesterday);
  }

  function route(method: string, path: string, query: URLSearchParams, body: unknown, wire: Wire): { endpoint: Endpoint | 'other'; answer: () => unknown } {
    if (path === '/cgi-bin/token') {
      return { endpoint: 'token', answer: () => (method === 'GET' ? getToken(query) : fail(43001, 'require GET method')) };
    }
    if (path === '/cgi-bin/stable_token') {
      return { endpoint: 'stable_token', answer: () => (method === 'POST' ? getStableToken(body) : fail(43002, 'require POST method')) };
    }
    if (path === DAILY_RETAIN) {
      return { endpoint: 'datacube', answer: () => (method === 'POST' ? dailyRetain(query, body, wire) : fail(43002, 'require POST method')) };
    }
    return { endpoint: 'other', answer: () => fail(-1, `unknown path ${path}`) };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (basePath && url.pathname.startsWith(`${basePath}/`)) url.pathname = url.pathname.slice(basePath.length);
    if (url.pathname.startsWith('/__emulator/')) {
      control(url.pathname, raw, res);
      return;
    }
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      body = null;
    }
    const { endpoint, answer } = route(req.method ?? 'GET', url.pathname, url.searchParams, body, { headers: req.headers, raw });
    const securityHeaders = wechatmpHeaders(req.headers);
    requests.push({
      endpoint,
      method: req.method ?? 'GET',
      path: url.pathname,
      accessToken: url.searchParams.get('access_token') ?? undefined,
      body,
      ...(securityHeaders ? { securityHeaders } : {}),
      at: clock(),
    });
    if (state.latencyMs > 0) await delay(state.latencyMs);
    const fault = endpoint === 'other' ? undefined : faults.take(endpoint);
    if (fault && (await injected(fault, req, res))) return;
    const answered = answer();
    if (answered instanceof SealedAnswer && security) {
      const mode = fault?.kind === 'security' ? fault.mode : state.responseMode;
      const sealed = sealResponse(security, { path: url.pathname, payload: answered.payload, now: clock(), mode });
      send(res, 200, sealed.body, undefined, sealed.headers);
      return;
    }
    send(res, 200, JSON.stringify(answered));
  }

  /** Plays a fault; false when the request should then be answered normally. */
  async function injected(fault: Fault, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    switch (fault.kind) {
      case 'errcode':
        send(res, 200, JSON.stringify(fail(fault.errcode, fault.errmsg ?? defaultErrmsg(fault.errcode))));
        return true;
      case 'http':
        send(res, fault.status, `<html><head><title>${fault.status}</title></head><body><center><h1>${fault.status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>`, 'text/html');
        return true;
      case 'broken-json':
        send(res, 200, '{"ref_date":"2017', 'application/json');
        return true;
      case 'body':
        send(res, 200, fault.body);
        return true;
      case 'reset':
        req.socket.resetAndDestroy?.() ?? req.socket.destroy();
        return true;
      case 'hang':
        return true;
      case 'delay':
        await delay(fault.ms);
        return false;
      case 'security':
        return false;
      default:
        return fault satisfies never;
    }
  }

  /** The control API, for scripts and benchmarks in other processes. */
  function control(path: string, raw: Buffer, res: http.ServerResponse): void {
    const input = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    let answer: unknown = {};
    if (path === '/__emulator/requests') answer = requests.map(withoutCredentials);
    else if (path === '/__emulator/fault') emulator.inject(input.endpoint as Endpoint, input.fault as Fault, (input.times as number | undefined) ?? 1);
    else if (path === '/__emulator/settings') {
      // Only the known settings: the body is anyone's JSON, "__proto__" included.
      for (const key of Object.keys(state) as (keyof typeof state)[]) {
        if (Object.hasOwn(input, key)) Object.assign(state, { [key]: input[key] });
      }
      answer = state;
    }
    else if (path === '/__emulator/expire-tokens') emulator.expireTokens();
    else if (path === '/__emulator/invalidate-tokens') emulator.invalidateTokens();
    else if (path === '/__emulator/reset') emulator.reset();
    else {
      send(res, 404, '{"error":"unknown control path"}');
      return;
    }
    send(res, 200, JSON.stringify(answer));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: String(error) }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const emulator = {
    /** Base URL to give the client as its API base. */
    url: `http://127.0.0.1:${port}`,
    port,
    apps,
    /** Every request received, in order. */
    requests,
    settings: state,
    /** The platform's certificates (API security), to configure clients with; no private keys. */
    security: security && {
      current: { sn: security.current.sn, certificate: security.current.certificate },
      deprecated: { sn: security.deprecated.sn, certificate: security.deprecated.certificate },
    },
    /** How many requests an endpoint received. */
    count(endpoint: Endpoint): number {
      return requests.filter((r) => r.endpoint === endpoint).length;
    },
    /** Plays `fault` for the next `times` requests to `endpoint`. */
    inject(endpoint: Endpoint, fault: Fault, times = 1): void {
      faults.add(endpoint, fault, times);
    },
    /** Every token issued so far expires now (→ 42001). */
    expireTokens(): void {
      for (const token of tokens.values()) token.expiresAt = Math.min(token.expiresAt, clock());
    },
    /** Every token issued so far is revoked (→ 40001), as after a force refresh elsewhere. */
    invalidateTokens(): void {
      for (const token of tokens.values()) token.revoked = true;
    },
    /** Every token issued so far, to check that none leaks. */
    issuedTokens(): string[] {
      return [...tokens.keys()];
    },
    /** Forgets requests and pending faults (tokens stay valid). */
    reset(): void {
      requests.length = 0;
      faults.clear();
    },
    close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return emulator;
}

/** A request as the control API shows it: no token, no secret, even emulated ones. */
function withoutCredentials({ accessToken: _token, body, ...rest }: RecordedRequest) {
  const hasSecret = body !== null && typeof body === 'object' && 'secret' in body;
  return { ...rest, body: hasSecret ? { ...body, secret: '[REDACTED]' } : body };
}

const DAILY_RETAIN = '/datacube/getweanalysisappiddailyretaininfo';

/** What API security needs of a request beyond its parsed body. */
interface Wire {
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
}

/** An answer the platform encrypts and signs: a sealed request passed the security layer. */
class SealedAnswer {
  constructor(readonly payload: Record<string, unknown>) {}
}

/** Whether the request uses API security: it carries any of the three Wechatmp-* request headers. */
function isSealed(headers: http.IncomingHttpHeaders): boolean {
  return ['wechatmp-appid', 'wechatmp-timestamp', 'wechatmp-signature'].some((name) => headers[name] !== undefined);
}

function wechatmpHeaders(headers: http.IncomingHttpHeaders): Record<string, string> | undefined {
  const found = Object.entries(headers).filter(([name]) => name.startsWith('wechatmp-'));
  return found.length ? Object.fromEntries(found.map(([name, value]) => [name, String(value)])) : undefined;
}

function fail(errcode: number, errmsg: string) {
  return { errcode, errmsg: `${errmsg} rid: ${rid()}` };
}

function defaultErrmsg(errcode: number): string {
  const known: Record<number, string> = {
    [-1]: 'system error',
    45009: 'reach max api daily quota limit',
    45011: 'api minute-quota reach limit mustslower retry next minute',
    61503: 'data not ready, please try later',
  };
  return known[errcode] ?? `emulated error ${errcode}`;
}

function rid(): string {
  const part = () => randomBytes(4).toString('hex');
  return `${part()}-${part()}-${part()}`;
}

function send(res: http.ServerResponse, status: number, body: string, contentType = 'application/json; charset=utf-8', headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
