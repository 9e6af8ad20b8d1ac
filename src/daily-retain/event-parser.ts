import type * as z from '../zod-mini';
import { ErrorCode, ValidationError } from '../errors';
import { shorten } from '../redact';

/**
 * A parser for function events and library queries: the schema is built once per clock
 * (building a zod schema costs a hundred times more than parsing with it; the clock is in
 * it for "yesterday"), anything but an object is INVALID_EVENT, and zod's first issue
 * becomes a ValidationError with the errCode the schema gave it (61500 when it gave none).
 */
export function eventParser<T>(build: (now: () => number) => z.ZodMiniType<T>, example: string) {
  const schemas = new WeakMap<() => number, z.ZodMiniType<T>>();
  return (input: unknown, now: () => number): T => {
    const event = input ?? {};
    if (typeof event !== 'object' || Array.isArray(event)) {
      throw new ValidationError(ErrorCode.INVALID_EVENT, `the event must be an object such as ${example} (got ${describe(event)})`);
    }
    let schema = schemas.get(now);
    if (!schema) {
      schema = build(now);
      schemas.set(now, schema);
    }
    const parsed = schema.safeParse(event);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const errCode = (issue?.code === 'custom' && (issue.params?.errCode as number)) || ErrorCode.DATE_FORMAT;
    throw new ValidationError(errCode, issue?.message ?? 'invalid date', { cause: parsed.error });
  };
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
  return shorten(text, 57);
}
