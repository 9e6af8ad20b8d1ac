import { csvField, formatCsv } from '../../src/range/format-csv';
import type { DailyRetainData } from '../../src/daily-retain/response';
import { NOW, retainDays, valueAt, withoutNewUsers } from '../helpers/retain-days';
import { type RetainRanges, retainRanges } from '../helpers/retain-ranges';

const KEYS = [1, 2, 3, 4, 5, 6, 7, 14, 30];

/** The CSV as rows of fields (no field in these tests needs quoting). */
function parse(csv: string): string[][] {
  return csv.trimEnd().split('\n').map((line) => line.split(','));
}

describe('formatCsv', () => {
  it('has a header naming the counts and rates of every key', () => {
    const [header] = parse(formatCsv([], { now: NOW }));
    expect(header?.slice(0, 7)).toEqual(['ref_date', 'new_users', 'active_users', 'new_d1', 'new_d1_rate', 'active_d1', 'active_d1_rate']);
    expect(header?.slice(-4)).toEqual(['new_d30', 'new_d30_rate', 'active_d30', 'active_d30_rate']);
    expect(header).toHaveLength(3 + KEYS.length * 4);
  });

  it('writes one row per day, oldest first, each as wide as the header', () => {
    const days = retainDays(45);
    const [header, ...rows] = parse(formatCsv([...days].reverse(), { now: NOW }));
    expect(rows.map((row) => row[0])).toEqual(days.map((day) => day.refDate));
    for (const row of rows) expect(row).toHaveLength(header?.length ?? 0);
  });

  it('writes the counts and rates WeChat answered', () => {
    const [first] = retainDays(45) as [DailyRetainData];
    const [, row] = parse(formatCsv([first], { now: NOW }));
    const size = valueAt(first.visitUvNew, 0);
    expect(row?.slice(0, 3)).toEqual([first.refDate, String(size), String(valueAt(first.visitUv, 0))]);
    const d7 = valueAt(first.visitUvNew, 7);
    expect(row?.slice(3 + 6 * 4, 3 + 6 * 4 + 2)).toEqual([String(d7), String(Number((d7 / size).toFixed(4)))]);
  });

  it('writes "pending" in the cells of keys whose day has not come, and leaves no data empty', () => {
    const days = retainDays(10); // the oldest is 9 days old: keys 14 and 30 are pending
    const rows = parse(formatCsv(days, { now: NOW })).slice(1);
    const oldest = rows[0] ?? [];
    expect(oldest.slice(3 + 7 * 4).every((field) => field === 'pending')).toBe(true); // d14, d30
    expect(oldest.slice(3, 3 + 7 * 4).every((field) => /^[\d.]+$/.test(field))).toBe(true); // d1–d7
    const yesterday = rows.at(-1) ?? [];
    expect(yesterday.slice(3).every((field) => field === 'pending')).toBe(true);
    expect(yesterday[1]).toMatch(/^\d+$/);
  });

  it('leaves a cell empty when WeChat gave no value for a key whose day has passed', () => {
    const [day] = retainDays(45) as [DailyRetainData];
    const without7 = { ...day, visitUvNew: day.visitUvNew.filter((entry) => entry.key !== 7) };
    const [, row] = parse(formatCsv([without7], { now: NOW }));
    expect(row?.slice(3 + 6 * 4, 3 + 6 * 4 + 2)).toEqual(['', '']);
    expect(row?.slice(3 + 6 * 4 + 2, 3 + 6 * 4 + 4).every((field) => /^[\d.]+$/.test(field))).toBe(true);
  });

  it('writes a day without new users with counts of 0 and empty rates, never NaN', () => {
    const csv = formatCsv(retainDays(40).map(withoutNewUsers), { now: NOW });
    const [, row] = parse(csv);
    expect(row?.[1]).toBe('0');
    expect(row?.[3]).toBe('0');
    expect(row?.[4]).toBe('');
    expect(csv).not.toMatch(/NaN|Infinity/);
  });

  it('quotes fields that hold a comma, a quote or a line break, and only those', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('x\ny')).toBe('"x\ny"');
    expect(csvField('x\ry')).toBe('"x\ry"');
    expect(csvField('20240614')).toBe('20240614');
  });
});

describe('formatCsv by week and by month', () => {
  let ranges: RetainRanges;
  beforeAll(async () => {
    // NOW is Saturday 2024-06-15: the last week that has ended is 20240603-20240609, the last month May.
    ranges = await retainRanges('20240401', '20240614');
  });

  it('names the weeks’ columns new_w1…new_w4 and the months’ new_m1', () => {
    const [weekHeader] = parse(formatCsv(ranges.week.list, { now: NOW, period: 'week' }));
    expect(weekHeader).toEqual([
      'ref_date', 'new_users', 'active_users',
      ...[1, 2, 3, 4].flatMap((k) => [`new_w${k}`, `new_w${k}_rate`, `active_w${k}`, `active_w${k}_rate`]),
    ]);
    const [monthHeader] = parse(formatCsv(ranges.month.list, { now: NOW, period: 'month' }));
    expect(monthHeader).toEqual(['ref_date', 'new_users', 'active_users', 'new_m1', 'new_m1_rate', 'active_m1', 'active_m1_rate']);
  });

  it('starts each row with WeChat’s ref_date, which sorts by date as text', () => {
    const weeks = parse(formatCsv([...ranges.week.list].reverse(), { now: NOW, period: 'week' })).slice(1).map((row) => row[0]);
    expect(weeks).toEqual(ranges.week.list.map((item) => item.refDate));
    expect(weeks[0]).toBe('20240401-20240407');
    expect(weeks.at(-1)).toBe('20240603-20240609');
    expect([...(weeks as string[])].sort()).toEqual(weeks);
    const months = parse(formatCsv(ranges.month.list, { now: NOW, period: 'month' })).slice(1).map((row) => row[0]);
    expect(months).toEqual(['202404', '202405']);
  });

  it('says "pending" where the week or month of a key has not ended, by the period’s own rule', () => {
    const rows = parse(formatCsv(ranges.week.list, { now: NOW, period: 'week' })).slice(1);
    // key k of a week is final once the k-th week after it has ended (by 20240614: the week of 20240603–20240609)
    const pendingFrom = (row: string[] | undefined) => [1, 2, 3, 4].find((k) => row?.[3 + (k - 1) * 4] === 'pending') ?? 5;
    expect(rows.slice(-5).map(pendingFrom)).toEqual([5, 4, 3, 2, 1]);
    for (const row of rows) expect(row[1]).toMatch(/^\d+$/);
    const [april, may] = parse(formatCsv(ranges.month.list, { now: NOW, period: 'month' })).slice(1);
    expect(april?.slice(3).every((field) => /^[\d.]+$/.test(field))).toBe(true); // May has ended: April's M1 is final
    expect(may?.slice(3)).toEqual(['pending', 'pending', 'pending', 'pending']); // June has not
  });

  it('leaves out items that are not of the period asked for, and days stay the default', () => {
    expect(parse(formatCsv(ranges.day.list, { now: NOW, period: 'week' }))).toHaveLength(1);
    expect(formatCsv(ranges.day.list, { now: NOW })).toBe(formatCsv(ranges.day.list, { now: NOW, period: 'day' }));
  });
});
