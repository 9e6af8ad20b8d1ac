import fc from 'fast-check';
import type { BuiltMain } from '../helpers/built-function';
import { today, yesterday } from '../helpers/yesterday';
import { expectedAnswer } from './event-oracle';
import { expectFailure, OK_MESSAGE, RESULT_KEYS, useHarness } from './harness';

// Property tests of the built function's event handling: whatever JSON arrives, `main`
// resolves with the right data or a clear failure, and a bad event never reaches WeChat.

const harness = useHarness();

/** Fixed seeds keep CI deterministic; a failure prints its seed and the shrunk event. */
const RUNS = { numRuns: 150, seed: 20170313 };

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pastDay = fc.integer({ min: Date.UTC(2016, 0, 1), max: Date.now() - 2 * DAY_MS }).map(iso);

/** Values for a date field: good dates in both shapes, near misses, wrong types and junk. */
const dateish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: pastDay.map((day) => day.replace(/-/g, '')) },
  { weight: 2, arbitrary: pastDay },
  fc.constantFrom('', null, today(), yesterday(), '20991231', '20230230', '20231301', '20230015', '00000101', '09991231', '2023-2-28'),
  fc.constantFrom(' 20170313', '20170313\n', '2017/03/13', '２０１７０３１３', '٢٠١٧٠٣١٣', '2017-0313', '+2017-03-13'),
  fc.stringMatching(/^[0-9]{8}$/),
  fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.integer({ min: 10_000, max: 300_000 }).map((n) => `20170313${'9'.repeat(n)}`),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(20170313),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 3 }),
);

const DATE_FIELDS = ['beginDate', 'endDate', 'begin_date', 'end_date'];
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** An object event whose fields are mostly the date fields, plus what clients add. */
const dateEvent = fc.record(
  {
    beginDate: dateish,
    endDate: dateish,
    begin_date: dateish,
    end_date: dateish,
    userInfo: fc.record({ appId: fc.string(), openId: fc.string() }),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

/** Well-formed dates that may still break the range rules: two different days, today, the future. */
const nearDay = fc.oneof(pastDay, fc.constantFrom(yesterday(), today(), '20991231', ''));
const rangeEvent = fc.oneof(
  fc.record({ beginDate: nearDay, endDate: nearDay }, { requiredKeys: [] }),
  fc.record({ begin_date: nearDay, end_date: nearDay }, { requiredKeys: [] }),
  fc.record({ beginDate: nearDay, end_date: nearDay, begin_date: nearDay }, { requiredKeys: [] }),
);

/**
 * JSON text with prototype-pollution keys, parsed as the platform would parse it: JSON.parse
 * makes `__proto__` an own property, which naive merging would turn into a prototype.
 */
const pollutingEvent = fc
  .array(
    fc.tuple(
      fc.constantFrom(...POLLUTION_KEYS, ...DATE_FIELDS),
      fc.oneof(dateish, fc.dictionary(fc.constantFrom(...POLLUTION_KEYS, ...DATE_FIELDS, 'polluted'), dateish, { maxKeys: 4 })),
    ),
    { maxLength: 6 },
  )
  .map((entries) => JSON.parse(`{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`).join(',')}}`));

/** Keys that look like misspelt date fields (-90007), and keys that do not (ignored). */
const NEAR_MISS_KEYS = ['begindate', 'BeginDate', 'begin-date', 'Begin_Date', 'date', 'day', 'refDate', 'end_day', 'update', 'birthday'];
const HARMLESS_KEYS = ['userInfo', 'source', 'mode', 'begin', 'end', 'from', 'to', 'd4te'];
const mixedKeyEvent = fc.dictionary(fc.constantFrom(...DATE_FIELDS, ...NEAR_MISS_KEYS, ...HARMLESS_KEYS), nearDay, { maxKeys: 4 });

/** As the platform delivers events: JSON, parsed. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

/** Calls `main` with one event and checks the answer against the README's rules. */
async function checkEvent(main: BuiltMain, event: unknown): Promise<void> {
  const expected = expectedAnswer(event, yesterday());
  const before = { requests: harness.emulator.requests.length, datacube: harness.emulator.count('datacube') };
  const result = await main(event);
  if ('day' in expected) {
    expect(Object.keys(result)).toEqual(RESULT_KEYS);
    expect(result).toMatchObject({ refDate: expected.day, errCode: 0, errMsg: OK_MESSAGE });
    for (const series of [result.visitUvNew, result.visitUv]) {
      expect(series).toEqual(expect.arrayContaining([{ key: 0, value: expect.any(Number) }]));
    }
    expect(harness.emulator.count('datacube')).toBe(before.datacube + 1);
    expect(harness.emulator.requests.at(-1)?.body).toEqual({ begin_date: expected.day, end_date: expected.day });
  } else {
    expectFailure(result, expected.errCode);
    // A clear answer, not an echo: a huge field shows as its first few characters.
    expect(String(result.errMsg).length).toBeLessThan(400);
    expect(harness.emulator.requests.length).toBe(before.requests);
  }
}

describe('fuzzed events against the built function', () => {
  let prototypeBefore: string[];
  beforeEach(() => {
    prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  });
  afterEach(() => {
    // No event may leave anything on Object.prototype.
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers any JSON value (null, numbers, strings, arrays, nested objects) without throwing', async () => {
    const main = harness.load();
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }).map(asJson), (event) => checkEvent(main, event)), RUNS);
  });

  it('answers events with date fields of every shape and type exactly as the README says', async () => {
    const main = harness.load();
    await fc.assert(fc.asyncProperty(fc.oneof(dateEvent, rangeEvent).map(asJson), (event) => checkEvent(main, event)), { ...RUNS, numRuns: 250 });
  });

  it('answers events with __proto__, constructor and prototype keys without polluting anything', async () => {
    const main = harness.load();
    await fc.assert(fc.asyncProperty(pollutingEvent, (event) => checkEvent(main, event)), RUNS);
  });

  it('refuses keys that look like misspelt date fields with -90007 and ignores other keys, exactly as the README says', async () => {
    const main = harness.load();
    await fc.assert(fc.asyncProperty(mixedKeyEvent, (event) => checkEvent(main, event)), { ...RUNS, numRuns: 100 });
  });

  it('accepts every past day in both shapes and both spellings', async () => {
    const main = harness.load();
    const event = fc.tuple(pastDay, fc.boolean(), fc.constantFrom('beginDate', 'endDate', 'begin_date', 'end_date', 'both'));
    await fc.assert(
      fc.asyncProperty(event, async ([day, compact, field]) => {
        const value = compact ? day.replace(/-/g, '') : day;
        const input = field === 'both' ? { beginDate: value, end_date: value } : { [field]: value };
        const result = await main(input);
        expect(result).toMatchObject({ refDate: day.replace(/-/g, ''), errCode: 0 });
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it.each<[string, () => unknown]>([
    ['undefined', () => undefined],
    ['NaN', () => Number.NaN],
    ['Infinity', () => Number.POSITIVE_INFINITY],
    ['a BigInt', () => BigInt(20170313)],
    ['a symbol', () => Symbol('event')],
    ['a function', () => () => '20170313'],
    ['a date field that is a BigInt', () => ({ beginDate: BigInt(20170313) })],
    ['a cyclic date field', () => {
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      return { beginDate: cyclic };
    }],
    ['a date field whose getter throws', () => Object.defineProperty({}, 'beginDate', { enumerable: true, get: () => { throw new Error('boom'); } })],
    ['a Proxy that throws on every read', () => new Proxy({}, { get: () => { throw new Error('trap'); }, has: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } })],
    ['an object without a prototype', () => Object.assign(Object.create(null), { beginDate: '20170313' })],
  ])('answers a non-JSON event (%s) without throwing', async (_name, make) => {
    const main = harness.load();
    const event = make();
    const before = harness.emulator.requests.length;
    const result = await main(event);
    if (result.errCode === 0) {
      expect(Object.keys(result)).toEqual(RESULT_KEYS);
    } else {
      expectFailure(result);
      expect(harness.emulator.requests.length).toBe(before);
    }
  });
});
