import * as z from 'zod';
import { camelCaseKeys } from '../camel-case';
import type { WeChatJson } from '../wechat-response';
import { describe } from './event-parser';

export interface RetainEntry {
  /** 0 is `refDate` itself; k is k days later. */
  key: number;
  /** New or active users at key 0; users of that day who came back on day k otherwise. */
  value: number;
}

/** One day of retention in the documented shape, camelCased: what ranges, caches, CSV and the report use. */
export interface DailyRetainData {
  refDate: string;
  /** Retention of the users who were new on `refDate`. */
  visitUvNew: RetainEntry[];
  /** Retention of the users who were active on `refDate`. */
  visitUv: RetainEntry[];
  /** Fields WeChat adds later, camelCased. */
  [field: string]: unknown;
}

/** What every success carries, as `cloud.openapi` sets it. */
export interface SuccessFields {
  errMsg: 'openapi.analysis.getDailyRetain:ok';
  errCode: 0;
}

/**
 * What `getDailyRetain` resolves to: exactly what `cloud.openapi.analysis.getDailyRetain`
 * resolves to for the same answer. Every real answer has the documented shape
 * (`DailyRetainDay`), but WeChat's answer is passed through whatever its shape, as
 * wx-server-sdk does, so the type promises nothing about the other fields: narrow it with
 * `isDailyRetainDay`.
 * @example if (isDailyRetainDay(result)) result.visitUv.map(({ key, value }) => …)
 */
export type DailyRetainResult = SuccessFields & { [field: string]: unknown };

/** A result in the documented shape. */
export type DailyRetainDay = DailyRetainData & SuccessFields;

const retainEntry = z.looseObject({ key: z.number().int(), value: z.number() });

/**
 * The documented shape, on the camelCased result. Loose: fields WeChat adds later pass, and
 * the arrays may hold any subset of the keys 0–7, 14, 30 (a key appears once its day has passed).
 */
const documentedDay = z.looseObject({
  refDate: z.string(),
  visitUvNew: z.array(retainEntry),
  visitUv: z.array(retainEntry),
});

/** Whether `result` has the documented shape (any refDate). */
export function isDailyRetainDay(result: DailyRetainResult): result is DailyRetainDay {
  return documentedDay.safeParse(result).success;
}

/**
 * How `result` departs from the documented shape for `requestedDay`, one phrase per
 * oddity, naming the field; empty for a well-formed day.
 */
export function dayOddities(result: Record<string, unknown>, requestedDay: string): string[] {
  const parsed = documentedDay.safeParse(result);
  const oddities = parsed.success
    ? []
    : parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'the body'}: ${issue.message}`);
  if (typeof result.refDate === 'string' && result.refDate !== requestedDay) {
    // An answer for another day, whoever mixed it up (a proxy, or a signed answer replayed
    // within its 300 s window: the signature does not cover the query).
    oddities.push(`refDate ${describe(result.refDate)} is not the day asked for (${requestedDay})`);
  }
  return oddities;
}

/**
 * WeChat's JSON in the `cloud.openapi` shape, as wx-server-sdk 4.0.2 makes it: errcode and
 * errmsg removed, every key camelCased recursively (its rule, see camel-case.ts), then
 * `errMsg` and `errCode: 0`. Never refused for its shape: an answer not in the documented
 * shape for `requestedDay` is passed through, and `warn` is told once what is odd about it.
 */
export function toDailyRetainResult(json: WeChatJson, path: string, requestedDay: string, warn: (message: string) => void): DailyRetainResult {
  const { errcode, errmsg: _errmsg, ...data } = json;
  const result: DailyRetainResult = {
    ...(camelCaseKeys(data) as Record<string, unknown>),
    errMsg: 'openapi.analysis.getDailyRetain:ok',
    errCode: 0,
  };
  const oddities = dayOddities(result, requestedDay);
  // A falsy errcode other than 0 (null, "", false) is success for wx-server-sdk, and for us.
  if (errcode !== undefined && errcode !== 0) oddities.unshift(`errcode ${describe(errcode)} read as success`);
  if (oddities.length > 0) {
    warn(`${path} answered ${requestedDay} in a shape the documentation does not show (returned as cloud.openapi would): ${oddities.join('; ')}`);
  }
  return result;
}
