import * as z from 'zod';
import { beijingYesterday, isCalendarDay } from '../beijing-date';
import { ErrorCode, ValidationError } from '../errors';

/** The query WeChat receives: one Beijing day as `yyyymmdd`, twice. */
export interface DailyRetainQuery {
  beginDate: string;
  endDate: string;
}

/** What callers may pass: camelCase as `cloud.openapi` takes it, or WeChat's snake_case. */
export interface DailyRetainInput {
  beginDate?: string;
  endDate?: string;
  begin_date?: string;
  end_date?: string;
}

const DATE_SHAPES = /^(?:\d{8}|\d{4}-\d{2}-\d{2})$/;

/** One date field, named as the caller wrote it; normalised to `yyyymmdd`. */
export function dateField(field: string) {
  return z
    .unknown()
    .transform((value, ctx) => {
      if (value === undefined || value === null || value === '') return undefined;
      if (typeof value !== 'string' || !DATE_SHAPES.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message: `${field} ${describe(value)} is not a date: use yyyymmdd (or yyyy-mm-dd), for example "20170313"`,
          params: { errCode: ErrorCode.DATE_FORMAT },
        });
        return z.NEVER;
      }
      const day = value.replace(/-/g, '');
      if (!isCalendarDay(day)) {
        ctx.addIssue({
          code: 'custom',
          message: `${field} ${describe(value)} is not a calendar date`,
          params: { errCode: ErrorCode.DATE_FORMAT },
        });
        return z.NEVER;
      }
      return day;
    })
    .optional();
}

/**
 * The event schema. Other keys (such as the `userInfo` that clients inject) are dropped,
 * never trusted. Rules, with WeChat's own codes: 61500 for a malformed date; 61501 for a
 * range that is not one day or ends after yesterday (Beijing time, from `now`).
 */
export function dailyRetainQuerySchema(now: () => number) {
  return z
    .object({
      beginDate: dateField('beginDate'),
      endDate: dateField('endDate'),
      begin_date: dateField('begin_date'),
      end_date: dateField('end_date'),
    })
    .transform((input, ctx): DailyRetainQuery => {
      const begin = pick(input.beginDate, input.begin_date, 'beginDate', 'begin_date', ctx);
      const end = pick(input.endDate, input.end_date, 'endDate', 'end_date', ctx);
      const yesterday = beijingYesterday(now());
      // Both omitted means yesterday; one given means that day.
      const beginDate = begin?.day ?? end?.day ?? yesterday;
      const endDate = end?.day ?? beginDate;
      if (beginDate !== endDate) {
        addRangeIssue(
          ctx,
          `${begin?.field ?? 'beginDate'} "${beginDate}" and ${end?.field ?? 'endDate'} "${endDate}" differ: WeChat answers one day per request, so they must be equal (use getDailyRetainRange for several days)`,
        );
      } else if (endDate > yesterday) {
        addRangeIssue(
          ctx,
          `${end?.field ?? begin?.field ?? 'endDate'} "${endDate}" is later than yesterday (${yesterday}, Beijing time): WeChat only has data up to yesterday`,
        );
      }
      return { beginDate, endDate };
    });
}

// Building a zod schema costs a hundred times more than parsing with it: one per clock.
const schemas = new WeakMap<() => number, ReturnType<typeof dailyRetainQuerySchema>>();
function schemaFor(now: () => number) {
  let schema = schemas.get(now);
  if (!schema) {
    schema = dailyRetainQuerySchema(now);
    schemas.set(now, schema);
  }
  return schema;
}

/**
 * Validates a query or event before any network call.
 * @throws ValidationError with errCode 61500 (date format) or 61501 (date range), or
 * INVALID_EVENT when the input is not an object.
 */
export function parseDailyRetainQuery(input: unknown, now: () => number): DailyRetainQuery {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError(
      ErrorCode.INVALID_EVENT,
      `the event must be an object such as {"beginDate":"20170313","endDate":"20170313"} (got ${describe(input)})`,
    );
  }
  const parsed = schemaFor(now).safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const errCode = (issue?.code === 'custom' && (issue.params?.errCode as number)) || ErrorCode.DATE_FORMAT;
  throw new ValidationError(errCode, issue?.message ?? 'invalid date', { cause: parsed.error });
}

export type Picked = { day: string; field: string } | undefined;

export function pick(camel: string | undefined, snake: string | undefined, camelName: string, snakeName: string, ctx: z.RefinementCtx): Picked {
  if (camel !== undefined && snake !== undefined && camel !== snake) {
    ctx.addIssue({
      code: 'custom',
      message: `${camelName} "${camel}" and ${snakeName} "${snake}" disagree: pass one of them`,
      params: { errCode: ErrorCode.DATE_FORMAT },
    });
  }
  if (camel !== undefined) return { day: camel, field: camelName };
  if (snake !== undefined) return { day: snake, field: snakeName };
  return undefined;
}

function addRangeIssue(ctx: z.RefinementCtx, message: string): void {
  ctx.addIssue({ code: 'custom', message, params: { errCode: ErrorCode.DATE_RANGE } });
}

/** A received value, quoted and cut short, for error messages. */
export function describe(value: unknown): string {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  let text: string = kind;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value !== null) {
    try {
      const json = JSON.stringify(value);
      if (json !== undefined) text = `${kind} ${json}`;
    } catch {
      // BigInt and cyclic values: the kind alone says enough.
    }
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
