import { parseDailyRetainQuery } from '../src/daily-retain/query';
import { ErrorCode, ValidationError } from '../src/errors';
import { parseRangeQuery } from '../src/range/range-query';

// 2026-11-28 17:30 UTC is 2026-11-29 01:30 in Beijing: yesterday there is 20261128,
// although the UTC calendar still says 28 November.
const justAfterBeijingMidnight = () => Date.UTC(2026, 10, 28, 17, 30);
const justBeforeBeijingMidnight = () => Date.UTC(2026, 10, 28, 15, 59);

function rejection(input: unknown, clock = justAfterBeijingMidnight): ValidationError {
  try {
    // A clock of its own: the schema is built once per clock, so each rejection builds it
    // afresh and the test covers how it is built, not only how it parses.
    parseDailyRetainQuery(input, () => clock());
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseDailyRetainQuery', () => {
  it('accepts one day as yyyymmdd', () => {
    expect(parseDailyRetainQuery({ beginDate: '20170313', endDate: '20170313' }, justAfterBeijingMidnight)).toEqual({
      beginDate: '20170313',
      endDate: '20170313',
    });
  });

  it('accepts yyyy-mm-dd and snake_case, normalising to yyyymmdd', () => {
    expect(parseDailyRetainQuery({ begin_date: '2017-03-13', end_date: '2017-03-13' }, justAfterBeijingMidnight)).toEqual({
      beginDate: '20170313',
      endDate: '20170313',
    });
  });

  it('takes yesterday in Beijing time when both dates are omitted, whatever the UTC date', () => {
    expect(parseDailyRetainQuery({}, justAfterBeijingMidnight)).toEqual({ beginDate: '20261128', endDate: '20261128' });
    expect(parseDailyRetainQuery(undefined, justBeforeBeijingMidnight)).toEqual({ beginDate: '20261127', endDate: '20261127' });
  });

  it('takes the one day given for both ends', () => {
    expect(parseDailyRetainQuery({ endDate: '20200229' }, justAfterBeijingMidnight)).toEqual({ beginDate: '20200229', endDate: '20200229' });
    expect(parseDailyRetainQuery({ begin_date: '20200229' }, justAfterBeijingMidnight)).toEqual({ beginDate: '20200229', endDate: '20200229' });
  });

  it('treats empty strings and null as omitted', () => {
    expect(parseDailyRetainQuery({ beginDate: '', endDate: null }, justAfterBeijingMidnight)).toEqual({ beginDate: '20261128', endDate: '20261128' });
  });

  it('accepts the same day given in both spellings', () => {
    expect(parseDailyRetainQuery({ beginDate: '20170313', begin_date: '2017-03-13' }, justAfterBeijingMidnight).beginDate).toBe('20170313');
  });

  it('ignores unknown keys, including prototype-pollution keys', () => {
    const event = JSON.parse('{"__proto__":{"beginDate":"x"},"constructor":1,"userInfo":{},"beginDate":"20170313"}');
    expect(parseDailyRetainQuery(event, justAfterBeijingMidnight)).toEqual({ beginDate: '20170313', endDate: '20170313' });
  });

  it.each([
    [{ beginDate: '20230230' }, 'beginDate "20230230" is not a calendar date'],
    [{ endDate: '20231301' }, 'endDate "20231301" is not a calendar date'],
    [{ begin_date: '2023-2-3' }, 'begin_date "2023-2-3" is not a date: use yyyymmdd (or yyyy-mm-dd), for example "20170313"'],
    [{ beginDate: '2023-0203' }, 'beginDate "2023-0203" is not a date: use yyyymmdd (or yyyy-mm-dd), for example "20170313"'],
    [{ beginDate: 20230203 }, 'beginDate number 20230203 is not a date: use yyyymmdd (or yyyy-mm-dd), for example "20170313"'],
    [{ beginDate: ['20230203'] }, 'beginDate array ["20230203"] is not a date: use yyyymmdd (or yyyy-mm-dd), for example "20170313"'],
    [{ beginDate: '20170313', begin_date: '20170314' }, 'beginDate "20170313" and begin_date "20170314" disagree: pass one of them'],
  ])('rejects %j with 61500: %s', (input, message) => {
    const error = rejection(input);
    expect(error.errCode).toBe(ErrorCode.DATE_FORMAT);
    expect(error.message).toBe(message);
  });

  it.each([
    ['letters before the date', 'x20230203'],
    ['letters after the date', '2023-02-03x'],
  ])('says a value with %s is not a date, rather than not a calendar date', (_, value) => {
    expect(rejection({ endDate: value }).message).toBe(`endDate "${value}" is not a date: use yyyymmdd (or yyyy-mm-dd), for example "20170313"`);
  });

  it.each(['da_te', 'D-A-Y', 'Begin.Date'])('refuses %j, whose letters alone spell a date field, as a near miss', (key) => {
    const error = rejection({ [key]: '20170313' });
    expect(error.errCode).toBe(ErrorCode.INVALID_EVENT);
    expect(error.message).toContain(`the event key "${key}" is not a date field`);
  });

  it('cuts long values short in messages', () => {
    const error = rejection({ beginDate: 'x'.repeat(10_000) });
    expect(error.message.length).toBeLessThan(200);
  });

  it('rejects two different days with 61501, naming both', () => {
    const error = rejection({ beginDate: '20170313', endDate: '20170320' });
    expect(error.errCode).toBe(ErrorCode.DATE_RANGE);
    expect(error.message).toMatch(/^beginDate "20170313" and endDate "20170320" differ: WeChat answers one day per request/);
  });

  it('rejects today in Beijing time with 61501, even while it is still yesterday in UTC', () => {
    const error = rejection({ beginDate: '20261129', endDate: '20261129' });
    expect(error.errCode).toBe(ErrorCode.DATE_RANGE);
    expect(error.message).toBe(
      'endDate "20261129" is later than yesterday (20261128, Beijing time): WeChat only has data up to yesterday',
    );
  });

  it('names the field the caller used', () => {
    expect(rejection({ end_date: '20301231' }).message).toMatch(/^end_date "20301231" is later than yesterday/);
    expect(rejection({ beginDate: '20301231' }).message).toMatch(/^beginDate "20301231" is later than yesterday/);
  });

  it.each([
    [{ begindate: '20170313' }, 'begindate', 'beginDate'],
    [{ BeginDate: '20170313' }, 'BeginDate', 'beginDate'],
    [{ 'begin-date': '20170313' }, 'begin-date', 'beginDate'],
    [{ date: '20170313' }, 'date', 'beginDate'],
    [{ refDay: '20170313' }, 'refDay', 'beginDate'],
    [{ beginDate: '20170313', EndDate: '20170313' }, 'EndDate', 'endDate'],
    [{ end_day: '20170313' }, 'end_day', 'endDate'],
  ])('rejects the near-miss key in %j with -90007, naming it and the accepted names', (event, key, meant) => {
    const error = rejection(event);
    expect(error.errCode).toBe(ErrorCode.INVALID_EVENT);
    expect(error.message).toBe(`the event key "${key}" is not a date field: use beginDate, endDate, begin_date or end_date (did you mean ${meant}?)`);
  });

  it('rejects a near-miss key before anything else is wrong with the event, and for ranges too', () => {
    expect(rejection({ beginDate: 'not a date', Date: '20170313' }).errCode).toBe(ErrorCode.INVALID_EVENT);
    expect(() => parseRangeQuery({ beginDate: '20170301', end_date: '20170331', enddate: '20170331' }, justAfterBeijingMidnight)).toThrow(
      'the event key "enddate" is not a date field',
    );
  });

  it('still ignores other unknown keys, such as the userInfo that clients inject', () => {
    const event = { beginDate: '20170313', userInfo: { appId: 'wx0', openId: 'o' }, source: 'dashboard', mode: 1 };
    expect(parseDailyRetainQuery(event, justAfterBeijingMidnight)).toEqual({ beginDate: '20170313', endDate: '20170313' });
  });

  it.each([['20170313'], [42], [[1]], [true]])('rejects a non-object event %j', (event) => {
    const error = rejection(event);
    expect(error.errCode).toBe(ErrorCode.INVALID_EVENT);
    expect(error.message).toMatch(/^the event must be an object such as \{"beginDate":"20170313","endDate":"20170313"\}/);
  });
});
