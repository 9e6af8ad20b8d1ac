import fc from 'fast-check';
import { camelCaseKeys } from '../src/camel-case';
import { documentedShape, isDailyRetainDay, plainlyDocumented, toRetainResult } from '../src/daily-retain/response';
import { DAY } from '../src/period/day-period';

/** The result and the warnings of one conversion. */
function convert(wechat: Record<string, unknown>, day = '20170313') {
  const warnings: string[] = [];
  const result = toRetainResult(wechat, DAY, day, (message) => warnings.push(message));
  return { result, warnings };
}

describe('toRetainResult for days', () => {
  it('maps the documented example to the documented cloud.openapi result (plus errCode 0), without a warning', () => {
    const wechat = {
      ref_date: '20170313',
      visit_uv_new: [{ key: 0, value: 5464 }],
      visit_uv: [{ key: 0, value: 55500 }],
    };
    expect(convert(wechat)).toEqual({
      result: {
        refDate: '20170313',
        visitUvNew: [{ key: 0, value: 5464 }],
        visitUv: [{ key: 0, value: 55500 }],
        errMsg: 'openapi.analysis.getDailyRetain:ok',
        errCode: 0,
      },
      warnings: [],
    });
  });

  it('drops errcode and errmsg and camelCases fields WeChat adds later, recursively, without a warning', () => {
    const wechat = {
      errcode: 0,
      errmsg: 'ok',
      ref_date: '20170313',
      visit_uv_new: [{ key: 0, value: 1, extra_field: 2 }],
      visit_uv: [],
      new_summary_block: { total_uv: 3, by_source: [{ source_id: 1 }] },
    };
    expect(convert(wechat)).toEqual({
      result: {
        refDate: '20170313',
        visitUvNew: [{ key: 0, value: 1, extraField: 2 }],
        visitUv: [],
        newSummaryBlock: { totalUv: 3, bySource: [{ sourceId: 1 }] },
        errMsg: 'openapi.analysis.getDailyRetain:ok',
        errCode: 0,
      },
      warnings: [],
    });
  });

  it.each([
    [{ visit_uv_new: [], visit_uv: [] }, /refDate: /],
    [{ ref_date: 20170313, visit_uv_new: [], visit_uv: [] }, /refDate: /],
    [{ ref_date: '20170313', visit_uv: [] }, /visitUvNew: /],
    [{ ref_date: '20170313', visit_uv_new: [{ key: '0', value: 1 }], visit_uv: [] }, /visitUvNew\.0\.key: /],
    [{ ref_date: '20170314', visit_uv_new: [], visit_uv: [] }, /refDate "20170314" is not the day asked for \(20170313\)/],
    [{ errcode: null, ref_date: '20170313', visit_uv_new: [], visit_uv: [] }, /errcode null read as success/],
    [{}, /refDate: .*; visitUvNew: .*; visitUv: /],
  ])('passes %j through as cloud.openapi would, with one warning naming the oddity', (wechat, oddity) => {
    const { result, warnings } = convert(wechat);
    const { errcode: _errcode, errmsg: _errmsg, ...data } = wechat as Record<string, unknown>;
    expect(result).toEqual({ ...(camelCaseKeys(data) as object), errMsg: 'openapi.analysis.getDailyRetain:ok', errCode: 0 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${DAY.path} answered 20170313 in a shape the documentation does not show`);
    expect(warnings[0]).toMatch(oddity);
  });
});

describe('isDailyRetainDay', () => {
  it('tells a result in the documented shape (any refDate) from one that is not', () => {
    expect(isDailyRetainDay(convert({ ref_date: '20170314', visit_uv_new: [], visit_uv: [{ key: 0, value: 1 }] }).result)).toBe(true);
    expect(isDailyRetainDay(convert({ ref_date: '20170313', visit_uv: [] }).result)).toBe(false);
    expect(isDailyRetainDay(convert({}).result)).toBe(false);
  });
});

describe('camelCaseKeys', () => {
  it("follows wx-server-sdk's rule: only _ followed by a lowercase letter", () => {
    expect(camelCaseKeys({ visit_uv_new: 1, key_2: 2, _private: 3, a__b: 4, Upper_Case: 5 })).toEqual({
      visitUvNew: 1,
      key_2: 2,
      Private: 3,
      a_B: 4,
      Upper_Case: 5,
    });
  });

  it('keeps a "__proto__" key as plain data', () => {
    const out = camelCaseKeys(JSON.parse('{"__proto__":{"polluted_key":1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).pollutedKey).toBeUndefined();
  });

  it("resolves collisions as wx-server-sdk's loop does: a renamed key wins, the later of two renamed ones wins", () => {
    expect(camelCaseKeys({ a_b: 1, aB: 2 })).toEqual({ aB: 1 });
    expect(camelCaseKeys({ aB: 2, a_b: 1 })).toEqual({ aB: 1 });
    expect(camelCaseKeys({ a_b_c: 1, a_bC: 2 })).toEqual({ aBC: 2 });
    expect(camelCaseKeys({ a_bC: 2, a_b_c: 1 })).toEqual({ aBC: 1 });
  });

  it('leaves scalars and nulls alone', () => {
    expect(camelCaseKeys([1, 'a_b', null, [{ a_b: 1 }]])).toEqual([1, 'a_b', null, [{ aB: 1 }]]);
  });
});

describe('plainlyDocumented, the check of every answer without zod', () => {
  // Numbers near every edge zod's int() and number() draw: fractions, the safe-integer bounds, NaN, ±Infinity, -0.
  const number = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -0, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, -Number.MAX_SAFE_INTEGER - 2, 2 ** 53, 1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  );
  const oddValue = fc.oneof(number, fc.string(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.constant([]), fc.constant({}));
  const entry = fc.oneof(
    fc.record({ key: number, value: number }),
    fc.record({ key: oddValue, value: oddValue }, { requiredKeys: [] }),
    fc.record({ key: fc.integer(), value: fc.integer(), extra: oddValue }),
    oddValue,
  );
  const entries = fc.oneof(fc.array(entry, { maxLength: 6 }), fc.sparseArray(entry, { maxLength: 6 }), oddValue);
  const answer = fc.record(
    { refDate: fc.oneof(fc.constant('20170313'), oddValue), visitUvNew: entries, visitUv: entries, other: oddValue },
    { requiredKeys: [] },
  );

  it('says yes only where documentedShape does, and for every well-formed answer', () => {
    fc.assert(
      fc.property(answer, (result) => {
        const zodSays = documentedShape().safeParse(result).success;
        // Exact, not only sound: a no here costs a second check, a yes skips it.
        expect(plainlyDocumented(result)).toBe(zodSays);
      }),
      { numRuns: 3000 },
    );
  });
});
