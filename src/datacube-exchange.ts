import { httpRequest } from './http-request';
import { parseWeChatResponse, type WeChatJson } from './wechat-response';

/** One attempt at a datacube call: the URL (with access_token), the API path and its body fields. */
export interface ExchangeInput {
  url: URL;
  path: string;
  params: Readonly<Record<string, unknown>>;
  timeoutMs: number;
}

/** Sends one attempt and returns WeChat's JSON, or throws a typed error. */
export type DatacubeExchange = (input: ExchangeInput) => Promise<WeChatJson>;

/** Without API security: the params as the JSON body, the answer as WeChat's JSON. */
export const plainExchange: DatacubeExchange = async ({ url, path, params, timeoutMs }) =>
  parseWeChatResponse(await httpRequest({ method: 'POST', url, body: JSON.stringify(params), timeoutMs }), path);
