import type { KeyObject } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { beijingYesterday, isCalendarDay } from '../beijing-date';
import { type Endpoint, type Fault, FaultSchedule } from './faults';
import { RETAIN_ENDPOINTS } from './retain-periods';
import { createSecurityServer, type ResponseMode, sealResponse, verifySealedRequest } from './security-server';
import { tokenService } from './token-service';
import { defaultErrmsg, fail } from './wechat-error';

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

export type WeChatEmulator = Awaited<ReturnType<typeof startEmulator>>;

export { tokensIssuedInThisProcess } from './token-service';

/**
 * A local emulator of the WeChat endpoints this package uses (the two token endpoints and
 * the daily, weekly and monthly retain endpoints, which faults target together as
 * `datacube`), with WeChat's semantics (token lifetimes, errcodes with their ` rid: …`
 * suffix, the datacube date rules) and scriptable faults. Listens on 127.0.0.1 only.
 */
export async function startEmulator(options: EmulatorOptions = {}) {
  const apps = options.apps ?? { [EMULATOR_APPID]: EMULATOR_SECRET };
  const clock = options.clock ?? Date.now;
  const basePath = options.basePath ?? '';
  const faults = new FaultSchedule();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const state = {
    tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
    latencyMs: options.latencyMs ?? 0,
    /** How answers to sealed requests are sealed, unless a `security` fault says otherwise. */
    responseMode: 'normal' as ResponseMode,
  };
  const tokens = tokenService(apps, clock, () => state.tokenTtlSeconds);
  const security =
    options.security && createSecurityServer({ ...options.security, appid: options.security.appid ?? Object.keys(apps)[0] ?? EMULATOR_APPID });

  /** A request to one of the retain endpoints (daily, weekly, monthly) at `path`. */
  function retain(path: string, query: URLSearchParams, body: unknown, wire: Wire) {
    const value = query.get('access_token');
    const refused = tokens.refuse(value);
    if (refused || value === null) return refused;
    // A request without Wechatmp-* headers is answered in plain even with API security on:
    // whether WeChat then refuses plain calls is unconfirmed (wechat-api.md §3.7), and a
    // user of EasyWeChat saw plain answers after turning it on.
    if (!isSealed(wire.headers)) return retainAnswer(path, value, body);
    if (!security) return fail(40238, 'API_NoExist_DevSecretSym');
    const tokenAppid = tokens.appidOf(value);
    const verified = verifySealedRequest(security, { path, headers: wire.headers, body: wire.raw, now: clock(), tokenAppid });
    if (!verified.ok) return fail(verified.error.errcode, verified.error.errmsg);
    // Past the security layer, the API's answer is sealed, errcodes included (as in the guide's example).
    return new SealedAnswer(retainAnswer(path, value, verified.params));
  }

  function retainAnswer(path: string, value: string, body: unknown): Record<string, unknown> {
    if (body === null || typeof body !== 'object') return fail(47001, 'data format error');
    const { begin_date: begin, end_date: end } = body as Record<string, unknown>;
    const isDay = (d: unknown): d is string => typeof d === 'string' && isCalendarDay(d);
    if (!isDay(begin) || !isDay(end)) return fail(61500, 'date format error');
    const answer = RETAIN_ENDPOINTS.get(path)?.(tokens.appidOf(value) ?? '', begin, end, beijingYesterday(clock()));
    return answer ?? fail(61501, 'date range error');
  }

  function route(method: string, path: string, query: URLSearchParams, body: unknown, wire: Wire): { endpoint: Endpoint | 'other'; answer: () => unknown } {
    if (path === '/cgi-bin/token') {
      return { endpoint: 'token', answer: () => (method === 'GET' ? tokens.getToken(query) : fail(43001, 'require GET method')) };
    }
    if (path === '/cgi-bin/stable_token') {
      return { endpoint: 'stable_token', answer: () => (method === 'POST' ? tokens.getStableToken(body) : fail(43002, 'require POST method')) };
    }
    if (RETAIN_ENDPOINTS.has(path)) {
      return { endpoint: 'datacube', answer: () => (method === 'POST' ? retain(path, query, body, wire) : fail(43002, 'require POST method')) };
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
  // A port in use rejects here (EADDRINUSE) rather than crashing the process with an 'error' event.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
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
    expireTokens: tokens.expireAll,
    /** Every token issued so far is revoked (→ 40001), as after a force refresh elsewhere. */
    invalidateTokens: tokens.revokeAll,
    /** Every token issued so far, to check that none leaks. */
    issuedTokens: tokens.issued,
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
