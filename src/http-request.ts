import * as http from 'node:http';
import * as https from 'node:https';
import { ErrorCode, TransportError } from './errors';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * The largest answer read. A daily-retain answer is under 2 KB and a token answer smaller;
 * 64 KiB leaves room for any field WeChat may add. It is a memory bound too: a range holds
 * hundreds of answers at once, and 366 answers of 1 MiB each killed a 256 MB function.
 */
export const MAX_ANSWER_BYTES = 64 * 1024;

// Keep-alive: warm calls reuse the TLS connection instead of paying a handshake each time.
// Idle sockets are unref'd by Node's agent, so they never keep a process alive.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/**
 * One HTTP exchange with node:http(s), bounded by `timeoutMs` from start to last byte.
 * Uses no global `fetch` and no `AbortSignal.timeout`: neither exists on the cloud's Node 16.
 * Errors name the method and path, never the query (it carries the access token).
 */
export function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const where = `${request.method} ${request.url.pathname}`;
  const transport = request.url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: TransportError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const req = transport.request(
      request.url,
      {
        method: request.method,
        agent: agents[request.url.protocol as keyof typeof agents],
        headers: {
          accept: 'application/json',
          ...(request.body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(request.body)) }),
          ...request.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const tooLarge = () =>
          fail(
            new TransportError(
              ErrorCode.BAD_RESPONSE,
              `${where}: the answer is larger than ${MAX_ANSWER_BYTES / 1024} KiB, which no WeChat answer is (a daily-retain answer is under 2 KB): check what WECHAT_API_BASE (the apiBase option) points at`,
              false,
            ),
          );
        // A declared length says it before a byte is read.
        if (Number(res.headers['content-length']) > MAX_ANSWER_BYTES) {
          tooLarge();
          return;
        }
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) tooLarge();
          else chunks.push(chunk);
        });
        res.on('error', (error) => fail(networkError(where, error)));
        res.on('aborted', () => fail(networkError(where, new Error('the connection closed mid-answer'))));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
      },
    );
    const timer = setTimeout(
      () => fail(new TransportError(ErrorCode.TIMEOUT, `${where}: no answer within ${request.timeoutMs} ms`, true)),
      request.timeoutMs,
    );
    req.on('error', (error) => fail(networkError(where, error)));
    req.end(request.body);
  });
}

function networkError(where: string, error: Error): TransportError {
  const code = (error as NodeJS.ErrnoException).code;
  // The cause keeps the details for debugging; the message keeps only the errno code,
  // since Node's messages for some errors include the full URL.
  return new TransportError(ErrorCode.NETWORK, `${where}: connection failed (${code ?? error.message})`, true, {
    cause: error,
  });
}
