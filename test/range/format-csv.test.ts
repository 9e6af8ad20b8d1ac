import { csvField, formatCsv } from '../../src/range/format-csv';
import type { DailyRetainData } from '../../src/daily-retain/response';
import { NOW, retainDays, valueAt, withoutNewUsers } from '../helpers/retain-days';

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
