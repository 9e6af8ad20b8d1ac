import type { Period } from '../../src/period/period';

/**
 * WeChat answers for the parity tests: each is played by the emulator (the `body` fault) to
 * our library and our built function, and given to wx-server-sdk's own code (sdk-oracle.ts),
 * for each of the three APIs: the answers of a period carry its ref_date (`20170313`,
 * `20170306-20170312`, `201702`) and its keys.
 * No errmsg holds a control character: real ones never do, and replacing them is the one
 * change we make to WeChat's text (tested apart, in test/reliability/).
 */

/** A success answer (errcode 0, absent or falsy): we must resolve to exactly what the SDK resolves to. */
export interface Answer {
  name: string;
  body: string;
  /** Whether the answer has the documented shape for the period asked for: no warning then, exactly one otherwise. */
  documented: boolean;
}

/** A WeChat failure: errCode and errMsg must be the SDK's, with our notes only after WeChat's errmsg. */
export interface Failure {
  name: string;
  body: string;
  /** How many times the emulator plays it: 2 for a token error (one refresh), Infinity for -1 (retries). */
  times: number;
}

const json = (value: unknown) => JSON.stringify(value);
const rid = 'rid: 6502a6f0-5d5b4f3c-29f4e1a7';

/** The success answers for `period`'s API, asked for WeChat's documented example period. */
export function answers(period: Period): Answer[] {
  const REF = period.refDate(period.example);
  const series = (base: number) => period.keys.map((key) => ({ key, value: Math.round(base / (1 + key)) }));
  /** The documented answer for the period with `fields` added (or replacing the documented ones). */
  const answer = (fields: Record<string, unknown> = {}) => json({ ref_date: REF, visit_uv_new: series(5464), visit_uv: series(55500), ...fields });
  return [
    // The documented shape.
    { name: `every documented key (${period.keys.join(', ')}) in both arrays`, body: answer(), documented: true },
    { name: "the documentation's example", body: json({ ref_date: REF, visit_uv_new: [{ key: 0, value: 5464 }], visit_uv: [{ key: 0, value: 55500 }] }), documented: true },
    { name: 'errcode 0 and errmsg "ok"', body: json({ errcode: 0, errmsg: 'ok', ...JSON.parse(answer()) }), documented: true },
    { name: 'empty arrays (a period without users)', body: json({ ref_date: REF, visit_uv_new: [], visit_uv: [] }), documented: true },
    { name: 'keys not yet reached (only 0 and 1)', body: json({ ref_date: REF, visit_uv_new: series(10).slice(0, 2), visit_uv: series(99).slice(0, 2) }), documented: true },
    { name: 'numbers of every JSON form (0, -0, 1.5, 1e5, 15 digits)', body: answer({ visit_uv: [{ key: 0, value: 0 }, { key: 1, value: -0 }, { key: 2, value: 1.5 }, { key: 3, value: 1e5 }, { key: 4, value: 123456789012345 }] }), documented: true },
    // Unknown fields, camelCased at every depth.
    { name: 'unknown top-level fields of every JSON type', body: answer({ visit_pv: 42, share_title: 'a_b', is_final: true, next_page: null, new_block: { total_uv: 3 } }), documented: true },
    { name: 'unknown fields inside entries', body: answer({ visit_uv_new: [{ key: 0, value: 1, extra_info: 'x', source_list: [{ source_id: 2 }] }] }), documented: true },
    { name: 'nested arrays of objects, arrays and scalars', body: answer({ matrix_rows: [[{ a_b: 1 }], [[{ c_d: [2, 'e_f', null, { g_h: {} }] }]], [], [1, 'x_y']] }), documented: true },
    { name: 'string values that look like keys stay as they are', body: answer({ note_text: 'visit_uv_new', tags: ['a_b', '_x'] }), documented: true },
    // Key spellings: only `_` followed by a lowercase letter is replaced.
    { name: 'a_b_c', body: answer({ a_b_c: 1, nested: { a_b_c: 2 } }), documented: true },
    { name: 'ab__c', body: answer({ ab__c: 1, nested: [{ ab__c: 2 }] }), documented: true },
    { name: '_x', body: answer({ _x: 1, nested: { _x: { _y: 2 } } }), documented: true },
    { name: 'x_', body: answer({ x_: 1, nested: { x_: 2 } }), documented: true },
    { name: 'a1_b2', body: answer({ a1_b2: 1, key_2: 2, a_1: 3 }), documented: true },
    { name: 'Visit_UV', body: answer({ Visit_UV: 1, VISIT_uv: 2, visit_UV: 3 }), documented: true },
    { name: 'keys "", "_", "__", "_1", "0" and "10"', body: answer({ '': 1, _: 2, __: 3, _1: 4, 0: 5, 10: 6 }), documented: true },
    { name: 'Constructor and __PROTO__ (json-bigint only refuses the exact lowercase words)', body: answer({ Constructor: 1, __PROTO__: { x: 1 } }), documented: true },
    { name: 'keys err_msg, errMsg and errCode, which cloud.openapi overwrites', body: answer({ err_msg: 'x', errMsg: 'y', errCode: 7, err_code: 8 }), documented: true },
    { name: 'errcode and errmsg nested, which stay', body: answer({ inner: { errcode: 1, errmsg: 'inner' } }), documented: true },
    { name: 'non-ASCII and escaped text', body: answer({ title: '日留存 🎉 "quoted" \\ back/slash \u2028' }), documented: true },
    // Collisions: the renamed key wins, in either order; of two renamed keys the later wins.
    { name: 'the a_b/aB collision, snake first', body: `{"ref_date":"${REF}","visit_uv_new":[],"visit_uv":[],"a_b":1,"aB":2}`, documented: true },
    { name: 'the a_b/aB collision, camel first', body: `{"ref_date":"${REF}","visit_uv_new":[],"visit_uv":[],"aB":2,"a_b":1}`, documented: true },
    { name: 'the a_b/aB collision, nested in an entry', body: `{"ref_date":"${REF}","visit_uv_new":[{"key":0,"value":1,"x_y":1,"xY":2}],"visit_uv":[]}`, documented: true },
    { name: 'two renamed keys colliding (a_b_c, a_bC)', body: `{"ref_date":"${REF}","visit_uv_new":[],"visit_uv":[],"a_b_c":1,"a_bC":2}`, documented: true },
    { name: 'a renamed key colliding with a documented one (visit_uv and visitUv)', body: `{"ref_date":"${REF}","visit_uv_new":[],"visitUv":[{"key":0,"value":9}],"visit_uv":[]}`, documented: true },
    { name: 'duplicate keys (the last one counts)', body: `{"ref_date":"${REF}","visit_uv_new":[],"visit_uv":[],"x":1,"x":2}`, documented: true },
    // Shapes the documentation does not show: passed through, with one warning.
    { name: '{}', body: '{}', documented: false },
    { name: 'only errcode 0', body: '{"errcode":0,"errmsg":"ok"}', documented: false },
    { name: 'both arrays missing', body: json({ ref_date: REF }), documented: false },
    { name: 'visit_uv missing', body: json({ ref_date: REF, visit_uv_new: series(1) }), documented: false },
    { name: 'visit_uv_new missing', body: json({ ref_date: REF, visit_uv: series(1) }), documented: false },
    { name: 'string keys and values', body: answer({ visit_uv_new: [{ key: '0', value: '5464' }] }), documented: false },
    { name: 'entries that are not objects', body: answer({ visit_uv: [1, 'two', null, [3]] }), documented: false },
    { name: 'an array that is an object', body: answer({ visit_uv: { 0: { key: 0, value: 1 } } }), documented: false },
    { name: 'a wrong ref_date', body: answer({ ref_date: '20170314' }), documented: false },
    { name: 'ref_date as a number', body: answer({ ref_date: 20170313 }), documented: false },
    { name: 'ref_date null', body: answer({ ref_date: null }), documented: false },
    { name: 'errcode null (falsy: success)', body: json({ errcode: null, errmsg: 'odd', ...JSON.parse(answer()) }), documented: false },
    { name: 'errcode "" (falsy: success)', body: json({ errcode: '', ...JSON.parse(answer()) }), documented: false },
    { name: 'errcode false (falsy: success)', body: json({ errcode: false, ...JSON.parse(answer()) }), documented: false },
  ];
}

export const FAILURES: Failure[] = [
  { name: '61500 (date format)', body: json({ errcode: 61500, errmsg: `date format error ${rid}` }), times: 1 },
  { name: '61501 (date range)', body: json({ errcode: 61501, errmsg: `date range error hint ${rid}` }), times: 1 },
  { name: '61502 (mini games)', body: json({ errcode: 61502, errmsg: `mini game not supported ${rid}` }), times: 1 },
  { name: '61503 (data not ready)', body: json({ errcode: 61503, errmsg: `data not ready, please try later ${rid}` }), times: 1 },
  { name: '45009 (daily quota)', body: json({ errcode: 45009, errmsg: `reach max api daily quota limit ${rid}` }), times: 1 },
  { name: '45011 (minute quota)', body: json({ errcode: 45011, errmsg: `api minute-quota reach limit  mustslower  retry next minute ${rid}` }), times: 1 },
  { name: '48001 (unauthorised)', body: json({ errcode: 48001, errmsg: `api unauthorized ${rid}` }), times: 1 },
  {
    name: '40001 after one refresh',
    body: json({ errcode: 40001, errmsg: `invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r ${rid}` }),
    times: 2,
  },
  { name: '42001 after one refresh', body: json({ errcode: 42001, errmsg: `access_token expired ${rid}` }), times: 2 },
  { name: '-1 after the retries', body: json({ errcode: -1, errmsg: `system error ${rid}` }), times: Number.POSITIVE_INFINITY },
  { name: 'an errmsg with data fields beside it', body: json({ errcode: 61503, errmsg: `data not ready ${rid}`, ref_date: '20170313', visit_uv: [] }), times: 1 },
  { name: 'an errmsg in Chinese', body: json({ errcode: 61501, errmsg: `日期范围错误 ${rid}` }), times: 1 },
  { name: 'a numeric errmsg', body: '{"errcode":61503,"errmsg":12345}', times: 1 },
  { name: 'an errcode sent as a string of digits', body: json({ errcode: '45011', errmsg: `api minute-quota reach limit ${rid}` }), times: 1 },
  { name: 'a negative errcode other than -1', body: json({ errcode: -2, errmsg: `odd ${rid}` }), times: 1 },
];

/** An errcode without errmsg, or with an empty one: the SDK says ":fail undefined" or ":fail "; we say what happened instead. */
export const WITHOUT_ERRMSG: Failure[] = [
  { name: 'an errcode without errmsg', body: '{"errcode":61503}', times: 1 },
  { name: 'an errcode with an empty errmsg', body: '{"errcode":61503,"errmsg":""}', times: 1 },
  { name: 'an errcode with errmsg null', body: '{"errcode":45009,"errmsg":null}', times: 1 },
];
