import * as z from 'zod';
import { camelCaseKeys } from '../camel-case';
import { ErrorCode, TransportError } from '../errors';
import type { WeChatJson } from '../wechat-response';

const retainEntry = z.looseObject({ key: z.number().int(), value: z.number() });

/**
 * The minimum a datacube answer must hold to be usable. Loose: fields WeChat adds later
 * pass through (and come out camelCased), and the arrays may hold any subset of the keys
 * 0–7, 14, 30 (a key appears once its day has passed).
 */
const dailyRetainResponse = z.looseObject({
  ref_date: z.string(),
  visit_uv_new: z.array(retainEntry),
  visit_uv: z.array(retainEntry),
});

export interface RetainEntry {
  /** 0 is `refDate` itself; k is k days later. */
  key: number;
  /** New or active users at key 0; users of that day who came back on day k otherwise. */
  value: number;
}

/** One day of retention, camelCased. */
export interface DailyRetainData {
  refDate: string;
  /** Retention of the users who were new on `refDate`. */
  visitUvNew: RetainEntry[];
  /** Retention of the users who were active on `refDate`. */
  visitUv: RetainEntry[];
  /** Fields WeChat adds later, camelCased. */
  [field: string]: unknown;
}

/** What `cloud.openapi.analysis.getDailyRetain` resolves to. */
export type DailyRetainResult = DailyRetainData & { errMsg: 'openapi.analysis.getDailyRetain:ok'; errCode: 0 };

/**
 * WeChat's JSON in the `cloud.openapi` shape: errcode and errmsg removed, every key
 * camelCased recursively (wx-server-sdk's rule), then `errMsg` and `errCode: 0`. The answer
 * must be for `requestedDay`.
 */
export function toDailyRetainResult(json: WeChatJson, path: string, requestedDay: string): DailyRetainResult {
  const parsed = dailyRetainResponse.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'the body';
    throw new TransportError(
      ErrorCode.BAD_RESPONSE,
      `${path} answered data we cannot use: ${where}: ${issue?.message ?? 'unexpected shape'}`,
      false,
      { cause: parsed.error },
    );
  }
  // An answer for another day is not this day's data, whoever mixed it up (a proxy, or a
  // signed answer replayed within its 300 s window: the signature does not cover the query).
  if (parsed.data.ref_date !== requestedDay) {
    throw new TransportError(ErrorCode.BAD_RESPONSE, `${path} answered ref_date "${parsed.data.ref_date}" for the day ${requestedDay}`, false);
  }
  const { errcode: _errcode, errmsg: _errmsg, ...data } = parsed.data;
  return {
    ...(camelCaseKeys(data) as DailyRetainData),
    errMsg: 'openapi.analysis.getDailyRetain:ok',
    errCode: 0,
  };
}
