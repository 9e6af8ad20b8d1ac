import { once } from '../once';
import * as z from '../zod-mini';
import { camelCaseKeys } from '../camel-case';
import type { Period, RetainApi } from '../period/period';
import type { WeChatJson } from '../wechat-response';
import { describe } from './event-parser';

export interface RetainEntry {
  /** 0 is `refDate` itself; k is k periods (days, weeks, months) later. */
  key: number;
  /** New or active users at key 0; users of that period who came back in period k otherwise. */
  value: number;
}

/**
 * One period of retention in the documented shape, camelCased: what ranges, caches, CSV and
 * the report use. `refDate` is WeChat's: `20170313` (a day), `20170306-20170312` (a week),
 * `201702` (a month).
 */
export interface RetainData {
  refDate: string;
  /** Retention of the users who were new in `refDate`. */
  visitUvNew: RetainEntry[];
  /** Retention of the users who were active in `refDate`. */
  visitUv: RetainEntry[];
  /** Fields WeChat adds later, camelCased. */
  [field: string]: unknown;
}

/** One day of retention: the day case of RetainData. */
export type DailyRetainData = RetainData;

/** What every success carries, as `cloud.openapi` sets it. */
export interface SuccessFields<Api extends RetainApi = 'getDailyRetain'> {
  errMsg: `openapi.analysis.${Api}:ok`;
  errCode: 0;
}

/**
 * What a retain API resolves to: exactly what `cloud.openapi.analysis.<api>` resolves to for
 * the same answer, whatever its shape (narrow it with `isRetainData`).
 */
export type RetainResult<Api extends RetainApi = RetainApi> = SuccessFields<Api> & { [field: string]: unknown };

/** What `getWeeklyRetain` resolves to; `refDate` is `yyyymmdd-yyyymmdd`, keys 0–4. */
export type WeeklyRetainResult = RetainResult<'getWeeklyRetain'>;

/** What `getMonthlyRetain` resolves to; `refDate` is `yyyymm`, keys 0–1. */
export type MonthlyRetainResult = RetainResult<'getMonthlyRetain'>;

/**
 * What `getDailyRetain` resolves to: exactly what `cloud.openapi.analysis.getDailyRetain`
 * resolves to for the same answer. Every real answer has the documented shape
 * (`DailyRetainDay`), but WeChat's answer is passed through whatever its shape, as
 * wx-server-sdk does, so the type promises nothing about the other fields: narrow it with
 * `isDailyRetainDay`.
 * @example if (isDailyRetainDay(result)) result.visitUv.map(({ key, value }) => …)
 */
export type DailyRetainResult = RetainResult<'getDailyRetain'>;

/** A result in the documented shape. */
export type DailyRetainDay = DailyRetainData & SuccessFields;

/**
 * The documented shape, on the camelCased result. Loose: fields WeChat adds later pass, and
 * the arrays may hold any subset of the documented keys (a key appears once its period has passed).
 */
export const documentedShape = once(() => {
  const retainEntry = z.looseObject({ key: z.number().check(z.int()), value: z.number() });
  return z.looseObject({
    refDate: z.string(),
    visitUvNew: z.array(retainEntry),
    visitUv: z.array(retainEntry),
  });
});

/**
 * documentedShape's verdict on an answer that has it, without zod building a copy of the
 * answer only to say so: every call checks its answer, and every real answer passes. It says
 * yes only where documentedShape does (test/daily-retain-response.test.ts runs both on
 * generated answers); where it says no, documentedShape decides and says why.
 */
export function plainlyDocumented(result: Record<string, unknown>): boolean {
  return typeof result.refDate === 'string' && areEntries(result.visitUvNew) && areEntries(result.visitUv);
}

/** An array of `{key, value}` objects, key a safe integer and value a finite number (z.int(), z.number()). */
function areEntries(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  // By index, as zod reads an array: a hole is an entry that is not an object.
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return false;
    const { key, value: count } = entry as { key?: unknown; value?: unknown };
    if (!Number.isSafeInteger(key) || typeof count !== 'number' || !Number.isFinite(count)) return false;
  }
  return true;
}

/** Whether `result` has the documented shape (any refDate), for any of the three APIs. */
export function isRetainData<Result extends RetainResult>(result: Result): result is Result & RetainData {
  return plainlyDocumented(result) || documentedShape().safeParse(result).success;
}

/** Whether a getDailyRetain `result` has the documented shape (any refDate). */
export function isDailyRetainDay(result: DailyRetainResult): result is DailyRetainDay {
  return isRetainData(result);
}

/**
 * How `result` departs from the documented shape for the `period` named `requestedRefDate`,
 * one phrase per oddity, naming the field; empty for a well-formed answer.
 */
export function periodOddities(result: Record<string, unknown>, period: Period, requestedRefDate: string): string[] {
  const parsed = plainlyDocumented(result) ? undefined : documentedShape().safeParse(result);
  const oddities =
    parsed === undefined || parsed.success ? [] : parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'the body'}: ${issue.message}`);
  if (typeof result.refDate === 'string' && result.refDate !== requestedRefDate) {
    // An answer for another period, whoever mixed it up (a proxy, or a signed answer replayed
    // within its 300 s window: the signature does not cover the query).
    oddities.push(`refDate ${describe(result.refDate)} is not the ${period.id} asked for (${requestedRefDate})`);
  }
  return oddities;
}

/**
 * WeChat's JSON in the `cloud.openapi` shape, as wx-server-sdk 4.0.2 makes it for
 * `period.api`: errcode and errmsg removed, every key camelCased recursively (its rule, see
 * camel-case.ts), then `errMsg` and `errCode: 0`. Never refused for its shape: an answer not
 * in the documented shape for `requestedRefDate` is passed through, and `warn` is told once
 * what is odd about it.
 */
export function toRetainResult<Api extends RetainApi>(
  json: WeChatJson,
  period: Period<Api>,
  requestedRefDate: string,
  warn: (message: string) => void,
): RetainResult<Api> {
  const { errcode, errmsg: _errmsg, ...data } = json;
  // Set after WeChat's own fields, as a spread would (a field of that name keeps its place), on
  // the object camelCaseKeys made: no second copy of the answer.
  const result = camelCaseKeys(data) as RetainResult<Api>;
  (result as Record<string, unknown>).errMsg = `openapi.analysis.${period.api}:ok`;
  (result as Record<string, unknown>).errCode = 0;
  const oddities = periodOddities(result, period, requestedRefDate);
  // A falsy errcode other than 0 (null, "", false) is success for wx-server-sdk, and for us.
  if (errcode !== undefined && errcode !== 0) oddities.unshift(`errcode ${describe(errcode)} read as success`);
  if (oddities.length > 0) {
    warn(`${period.path} answered ${requestedRefDate} in a shape the documentation does not show (returned as cloud.openapi would): ${oddities.join('; ')}`);
  }
  return result;
}
