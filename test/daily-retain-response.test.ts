import { camelCaseKeys } from '../src/camel-case';
import { toDailyRetainResult } from '../src/daily-retain/response';
import { ErrorCode, TransportError } from '../src/errors';

const PATH = '/datacube/getweanalysisappiddailyretaininfo';

describe('toDailyRetainResult', () => {
  it('maps the documented example to the documented cloud.openapi result (plus errCode 0)', () => {
    const wechat = {
      ref_date: '20170313',
      visit_uv_new: [{ key: 0, value: 5464 }],
      visit_uv: [{ key: 0, value: 55500 }],
    };
    expect(toDailyRetainResult(wechat, PATH, '20170313')).toEqual({
      refDate: '20170313',
      visitUvNew: [{ key: 0, value: 5464 }],
      visitUv: [{ key: 0, value: 55500 }],
      errMsg: 'openapi.analysis.getDailyRetain:ok',
      errCode: 0,
    });
  });

  it('drops errcode and errmsg and camelCases fields WeChat adds later, recursively', () => {
    const wechat = {
      errcode: 0,
      errmsg: 'ok',
      ref_date: '20170313',
      visit_uv_new: [{ key: 0, value: 1, extra_field: 2 }],
      visit_uv: [],
      new_summary_block: { total_uv: 3, by_source: [{ source_id: 1 }] },
    };
    expect(toDailyRetainResult(wechat, PATH, '20170313')).toEqual({
      refDate: '20170313',
      visitUvNew: [{ key: 0, value: 1, extraField: 2 }],
      visitUv: [],
      newSummaryBlock: { totalUv: 3, bySource: [{ sourceId: 1 }] },
      errMsg: 'openapi.analysis.getDailyRetain:ok',
      errCode: 0,
    });
  });

  it.each([
    [{ visit_uv_new: [], visit_uv: [] }, 'ref_date'],
    [{ ref_date: 20170313, visit_uv_new: [], visit_uv: [] }, 'ref_date'],
    [{ ref_date: '20170313', visit_uv: [] }, 'visit_uv_new'],
    [{ ref_date: '20170313', visit_uv_new: [{ key: '0', value: 1 }], visit_uv: [] }, 'visit_uv_new.0.key'],
  ])('refuses unusable data %j with a clear error naming %s', (wechat, field) => {
    let error: unknown;
    try {
      toDailyRetainResult(wechat, PATH, '20170313');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).errCode).toBe(ErrorCode.BAD_RESPONSE);
    expect((error as TransportError).message).toContain(`${PATH} answered data we cannot use: ${field}`);
  });
});

it('refuses an answer for another day than the one asked for', () => {
  const wechat = { ref_date: '20170314', visit_uv_new: [], visit_uv: [] };
  expect(() => toDailyRetainResult(wechat, PATH, '20170313')).toThrow(
    `${PATH} answered ref_date "20170314" for the day 20170313`,
  );
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

  it('leaves scalars and nulls alone', () => {
    expect(camelCaseKeys([1, 'a_b', null, [{ a_b: 1 }]])).toEqual([1, 'a_b', null, [{ aB: 1 }]]);
  });
});
