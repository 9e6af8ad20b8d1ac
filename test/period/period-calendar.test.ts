import { addDays } from '../../src/beijing-date';
import { DAY } from '../../src/period/day-period';
import { MONTH } from '../../src/period/month-period';
import { keyEnd, lastCompleteStart } from '../../src/period/period';
import { WEEK } from '../../src/period/week-period';

// The calendar of the three periods: which days a week or a month holds, how WeChat names
// it, and how periods are counted and shifted. The Beijing-time boundary is in
// period-boundary.test.ts.

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

describe('weeks run Monday to Sunday', () => {
  // 2024-06-10 is a Monday.
  it.each(WEEKDAYS.map((name, i) => [name, addDays('20240610', i)] as const))('a %s (%s) lies in the week 20240610–20240616', (_name, day) => {
    expect(WEEK.start(day)).toBe('20240610');
    expect(WEEK.end(day)).toBe('20240616');
  });

  it.each(WEEKDAYS.map((name, i) => [name, addDays('20240610', i), i] as const))('a %s can begin a week only if it is a Monday, end one only if a Sunday', (name, day, i) => {
    expect(WEEK.misfit(day, 'begin')).toBe(i === 0 ? undefined : `is a ${name}`);
    expect(WEEK.misfit(day, 'end')).toBe(i === 6 ? undefined : `is a ${name}`);
  });

  it('keeps a week that spans two years whole, and names it as WeChat does', () => {
    // 2024-12-30 is a Monday; its Sunday is 2025-01-05.
    expect(WEEK.start('20250101')).toBe('20241230');
    expect(WEEK.end('20241231')).toBe('20250105');
    expect(WEEK.refDate('20241230')).toBe('20241230-20250105');
    expect(WEEK.refDate('20170306')).toBe('20170306-20170312');
  });

  it('counts and shifts weeks by arithmetic, across years', () => {
    expect(WEEK.distance('20240101', '20241230')).toBe(52);
    expect(WEEK.shift('20241230', 1)).toBe('20250106');
    expect(WEEK.shift('20240610', -2)).toBe('20240527');
  });
});

describe('months run from the first to the last day', () => {
  const LENGTHS_2023 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

  it.each(LENGTHS_2023.map((length, i) => [String(i + 1).padStart(2, '0'), length] as const))('2023-%s has %i days', (month, length) => {
    const first = `2023${month}01`;
    const last = `2023${month}${length}`;
    expect(MONTH.end(first)).toBe(last);
    expect(MONTH.start(last)).toBe(first);
    expect(MONTH.misfit(first, 'begin')).toBeUndefined();
    expect(MONTH.misfit(last, 'end')).toBeUndefined();
    expect(MONTH.misfit(addDays(last, -1), 'end')).toBe('is not the last day of a month');
    expect(MONTH.misfit(addDays(first, 1), 'begin')).toBe('is not the first day of a month');
  });

  it.each([
    ['2024, divisible by 4', '20240201', '20240229'],
    ['2100, divisible by 100 but not 400', '21000201', '21000228'],
    ['2000, divisible by 400', '20000201', '20000229'],
    ['2023, not divisible by 4', '20230201', '20230228'],
  ])('ends February on the right day in %s', (_name, first, last) => {
    expect(MONTH.end(first)).toBe(last);
    expect(MONTH.end(addDays(last, -3))).toBe(last);
    expect(MONTH.misfit(last, 'end')).toBeUndefined();
    expect(addDays(last, 1).endsWith('0301')).toBe(true);
  });

  it('names a month as WeChat does, and counts and shifts months across years', () => {
    expect(MONTH.refDate('20170201')).toBe('201702');
    expect(MONTH.distance('20221201', '20240501')).toBe(17);
    expect(MONTH.shift('20241101', 3)).toBe('20250201');
    expect(MONTH.shift('20240301', -14)).toBe('20230101');
  });
});

describe('days are their own period', () => {
  it('starts and ends on the day, is named by it, and counts calendar days', () => {
    expect(DAY.start('20240229')).toBe('20240229');
    expect(DAY.end('20240229')).toBe('20240229');
    expect(DAY.refDate('20170313')).toBe('20170313');
    expect(DAY.distance('20240101', '20241231')).toBe(365);
    expect(DAY.misfit('20240229', 'begin')).toBeUndefined();
  });
});

describe('keyEnd', () => {
  it('is the last day of period ref + k', () => {
    expect(keyEnd(DAY, '20240601', 30)).toBe('20240701');
    expect(keyEnd(WEEK, '20240527', 0)).toBe('20240602');
    expect(keyEnd(WEEK, '20240527', 4)).toBe('20240630');
    expect(keyEnd(MONTH, '20240101', 1)).toBe('20240229');
    expect(keyEnd(MONTH, '20241201', 1)).toBe('20250131');
  });
});

describe('lastCompleteStart', () => {
  it('is yesterday for days, the last week ended by yesterday, the last month ended by yesterday', () => {
    expect(lastCompleteStart(DAY, '20240614')).toBe('20240614');
    expect(lastCompleteStart(WEEK, '20240614')).toBe('20240603');
    expect(lastCompleteStart(WEEK, '20240616')).toBe('20240610');
    expect(lastCompleteStart(MONTH, '20240614')).toBe('20240501');
    expect(lastCompleteStart(MONTH, '20240229')).toBe('20240201');
  });
});

describe('the last days yyyymmdd can name', () => {
  it('never let a later day compare as earlier', () => {
    // 9999-12-31 is a Friday: its week would end in the year 10000.
    expect(WEEK.end('99991229')).toBe('99991231');
    expect(WEEK.end('99991229') > '20240614').toBe(true);
    expect(MONTH.end('99991215')).toBe('99991231');
  });
});
