import { ErrorCode } from '../../src/errors';
import { MAX_ANSWER_BYTES } from '../../src/http-request';
import { expectFailure, OK_MESSAGE, useHarness } from './harness';

// Answers WeChat should never give, played by the emulator's `body` fault: the function must
// not crash, must use what is usable (extra fields camelCased, as cloud.openapi does) and
// must say clearly what is wrong with what is not.

const harness = useHarness();

const DAY = '20170313';
const entries = '[{"key":0,"value":5464},{"key":1,"value":1520}]';
const answer = (fields: string) => `{"ref_date":"${DAY}",${fields}}`;
/** The answer size limit (64 KiB). */
const LIMIT = MAX_ANSWER_BYTES;

/** Plays `body` as the next datacube answer (`times` of them) and makes one call. */
async function callWithDatacubeBody(body: string, times = 1) {
  const main = harness.load();
  harness.emulator.inject('datacube', { kind: 'body', body }, times);
  const result = await main({ beginDate: DAY }, { time_limit_in_ms: 3000 });
  return { result, datacube: harness.emulator.count('datacube') };
}

describe('odd datacube answers that are still usable', () => {
  it('returns empty arrays as empty arrays', async () => {
    const { result } = await callWithDatacubeBody(answer('"visit_uv_new":[],"visit_uv":[]'));
    expect(result).toEqual({ refDate: DAY, visitUvNew: [], visitUv: [], errMsg: OK_MESSAGE, errCode: 0 });
  });

  it('passes extra fields through, camelCased at every depth', async () => {
    const body = answer(
      `"visit_uv_new":[{"key":0,"value":5464,"extra_info":"x"}],"visit_uv":${entries},"visit_pv_total":42,"new_field":{"inner_key":[{"deep_key":1}]}`,
    );
    const { result } = await callWithDatacubeBody(body);
    expect(result).toEqual({
      refDate: DAY,
      visitUvNew: [{ key: 0, value: 5464, extraInfo: 'x' }],
      visitUv: [
        { key: 0, value: 5464 },
        { key: 1, value: 1520 },
      ],
      visitPvTotal: 42,
      newField: { innerKey: [{ deepKey: 1 }] },
      errMsg: OK_MESSAGE,
      errCode: 0,
    });
  });

  it('drops errcode 0 and errmsg "ok" from the data', async () => {
    const { result } = await callWithDatacubeBody(`{"errcode":0,"errmsg":"ok","ref_date":"${DAY}","visit_uv_new":${entries},"visit_uv":[]}`);
    expect(Object.keys(result)).toEqual(['refDate', 'visitUvNew', 'visitUv', 'errMsg', 'errCode']);
    expect(result.errCode).toBe(0);
  });

  it('reads errcode "0" (a string) as success, never as a failure with errCode 0', async () => {
    const { result } = await callWithDatacubeBody(`{"errcode":"0","ref_date":"${DAY}","visit_uv_new":[],"visit_uv":[]}`);
    expect(result).toMatchObject({ errCode: 0, errMsg: OK_MESSAGE, refDate: DAY });
  });

  it.each([
    ['the arrays are missing', answer('"visit_pv":1'), { visitPv: 1 }, /visitUvNew: /],
    ['one array is missing', answer(`"visit_uv_new":${entries}`), { visitUvNew: JSON.parse(entries) }, /visitUv: /],
    ['an array is null', answer(`"visit_uv_new":null,"visit_uv":[]`), { visitUvNew: null, visitUv: [] }, /visitUvNew: /],
    ['an array is an object', answer(`"visit_uv_new":{"0":{"key":0,"value":1}},"visit_uv":[]`), { visitUvNew: { 0: { key: 0, value: 1 } }, visitUv: [] }, /visitUvNew: /],
    ['an array holds numbers', answer(`"visit_uv_new":[1,2],"visit_uv":[]`), { visitUvNew: [1, 2], visitUv: [] }, /visitUvNew\.0: /],
    ['values are strings', answer(`"visit_uv_new":[{"key":"0","value":"5464"}],"visit_uv":[]`), { visitUvNew: [{ key: '0', value: '5464' }], visitUv: [] }, /visitUvNew\.0\.key: /],
    ['a key is not an integer', answer(`"visit_uv_new":[{"key":0.5,"value":1}],"visit_uv":[]`), { visitUvNew: [{ key: 0.5, value: 1 }], visitUv: [] }, /visitUvNew\.0\.key: /],
    ['errcode is null', answer('"errcode":null,"visit_uv_new":[],"visit_uv":[]'), { visitUvNew: [], visitUv: [] }, /errcode null read as success/],
  ])('passes an answer through as cloud.openapi would when %s, with one warning, without retrying', async (_name, body, fields, oddity) => {
    const { result, datacube } = await callWithDatacubeBody(body);
    expect(result).toEqual({ refDate: DAY, ...fields, errMsg: OK_MESSAGE, errCode: 0 });
    const warnings = harness.logLines().filter((line) => line.includes('in a shape the documentation does not show'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(oddity);
    expect(datacube).toBe(1);
  });

  it.each([
    ['ref_date is a number', `{"ref_date":20170313,"visit_uv_new":[],"visit_uv":[]}`, { refDate: 20170313 }],
    ['ref_date is missing', '{"visit_uv_new":[],"visit_uv":[]}', {}],
    ['ref_date is another day', '{"ref_date":"20170314","visit_uv_new":[],"visit_uv":[]}', { refDate: '20170314' }],
  ])('passes an answer through as cloud.openapi would when %s, with one warning', async (_name, body, fields) => {
    const { result } = await callWithDatacubeBody(body);
    expect(result).toEqual({ visitUvNew: [], visitUv: [], ...fields, errMsg: OK_MESSAGE, errCode: 0 });
    expect(harness.logLines().filter((line) => line.includes(`answered ${DAY} in a shape the documentation does not show`))).toHaveLength(1);
  });

  it('gives no warning for a well-formed answer', async () => {
    await callWithDatacubeBody(answer(`"visit_uv_new":${entries},"visit_uv":${entries}`));
    expect(harness.logLines().filter((line) => line.includes('shape'))).toEqual([]);
  });

  it('accepts a large body under the 64 KiB limit', async () => {
    const { result } = await callWithDatacubeBody(answer(`"visit_uv_new":[],"visit_uv":[],"padding":"${'x'.repeat(LIMIT - 200)}"`));
    expect(result).toMatchObject({ errCode: 0, refDate: DAY });
    expect(String(result.padding)).toHaveLength(LIMIT - 200);
  });
});

describe('odd datacube answers that are not usable', () => {
  it.each([
    ['the JSON is null', 'null', /JSON that is not an object/],
    ['the JSON is an array', `[${entries}]`, /JSON that is not an object/],
    ['the JSON is a string', '"ok"', /JSON that is not an object/],
    ['the JSON is a number', '42', /JSON that is not an object/],
    ['errcode is not a number', `{"errcode":"busy","ref_date":"${DAY}","visit_uv_new":[],"visit_uv":[]}`, /errcode that is not a safe integer/],
    ['errcode is a fraction', '{"errcode":1.5,"errmsg":"?"}', /errcode that is not a safe integer/],
    ['errcode is true', '{"errcode":true,"errmsg":"?"}', /errcode that is not a safe integer/],
    ['a key holds __proto__, which wx-server-sdk refuses too', answer('"visit_uv_new":[],"visit_uv":[],"__proto__":{"polluted":true}'), /a key that wx-server-sdk refuses too \("__proto__"\)/],
    ['a nested key holds constructor', answer('"visit_uv_new":[{"key":0,"value":1,"constructor_id":2}],"visit_uv":[]'), /refuses too \("constructor_id"\)/],
    ['a number overflows', answer('"visit_uv_new":[{"key":0,"value":1e400}],"visit_uv":[]'), /a number too large for JSON/],
    ['the JSON is nested too deeply to walk', answer(`"visit_uv_new":[],"visit_uv":[],"extra":${'['.repeat(20_000)}${']'.repeat(20_000)}`), /nested/],
  ])('answers -90006 when %s, without retrying', async (_name, body, reason) => {
    const { result, datacube } = await callWithDatacubeBody(body);
    expectFailure(result, ErrorCode.BAD_RESPONSE);
    expect(result.errMsg).toMatch(reason);
    expect(result.errMsg).toContain('/datacube/getweanalysisappiddailyretaininfo');
    expect(datacube).toBe(1);
  });

  it('answers -90006 for a body over 64 KiB, naming the limit, without retrying', async () => {
    const { result, datacube } = await callWithDatacubeBody(answer(`"visit_uv_new":[],"visit_uv":[],"padding":"${'x'.repeat(LIMIT + 10)}"`));
    expectFailure(result, ErrorCode.BAD_RESPONSE);
    expect(result.errMsg).toMatch(/larger than 64 KiB/);
    expect(datacube).toBe(1);
  });

  it('retries an empty body, then answers -90006 saying the body was empty', async () => {
    const { result, datacube } = await callWithDatacubeBody('', Number.POSITIVE_INFINITY);
    expectFailure(result, ErrorCode.BAD_RESPONSE);
    expect(result.errMsg).toMatch(/not JSON \(empty body\)/);
    expect(datacube).toBe(3);
  });

  it('recovers when one answer is empty', async () => {
    const { result, datacube } = await callWithDatacubeBody('');
    expect(result).toMatchObject({ errCode: 0, refDate: DAY });
    expect(datacube).toBe(2);
  });

  it('quotes only the start of a huge non-JSON body', async () => {
    const { result } = await callWithDatacubeBody(`<html>${'y'.repeat(500_000)}</html>`, Number.POSITIVE_INFINITY);
    expectFailure(result, ErrorCode.BAD_RESPONSE);
    expect(String(result.errMsg).length).toBeLessThan(600);
  });

  it('passes a WeChat errcode through with a huge errmsg cut short', async () => {
    const { result } = await callWithDatacubeBody(`{"errcode":45009,"errmsg":"${'z'.repeat(LIMIT - 100)}"}`);
    expectFailure(result, 45009);
    expect(String(result.errMsg).length).toBeLessThan(1000);
  });

  it('reads an errcode sent as a numeric string', async () => {
    const { result } = await callWithDatacubeBody('{"errcode":"45011","errmsg":"api minute-quota reach limit"}');
    expectFailure(result, 45011);
  });
});

describe('odd token answers', () => {
  async function callWithTokenBody(body: string) {
    const main = harness.load();
    harness.emulator.inject('stable_token', { kind: 'body', body });
    const result = await main({ beginDate: DAY }, { time_limit_in_ms: 3000 });
    return { result, stableToken: harness.emulator.count('stable_token'), datacube: harness.emulator.count('datacube') };
  }

  it.each([
    ['no access_token', '{"expires_in":7200}'],
    ['an empty access_token', '{"access_token":"","expires_in":7200}'],
    ['a numeric access_token', '{"access_token":12345,"expires_in":7200}'],
    ['expires_in as a string', `{"access_token":"${'a'.repeat(64)}","expires_in":"7200"}`],
    ['expires_in of 0', `{"access_token":"${'a'.repeat(64)}","expires_in":0}`],
    ['an array', '[]'],
  ])('answers -90006 for a token answer with %s, before calling the datacube', async (_name, body) => {
    const { result, stableToken, datacube } = await callWithTokenBody(body);
    expectFailure(result, ErrorCode.BAD_RESPONSE);
    expect(result.errMsg).toMatch(/\/cgi-bin\/stable_token answered/);
    expect([stableToken, datacube]).toEqual([1, 0]);
  });

  it('recovers from a token WeChat does not know: one refresh, then the data', async () => {
    const { result, stableToken, datacube } = await callWithTokenBody(`{"access_token":"${'u'.repeat(64)}","expires_in":7200}`);
    expect(result).toMatchObject({ errCode: 0, refDate: DAY });
    expect([stableToken, datacube]).toEqual([2, 2]);
  });

  it('answers -90006 for a token answer over 64 KiB', async () => {
    const { result } = await callWithTokenBody(`{"access_token":"${'t'.repeat(LIMIT + 10)}","expires_in":7200}`);
    expectFailure(result, ErrorCode.BAD_RESPONSE);
    expect(result.errMsg).toMatch(/larger than 64 KiB/);
  });
});
