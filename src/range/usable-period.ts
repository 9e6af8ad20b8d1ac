import * as z from '../zod-mini';
import type { RetainData } from '../daily-retain/response';
import type { Period, PeriodId } from '../period/period';

/**
 * A count of users: a whole number from 0 to 2^53 − 1, the range in which a double counts
 * exactly (zod's int() is that range). 1e308, -3, 2.5, "12" or NaN are not what WeChat
 * counts, and any one of them broke the report (`Invalid array length`, a 4 GB process).
 */
function countSchema() {
  const notCount = 'is not a whole number from 0 to 2^53 − 1';
  return z.number({ error: 'is not a number' }).check(z.int({ error: notCount }), z.nonnegative({ error: notCount }));
}

/** A cohort's entries, each `{key, value}` (any other field dropped), each key at most once (which of two values would be the right one?). */
function cohortSchema() {
  const count = countSchema();
  const entry = z.object({ key: count, value: count }, { error: 'is not a {key, value} entry' });
  return z.array(entry, { error: 'is not a list of {key, value} entries' }).check(
    z.superRefine((entries, ctx) => {
      const seen = new Set<number>();
      for (const [index, { key }] of entries.entries()) {
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `repeats key ${key}` });
        seen.add(key);
      }
    }),
  );
}

/**
 * The one schema of a period (a day, a week, a month) that ranges, caches, CSV, tables and
 * reports may use, whether it was just fetched or read back from a cache. Only the
 * documented fields are kept: a period carries no field a hostile upstream added (a 64 KiB
 * answer of `{}`s is 100 MB of heap once parsed, and a cache must not keep foreign data). A
 * single-period call, by contrast, returns whatever WeChat answered, as wx-server-sdk does.
 */
function usableSchema(period: Period) {
  const refDate = `is not a ${period.refDateForm} string`;
  const cohort = cohortSchema();
  return z.object(
    {
      refDate: z.string({ error: refDate }).check(z.regex(period.refDatePattern, { error: refDate })),
      visitUvNew: cohort,
      visitUv: cohort,
    },
    { error: 'is not an object' },
  );
}

/** Built on first use: a single-period function never checks a range. */
const schemas = new Map<PeriodId, ReturnType<typeof usableSchema>>();

function schemaOf(period: Period) {
  let schema = schemas.get(period.id);
  if (!schema) {
    schema = usableSchema(period);
    schemas.set(period.id, schema);
  }
  return schema;
}

export type UsablePeriodCheck = { ok: true; data: RetainData } | { ok: false; reason: string };

/**
 * Whether `value` is a usable `period` named `refDate` (WeChat's ref_date: `20170313`,
 * `20170306-20170312`, `201702`): well formed, every key and value a count, and the period
 * asked for. Never throws; the reason names the first problem.
 * @example usablePeriod({ refDate: '20170313', visitUvNew: [{ key: 0, value: 1e308 }], visitUv: [] }, DAY, '20170313')
 *   // { ok: false, reason: 'visitUvNew.0.value is not a whole number from 0 to 2^53 − 1 (1e+308)' }
 */
export function usablePeriod(value: unknown, period: Period, refDate: string): UsablePeriodCheck {
  const parsed = schemaOf(period).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const where = path.length ? path.join('.') : `the ${period.id}`;
    return { ok: false, reason: `${where} ${issue?.message ?? 'is not usable'}${shown(valueAt(value, path))}` };
  }
  if (parsed.data.refDate !== refDate) return { ok: false, reason: `refDate is "${parsed.data.refDate}", not the ${period.id} asked for` };
  return { ok: true, data: parsed.data };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const step of path) at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[step] : undefined;
  return at;
}

/**
 * The offending value when it is a number, a boolean or null: ` (1e+308)`. Never a string,
 * which could carry anything an upstream put there (a token, terminal escapes).
 */
function shown(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean' || value === null ? ` (${String(value)})` : '';
}
