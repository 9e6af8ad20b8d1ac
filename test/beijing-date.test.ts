import { addDays, beijingDay, beijingMidnight, beijingYesterday, isCalendarDay } from '../src/beijing-date';

// Calendar days in Beijing time (UTC+8) from src/: the cloud runs in UTC, WeChat's days do not.

describe('Beijing days', () => {
  it('changes the day at 16:00 UTC, Beijing midnight', () => {
    expect(beijingDay(Date.UTC(2024, 1, 28, 15, 59, 59, 999))).toBe('20240228');
    expect(beijingDay(Date.UTC(2024, 1, 28, 16, 0))).toBe('20240229');
    expect(beijingYesterday(Date.UTC(2024, 1, 28, 16, 0))).toBe('20240228');
    expect(beijingYesterday(Date.UTC(2024, 1, 28, 15, 59))).toBe('20240227');
  });

  it('starts a day at 16:00 UTC the day before', () => {
    expect(beijingMidnight('20240301')).toBe(Date.UTC(2024, 1, 29, 16, 0));
    expect(beijingDay(beijingMidnight('20240301'))).toBe('20240301');
    expect(beijingDay(beijingMidnight('20240301') - 1)).toBe('20240229');
  });

  it('adds and subtracts calendar days across months, leap days and years', () => {
    expect(addDays('20240228', 1)).toBe('20240229');
    expect(addDays('20240228', 2)).toBe('20240301');
    expect(addDays('20230228', 1)).toBe('20230301');
    expect(addDays('20241231', 1)).toBe('20250101');
    expect(addDays('20250101', -1)).toBe('20241231');
    expect(addDays('20240615', 0)).toBe('20240615');
    expect(addDays('20240101', 366)).toBe('20250101');
  });
});

describe('isCalendarDay', () => {
  it.each(['20240229', '20230228', '20241231', '10000101', '99991231', '20240101'])('accepts %s', (day) => {
    expect(isCalendarDay(day)).toBe(true);
  });

  it.each([
    ['29 February of a common year', '20230229'],
    ['30 February', '20240230'],
    ['month 00', '20240001'],
    ['month 13', '20241301'],
    ['day 00', '20240100'],
    ['day 32', '20240132'],
    ['31 April', '20240431'],
    ['a year before 1000', '09991231'],
    ['seven digits', '2024031'],
    ['nine digits', '202403011'],
    ['a dashed date', '2024-03-01'],
    ['digits around letters', '2024O301'],
    ['a trailing newline', '20240301\n'],
  ])('refuses %s (%j)', (_, day) => {
    expect(isCalendarDay(day)).toBe(false);
  });
});
