import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { ErrorCode, TransportError } from '../src/errors';
import { httpRequest, MAX_ANSWER_BYTES } from '../src/http-request';

// One HTTP exchange against a real local server: what is sent, and the bounds on what comes
// back (64 KiB, the time limit from start to last byte).

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

let server: http.Server;
let handler: Handler;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const url = (path = '/datacube/getweanalysisappiddailyretaininfo?access_token=SECRET_TOKEN_VALUE') => new URL(base + path);

async function failure(request: Promise<unknown>): Promise<TransportError> {
  const error = await request.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TransportError)) throw new Error(`expected a TransportError, got ${String(error)}`);
  expect(error.message).not.toContain('SECRET_TOKEN_VALUE');
  return error;
}

describe('httpRequest', () => {
  it('POSTs a JSON body with its length, and hands back the status, headers and body', async () => {
    let seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string } | undefined;
    handler = (req, res, body) => {
      seen = { method: req.method, url: req.url, headers: req.headers, body };
      res.writeHead(200, { 'content-type': 'application/json', 'x-extra': 'yes' }).end('{"errcode":0}');
    };
    const body = '{"begin_date":"20170313","note":"日留存"}';
    const response = await httpRequest({ method: 'POST', url: url(), body, timeoutMs: 5000, headers: { 'x-caller': 'test' } });
    expect(response.status).toBe(200);
    expect(response.headers['x-extra']).toBe('yes');
    expect(response.body.toString('utf8')).toBe('{"errcode":0}');
    expect(seen).toMatchObject({ method: 'POST', url: '/datacube/getweanalysisappiddailyretaininfo?access_token=SECRET_TOKEN_VALUE', body });
    expect(seen?.headers).toMatchObject({
      accept: 'application/json',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'x-caller': 'test',
    });
  });

  it('sends a GET without a body or a content type', async () => {
    let seen: http.IncomingHttpHeaders | undefined;
    handler = (req, res) => {
      seen = req.headers;
      res.end('{}');
    };
    await httpRequest({ method: 'GET', url: url('/cgi-bin/token'), timeoutMs: 5000 });
    expect(seen?.accept).toBe('application/json');
    expect(seen?.['content-type']).toBeUndefined();
    expect(seen?.['content-length']).toBeUndefined();
  });

  it('reads an answer of exactly 64 KiB, in many chunks, whether or not it declares its length', async () => {
    const { body } = await (async () => {
      handler = (_req, res) => res.writeHead(200, { 'content-length': String(MAX_ANSWER_BYTES) }).end('x'.repeat(MAX_ANSWER_BYTES));
      return httpRequest({ method: 'POST', url: url(), body: '{}', timeoutMs: 5000 });
    })();
    expect(body.length).toBe(MAX_ANSWER_BYTES);
    handler = (_req, res) => {
      res.writeHead(200);
      for (let sent = 0; sent < MAX_ANSWER_BYTES; sent += 1024) res.write('x'.repeat(1024));
      res.end();
    };
    const response = await httpRequest({ method: 'POST', url: url(), body: '{}', timeoutMs: 5000 });
    expect(response.body.length).toBe(MAX_ANSWER_BYTES);
    expect(response.body.toString()).toBe('x'.repeat(MAX_ANSWER_BYTES));
  });

  it('refuses an answer that declares more than 64 KiB before reading it, as not worth retrying', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': String(MAX_ANSWER_BYTES + 1) });
      // Only a first chunk, never the rest: a refusal that waited for the body would time out instead.
      res.write('x'.repeat(1024));
    };
    const error = await failure(httpRequest({ method: 'POST', url: url(), body: '{}', timeoutMs: 5000 }));
    expect(error).toMatchObject({ errCode: ErrorCode.BAD_RESPONSE, transient: false });
    expect(error.message).toBe(
      'POST /datacube/getweanalysisappiddailyretaininfo: the answer is larger than 64 KiB, which no WeChat answer is (a daily-retain answer is under 2 KB): check what WECHAT_API_BASE (the apiBase option) points at',
    );
  });

  it('refuses an answer that grows past 64 KiB without declaring its length', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'transfer-encoding': 'chunked' });
      res.write('x'.repeat(MAX_ANSWER_BYTES));
      res.write('y');
      // Never ended: the refusal must come from the size, not from the end of the answer.
    };
    const error = await failure(httpRequest({ method: 'POST', url: url(), body: '{}', timeoutMs: 5000 }));
    expect(error).toMatchObject({ errCode: ErrorCode.BAD_RESPONSE, transient: false });
    expect(error.message).toContain('larger than 64 KiB');
  });

  it('gives up when no answer comes within the time limit, as worth retrying', async () => {
    handler = () => undefined;
    const started = Date.now();
    const error = await failure(httpRequest({ method: 'POST', url: url(), body: '{}', timeoutMs: 80 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    expect(error).toMatchObject({ errCode: ErrorCode.TIMEOUT, transient: true });
    expect(error.message).toBe('POST /datacube/getweanalysisappiddailyretaininfo: no answer within 80 ms');
  });

  it('bounds the whole exchange, up to the last byte, not only the wait for headers', async () => {
    handler = (_req, res) => {
      res.writeHead(200);
      res.write('{"ref_date":');
    };
    const error = await failure(httpRequest({ method: 'POST', url: url(), body: '{}', timeoutMs: 80 }));
    expect(error).toMatchObject({ errCode: ErrorCode.TIMEOUT, transient: true });
  });

  it('says the connection failed, with the errno code and not the URL, when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(httpRequest({ method: 'GET', url: new URL(`http://127.0.0.1:${port}/cgi-bin/token?secret=SECRET_TOKEN_VALUE`), timeoutMs: 5000 }));
    expect(error).toMatchObject({ errCode: ErrorCode.NETWORK, transient: true });
    expect(error.message).toBe('GET /cgi-bin/token: connection failed (ECONNREFUSED)');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('says the connection failed when the server drops it mid-answer', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"ref_date"');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    const error = await failure(httpRequest({ method: 'POST', url: url(), body: '{}', timeoutMs: 5000 }));
    expect(error).toMatchObject({ errCode: ErrorCode.NETWORK, transient: true });
    expect(error.message).toBe('POST /datacube/getweanalysisappiddailyretaininfo: connection failed (the connection closed mid-answer)');
  });

  it('keeps the connection open between calls, so that warm calls skip the handshake', async () => {
    const ports: number[] = [];
    handler = (req, res) => {
      ports.push(req.socket.remotePort ?? 0);
      res.end('{}');
    };
    await httpRequest({ method: 'POST', url: url(), body: '{}', timeoutMs: 5000 });
    await httpRequest({ method: 'POST', url: url(), body: '{}', timeoutMs: 5000 });
    expect(ports).toHaveLength(2);
    expect(ports[1]).toBe(ports[0]);
  });

  it('uses one keep-alive agent per protocol, on every Node (16.13 has no keep-alive default)', async () => {
    const agents: (http.Agent | undefined)[] = [];
    // The modules themselves: `import * as` gives read-only views of them.
    const modules: (typeof http | typeof https)[] = [require('node:http'), require('node:https')];
    const spies = modules.map((module) =>
      jest.spyOn(module, 'request').mockImplementation(((_target: URL, options: http.RequestOptions) => {
        agents.push(options.agent as http.Agent | undefined);
        throw new Error('not sent');
      }) as typeof http.request),
    );
    try {
      for (const protocol of ['http:', 'https:', 'http:', 'https:']) {
        await httpRequest({ method: 'GET', url: new URL(`${protocol}//127.0.0.1:9/cgi-bin/token`), timeoutMs: 50 }).catch(() => undefined);
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(agents.map((agent) => (agent as { keepAlive?: boolean } | undefined)?.keepAlive)).toEqual([true, true, true, true]);
    expect(agents[0]).toBeInstanceOf(http.Agent);
    expect(agents[1]).toBeInstanceOf(https.Agent);
    expect(agents[2]).toBe(agents[0]);
    expect(agents[3]).toBe(agents[1]);
  });

  it('speaks HTTPS to an https: URL', async () => {
    // Nothing listens for TLS on the plain server: the TLS handshake fails there, which a
    // plain-HTTP request would not.
    const error = await failure(httpRequest({ method: 'GET', url: new URL(`${base.replace('http:', 'https:')}/cgi-bin/token`), timeoutMs: 5000 }));
    expect(error).toMatchObject({ errCode: ErrorCode.NETWORK });
  });
});
