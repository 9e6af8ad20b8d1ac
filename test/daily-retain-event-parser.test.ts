import { describe as describeValue, eventParser } from '../src/daily-retain/event-parser';
import { ErrorCode, ValidationError } from '../src/errors';
import * as z from 'zod';

// The shared parser of function events and library queries, from src/.

const EXAMPLE = '{"beginDate":"20170313"}';
const parse = eventParser(
  () =>
    z.object({ day: z.string().optional() }).superRefine((value, ctx) => {
      if (value.day === 'bad') ctx.addIssue({ code: 'custom', message: 'day "bad" is wrong', params: { errCode: ErrorCode.DATE_RANGE } });
      if (value.day === 'plain') ctx.addIssue({ code: 'custom', message: 'no code given' });
    }),
  EXAMPLE,
);
const clock = () => 0;

function refusal(input: unknown): ValidationError {
  try {
    parse(input, clock);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${String(input)} to be refused`);
}

describe('eventParser', () => {
  it('takes no event (undefined or null) as an empty one', () => {
    expect(parse(undefined, clock)).toEqual({});
    expect(parse(null, clock)).toEqual({});
  });

  it.each<[unknown, string]>([
    ['20170313', '"20170313"'],
    [42, 'number 42'],
    [true, 'boolean true'],
    [[1], 'array [1]'],
  ])('refuses the event %j with INVALID_EVENT, showing an example', (event, shown) => {
    const error = refusal(event);
    expect(error.errCode).toBe(ErrorCode.INVALID_EVENT);
    expect(error.message).toBe(`the event must be an object such as ${EXAMPLE} (got ${shown})`);
  });

  it("gives the schema's errCode and message, or 61500 when the schema gave none, keeping zod's error as the cause", () => {
    const error = refusal({ day: 'bad' });
    expect(error).toMatchObject({ errCode: ErrorCode.DATE_RANGE, message: 'day "bad" is wrong' });
    expect(error.cause).toBeInstanceOf(z.ZodError);
    expect(refusal({ day: 'plain' })).toMatchObject({ errCode: ErrorCode.DATE_FORMAT, message: 'no code given' });
  });

  it('builds the schema once per clock, and one for each clock', () => {
    const build = jest.fn((now: () => number) => z.object({}).transform(() => now()));
    const parseWith = eventParser(build, EXAMPLE);
    const [first, second] = [() => 1, () => 2];
    expect(parseWith({}, first)).toBe(1);
    expect(parseWith({}, first)).toBe(1);
    expect(parseWith({}, second)).toBe(2);
    expect(build).toHaveBeenCalledTimes(2);
  });
});

describe('describe (a received value, for messages)', () => {
  it.each<[unknown, string]>([
    ['text', '"text"'],
    [null, 'null'],
    [undefined, 'undefined'],
    [7, 'number 7'],
    [{ a: 1 }, 'object {"a":1}'],
    [['x'], 'array ["x"]'],
    [() => 1, 'function'],
    [10n, 'bigint'],
  ])('shows %p as %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  it('shows a cyclic value by its kind alone', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('object');
  });

  it('cuts a long value to 57 characters, between words', () => {
    const shown = describeValue(`${'x'.repeat(30)} ${'y'.repeat(40)}`);
    expect(shown).toBe(`"${'x'.repeat(30)} …`);
    expect(describeValue('z'.repeat(55))).toBe(`"${'z'.repeat(55)}"`);
  });
});
