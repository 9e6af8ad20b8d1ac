import { parseRetainQuery } from '../../src/daily-retain/query';
import { ValidationError } from '../../src/errors';
import { MONTH } from '../../src/period/month-period';
import { isAnswerFinal, isKeyFinal, periodCompleteness } from '../../src/period/period-completeness';
import { WEEK } from '../../src/period/week-period';
import { parseRangeQuery } from '../../src/range/range-query';

// Cloud functions run in UTC; WeChat's weeks and months end at midnight Beijing time
// (UTC+8), which is 16:00 UTC. One second either side of it decides whether the week that
// ends on a Sunday, or the month that ends on its last day, has ended.

const at = (iso: string) => () => Date.parse(iso);

describe('on a Sunday (2024-06-16), at 16:00 UTC', () => {
  const justBefore = at('2024-06-16T15:59:59Z');
  const atTurn = at('2024-06-16T16:00:00Z');

  it('the last complete week becomes the one that ends that Sunday', () => {
    expect(parseRetainQuery(WEEK, {}, justBefore)).toEqual({ beginDate: '20240603', endDate: '20240609' });
    expect(parseRetainQuery(WEEK, {}, atTurn)).toEqual({ beginDate: '20240610', endDate: '20240616' });
  });

  it('that week is refused with 61501 one second before, and asked for at the turn', () => {
    expect(() => parseRetainQuery(WEEK, { beginDate: '20240610', endDate: '20240616' }, justBefore)).toThrow(ValidationError);
    expect(parseRetainQuery(WEEK, { beginDate: '20240610', endDate: '20240616' }, atTurn)).toEqual({ beginDate: '20240610', endDate: '20240616' });
  });

  it('key k of a week turns final when week ref + k ends', () => {
    // Week 20240520 + 3 weeks is 20240610–20240616.
    expect(isKeyFinal(WEEK, '20240520', 3, justBefore())).toBe(false);
    expect(isKeyFinal(WEEK, '20240520', 3, atTurn())).toBe(true);
    expect(periodCompleteness(WEEK, '20240520', atTurn())).toEqual({ refDate: '20240520-20240526', final: false, finalKeys: [0, 1, 2, 3], pendingKeys: [4] });
  });

  it('a range of weeks covers that week only from the turn', () => {
    const range = { beginDate: '20240601', endDate: '20240616', period: 'week' };
    expect(parseRangeQuery(range, justBefore)).toMatchObject({ beginDate: '20240527', endDate: '20240609', firstDays: ['20240527', '20240603'] });
    expect(parseRangeQuery(range, atTurn)).toMatchObject({ beginDate: '20240527', endDate: '20240616', firstDays: ['20240527', '20240603', '20240610'] });
  });
});

describe('on the last day of a month (2024-02-29, a leap day), at 16:00 UTC', () => {
  const justBefore = at('2024-02-29T15:59:59Z');
  const atTurn = at('2024-02-29T16:00:00Z');

  it('the last complete month becomes the one that ends that day', () => {
    expect(parseRetainQuery(MONTH, {}, justBefore)).toEqual({ beginDate: '20240101', endDate: '20240131' });
    expect(parseRetainQuery(MONTH, {}, atTurn)).toEqual({ beginDate: '20240201', endDate: '20240229' });
  });

  it('that month is refused with 61501 one second before, and asked for at the turn', () => {
    expect(() => parseRetainQuery(MONTH, { beginDate: '20240201', endDate: '20240229' }, justBefore)).toThrow(/has not ended by yesterday \(20240228, Beijing time\)/);
    expect(parseRetainQuery(MONTH, { beginDate: '20240201' }, atTurn)).toEqual({ beginDate: '20240201', endDate: '20240229' });
  });

  it('key 1 of January turns final when February ends', () => {
    expect(isKeyFinal(MONTH, '20240101', 1, justBefore())).toBe(false);
    expect(isKeyFinal(MONTH, '20240101', 1, atTurn())).toBe(true);
  });

  it('a range of months covers that month only from the turn', () => {
    const range = { beginDate: '20231215', endDate: '20240229', period: 'month' };
    expect(parseRangeQuery(range, justBefore)).toMatchObject({ beginDate: '20231201', endDate: '20240131' });
    expect(parseRangeQuery(range, atTurn)).toMatchObject({ beginDate: '20231201', endDate: '20240229' });
  });
});

describe('isAnswerFinal for weeks and months', () => {
  const withKeys = (keys: number[]) => ({ visitUvNew: keys.map((key) => ({ key, value: 1 })), visitUv: keys.map((key) => ({ key, value: 1 })) });
  /** 2024-06-15 12:00 Beijing: yesterday is Friday 20240614. */
  const now = Date.parse('2024-06-15T04:00:00Z');

  it('is final once the last key is final by the calendar and the answer holds it', () => {
    // Week 20240506 + 4 weeks ends on Sunday 20240609.
    expect(isAnswerFinal(WEEK, '20240506', withKeys([0, 1, 2, 3, 4]), now)).toBe(true);
    expect(isAnswerFinal(WEEK, '20240513', withKeys([0, 1, 2, 3, 4]), now)).toBe(false);
    // April + 1 month ends on 20240531.
    expect(isAnswerFinal(MONTH, '20240401', withKeys([0, 1]), now)).toBe(true);
    expect(isAnswerFinal(MONTH, '20240501', withKeys([0, 1]), now)).toBe(false);
  });

  it('waits two days after the last key is final for an answer that lacks it, then gives up waiting', () => {
    // W4 of 20240506 ended Sunday 20240609: final from Monday, given up on from 20240612 on.
    expect(isAnswerFinal(WEEK, '20240506', withKeys([0, 1, 2, 3]), Date.parse('2024-06-11T04:00:00Z'))).toBe(false);
    expect(isAnswerFinal(WEEK, '20240506', withKeys([0, 1, 2, 3]), Date.parse('2024-06-12T04:00:00Z'))).toBe(true);
    // M1 of April ended 20240531.
    expect(isAnswerFinal(MONTH, '20240401', withKeys([0]), Date.parse('2024-06-02T04:00:00Z'))).toBe(false);
    expect(isAnswerFinal(MONTH, '20240401', withKeys([0]), Date.parse('2024-06-03T04:00:00Z'))).toBe(true);
  });
});
