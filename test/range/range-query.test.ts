import { ErrorCode, ValidationError } from '../../src/errors';
import { DAY } from '../../src/period/day-period';
import { MAX_RANGE_DAYS, parseRangeQuery } from '../../src/range/range-query';

// Range validation from src/, before any network call: begin ≤ end ≤ yesterday (Beijing
// time), at most a year, and the list of days it asks for.

// 2025-01-01 17:00 UTC is 2025-01-02 01:00 in Beijing: yesterday there is 20250101. A new
// clock for every parse: the schema is built once per clock, so each parse builds it afresh.
const clock = () => () => Date.UTC(2025, 0, 1, 17, 0);

function refusal(input: unknown): ValidationError {
  try {
    parseRangeQuery(input, clock());
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

describe('parseRangeQuery', () => {
  it('lists every day from begin to end, oldest first, across months, a leap day and a new year', () => {
    expect(parseRangeQuery({ beginDate: '20240227', endDate: '20240302' }, clock())).toEqual({
      period: DAY,
      beginDate: '20240227',
      endDate: '20240302',
      firstDays: ['20240227', '20240228', '20240229', '20240301', '20240302'],
    });
    expect(parseRangeQuery({ begin_date: '2024-12-30', end_date: '2025-01-01' }, clock()).firstDays).toEqual(['20241230', '20241231', '20250101']);
  });

  it('takes one day given for both ends, and yesterday in Beijing time when none is given', () => {
    expect(parseRangeQuery({ beginDate: '20240615' }, clock())).toEqual({ period: DAY, beginDate: '20240615', endDate: '20240615', firstDays: ['20240615'] });
    expect(parseRangeQuery({ endDate: '20240615' }, clock()).firstDays).toEqual(['20240615']);
    expect(parseRangeQuery({}, clock())).toEqual({ period: DAY, beginDate: '20250101', endDate: '20250101', firstDays: ['20250101'] });
  });

  it('accepts a range that ends yesterday, and refuses one that ends today, naming the field', () => {
    expect(parseRangeQuery({ beginDate: '20241231', endDate: '20250101' }, clock()).firstDays).toEqual(['20241231', '20250101']);
    const error = refusal({ beginDate: '20241231', end_date: '20250102' });
    expect(error.errCode).toBe(ErrorCode.DATE_RANGE);
    expect(error.message).toBe('end_date "20250102" is later than yesterday (20250101, Beijing time): WeChat only has data up to yesterday');
  });

  it('refuses an end before the begin, naming both fields, but accepts the two equal', () => {
    const error = refusal({ beginDate: '20240302', endDate: '20240301' });
    expect(error.errCode).toBe(ErrorCode.DATE_RANGE);
    expect(error.message).toBe('beginDate "20240302" is after endDate "20240301": give the earlier day first');
    expect(parseRangeQuery({ beginDate: '20240302', endDate: '20240302' }, clock()).firstDays).toHaveLength(1);
  });

  it('accepts a year of 366 days, leap or not, and refuses 367', () => {
    expect(MAX_RANGE_DAYS).toBe(366);
    expect(parseRangeQuery({ beginDate: '20240101', endDate: '20241231' }, clock()).firstDays).toHaveLength(366);
    expect(parseRangeQuery({ beginDate: '20230101', endDate: '20240101' }, clock()).firstDays).toHaveLength(366);
    const error = refusal({ beginDate: '20230101', endDate: '20240102' });
    expect(error.errCode).toBe(ErrorCode.DATE_RANGE);
    expect(error.message).toBe('the range 20230101–20240102 spans 367 days: ask for at most 366 days at a time');
  });

  it('refuses an event that is not an object, showing a range as the example', () => {
    const error = refusal('20170301');
    expect(error.errCode).toBe(ErrorCode.INVALID_EVENT);
    expect(error.message).toBe('the event must be an object such as {"beginDate":"20170301","endDate":"20170331"} (got "20170301")');
  });

  it('checks the dates before the range: a malformed date is 61500', () => {
    expect(refusal({ beginDate: '20240230', endDate: '20240301' }).errCode).toBe(ErrorCode.DATE_FORMAT);
  });
});

describe('DAY', () => {
  it('counts the days between two dates by arithmetic alone, across a leap day and whole millennia', () => {
    expect(DAY.distance('20240301', '20240301')).toBe(0);
    expect(DAY.distance('20240228', '20240301')).toBe(2);
    expect(DAY.distance('10000101', '99991231')).toBe(3_287_181);
    expect(DAY.id).toBe('day');
    expect(DAY.max).toBe(366);
  });
});
