import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySealedRequest, sealResponse } from '../../src/emulator/security-server';
import { ErrorCode, TransportError, WeChatApiError } from '../../src/errors';
import { secureExchange } from '../../src/security/secure-exchange';
import { PATH, securityPair } from '../security/security-fixture';

// The client's exchange against a scripted platform: answers the emulator does not give.

const { server: platform, ctx } = securityPair();
let answer: (body: Buffer, headers: http.IncomingHttpHeaders) => { status?: number; body: string; headers?: Record<string, string> };
let httpServer: http.Server;
let url: URL;

beforeAll(async () => {
  httpServer = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { status = 200, body, headers = {} } = answer(Buffer.concat(chunks), req.headers);
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  url = new URL(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}${PATH}?access_token=TOKEN`);
});
afterAll(() => new Promise((resolve) => httpServer.close(resolve)));

const exchange = () => secureExchange(ctx, { clock: Date.now, logger: { warn: jest.fn() } })({ url, path: PATH, params: { begin_date: '20240430', end_date: '20240430' }, timeoutMs: 2000 });
const caught = (promise: Promise<unknown>) => promise.then(() => new Error('expected a rejection'), (error: Error) => error);

describe('secureExchange', () => {
  it('sends a request the platform verifies, with the JSON content type', async () => {
    let verified: unknown;
    let contentType: unknown;
    answer = (body, headers) => {
      contentType = headers['content-type'];
      verified = verifySealedRequest(platform, { path: PATH, headers, body, now: Date.now() });
      return sealResponse(platform, { path: PATH, payload: { ref_date: '20240430' }, now: Date.now() });
    };
    expect(await exchange()).toEqual({ ref_date: '20240430' });
    expect(verified).toEqual({ ok: true, params: { begin_date: '20240430', end_date: '20240430' } });
    expect(contentType).toBe('application/json; charset=utf-8');
  });

  it('throws an errcode found inside the decrypted payload, as without API security', async () => {
    answer = () => sealResponse(platform, { path: PATH, payload: { errcode: 61503, errmsg: 'data not ready' }, now: Date.now() });
    const error = await caught(exchange());
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ errcode: 61503, message: expect.stringMatching(/^data not ready \(the day's data is not ready yet/) });
  });

  it('keeps gateway failures transient transport errors: an HTTP 502 page, an unsigned cut-off body', async () => {
    answer = () => ({ status: 502, body: '<html>502 Bad Gateway</html>' });
    expect(await caught(exchange())).toMatchObject({ errCode: ErrorCode.HTTP_STATUS, transient: true });
    answer = () => ({ body: '{"iv":"abc' });
    const cutOff = await caught(exchange());
    expect(cutOff).toBeInstanceOf(TransportError);
    expect(cutOff).toMatchObject({ errCode: ErrorCode.BAD_RESPONSE, transient: true });
  });
});
