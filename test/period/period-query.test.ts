import { parseRetainQuery } from '../../src/daily-retain/query';
import { ErrorCode, ValidationError } from '../../src/errors';
import { MONTH } from '../../src/period/month-period';
import type { Period } from '../../src/period/period';
import { WEEK } from '../../src/period/week-period';

// The date rules of getWeeklyRetain and getMonthlyRetain, checked before any request, with
// WeChat's codes and messages that name the rule and the pair to ask for instead.

/** 2026-11-26 12:00 Beijing time, a Thursday: yesterday is Wednesday 20261125. */
const THURSDAY = () => Date.UTC(2026, 10, 26, 4);

function rejection(period: Period, input: unknown, clock = THURSDAY): ValidationError {
  try {
    parseRetainQuery(period, input, clock);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('getWeeklyRetain dates', () => {
  it('accepts a Monday and its Sunday, in either spelling and shape', () => {
    expect(parseRetainQuery(WEEK, { beginDate: '20261116', endDate: '20261122' }, THURSDAY)).toEqual({ beginDate: '20261116', endDate: '20261122' });
    expect(parseRetainQuery(WEEK, { begin_date: '2017-03-06', end_date: '2017-03-12' }, THURSDAY)).toEqual({ beginDate: '20170306', endDate: '20170312' });
  });

  it.each([
    [{ beginDate: '20261125', endDate: '20261129' }, 'beginDate "20261125" is a Wednesday: a week runs Monday to Sunday, for example 20261123–20261129'],
    [{ beginDate: '20261117', endDate: '20261122' }, 'beginDate "20261117" is a Tuesday: a week runs Monday to Sunday, for example 20261116–20261122'],
    [{ beginDate: '20261116', endDate: '20261121' }, 'endDate "20261121" is a Saturday: a week runs Monday to Sunday, for example 20261116–20261122'],
    [{ begin_date: '20261116', end_date: '20261120' }, 'end_date "20261120" is a Friday: a week runs Monday to Sunday, for example 20261116–20261122'],
    [
      { beginDate: '20261109', endDate: '20261122' },
      'beginDate "20261109" and endDate "20261122" are not one week: WeChat answers one week per request, for example 20261109–20261115 (use getDailyRetainRange with period "week" for several weeks)',
    ],
    [
      { beginDate: '20261123', endDate: '20261129' },
      'endDate "20261129": the week 20261123–20261129 has not ended by yesterday (20261125, Beijing time): WeChat only has data for weeks that have ended, the last one 20261116–20261122',
    ],
  ])('refuses %j with 61501: %s', (input, message) => {
    const error = rejection(WEEK, input);
    expect(error.errCode).toBe(ErrorCode.DATE_RANGE);
    expect(error.message).toBe(message);
  });

  it('takes the last week that has ended by yesterday when both dates are omitted', () => {
    expect(parseRetainQuery(WEEK, {}, THURSDAY)).toEqual({ beginDate: '20261116', endDate: '20261122' });
    expect(parseRetainQuery(WEEK, undefined, THURSDAY)).toEqual({ beginDate: '20261116', endDate: '20261122' });
  });

  it('takes the week of a Monday given alone, and refuses another day alone, naming its week', () => {
    expect(parseRetainQuery(WEEK, { beginDate: '20170306' }, THURSDAY)).toEqual({ beginDate: '20170306', endDate: '20170312' });
    expect(rejection(WEEK, { beginDate: '20170308' }).message).toBe(
      'beginDate "20170308" is a Wednesday: a week runs Monday to Sunday, for example 20170306–20170312',
    );
  });

  it('takes the week of a Sunday given alone as endDate, and refuses another day alone, naming its week', () => {
    expect(parseRetainQuery(WEEK, { endDate: '20170312' }, THURSDAY)).toEqual({ beginDate: '20170306', endDate: '20170312' });
    expect(rejection(WEEK, { end_date: '20170310' }).message).toBe('end_date "20170310" is a Friday: a week runs Monday to Sunday, for example 20170306–20170312');
  });

  it('refuses the current week given by its Monday alone, naming the last complete week', () => {
    expect(rejection(WEEK, { beginDate: '20261123' }).message).toMatch(/^beginDate "20261123": the week 20261123–20261129 has not ended .* the last one 20261116–20261122$/);
  });

  it('keeps 61500 for a malformed date, and -90007 for a near-miss key', () => {
    expect(rejection(WEEK, { beginDate: '20261131' }).errCode).toBe(ErrorCode.DATE_FORMAT);
    expect(rejection(WEEK, { weekStartDate: '20261116' }).errCode).toBe(ErrorCode.INVALID_EVENT);
  });

  it('names a week example in the message for an event that is not an object', () => {
    expect(rejection(WEEK, 'last week').message).toMatch(/^the event must be an object such as \{"beginDate":"20170306","endDate":"20170312"\}/);
  });
});

describe('getMonthlyRetain dates', () => {
  it('accepts the first and the last day of a month, leap Februaries included', () => {
    expect(parseRetainQuery(MONTH, { beginDate: '20240201', endDate: '20240229' }, THURSDAY)).toEqual({ beginDate: '20240201', endDate: '20240229' });
    expect(parseRetainQuery(MONTH, { beginDate: '2100-02-01', endDate: '2100-02-28' }, () => Date.UTC(2100, 5, 1))).toEqual({
      beginDate: '21000201',
      endDate: '21000228',
    });
  });

  it.each([
    [{ beginDate: '20240215', endDate: '20240229' }, 'beginDate "20240215" is not the first day of a month: a month runs from its first to its last day, for example 20240201–20240229'],
    [{ beginDate: '20240201', endDate: '20240228' }, 'endDate "20240228" is not the last day of a month: a month runs from its first to its last day, for example 20240201–20240229'],
    [{ beginDate: '21000201', endDate: '21000229' }, 'endDate "21000229" is not a calendar date'],
    [
      { beginDate: '20240101', endDate: '20240229' },
      'beginDate "20240101" and endDate "20240229" are not one month: WeChat answers one month per request, for example 20240101–20240131 (use getDailyRetainRange with period "month" for several months)',
    ],
    [
      { beginDate: '20261101', endDate: '20261130' },
      'endDate "20261130": the month 20261101–20261130 has not ended by yesterday (20261125, Beijing time): WeChat only has data for months that have ended, the last one 20261001–20261031',
    ],
  ])('refuses %j: %s', (input, message) => {
    const error = rejection(MONTH, input);
    expect(error.errCode).toBe(message.includes('calendar') ? ErrorCode.DATE_FORMAT : ErrorCode.DATE_RANGE);
    expect(error.message).toBe(message);
  });

  it('takes the last month that has ended by yesterday when both dates are omitted', () => {
    expect(parseRetainQuery(MONTH, {}, THURSDAY)).toEqual({ beginDate: '20261001', endDate: '20261031' });
  });

  it('takes the month of a first day given alone, or of a last day given alone as endDate', () => {
    expect(parseRetainQuery(MONTH, { beginDate: '20170201' }, THURSDAY)).toEqual({ beginDate: '20170201', endDate: '20170228' });
    expect(parseRetainQuery(MONTH, { endDate: '20170228' }, THURSDAY)).toEqual({ beginDate: '20170201', endDate: '20170228' });
  });

  it('refuses another day alone, naming its month', () => {
    expect(rejection(MONTH, { beginDate: '20170215' }).message).toBe(
      'beginDate "20170215" is not the first day of a month: a month runs from its first to its last day, for example 20170201–20170228',
    );
    expect(rejection(MONTH, { endDate: '20170215' }).message).toBe(
      'endDate "20170215" is not the last day of a month: a month runs from its first to its last day, for example 20170201–20170228',
    );
  });
});
