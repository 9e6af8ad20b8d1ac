import { formatTable } from '../../src/range/format-table';
import type { DailyRetainData } from '../../src/daily-retain/response';
import { NOW, retainDays, valueAt, withoutNewUsers } from '../helpers/retain-days';
import { type RetainRanges, retainRanges } from '../helpers/retain-ranges';

/** The fields of line `index` of a block. */
function fields(table: string, title: string, index: number): string[] {
  return (block(table, title).at(index) ?? '').split(/\s+/);
}

/** The lines of the block that starts with `title`, up to the blank line after it. */
function block(table: string, title: string): string[] {
  const lines = table.split('\n');
  const start = lines.indexOf(title);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end);
}

describe('formatTable', () => {
  const days = retainDays(35);
  const table = formatTable(days, { now: NOW });

  it('has a block for new users and one for active users, a row per day', () => {
    for (const title of ['New users', 'Active users']) {
      const [header, rule, ...rows] = block(table, title);
      expect(header?.split(/\s+/)).toEqual(['Date', 'Users', 'D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D14', 'D30']);
      expect(rule).toMatch(/^[- ]+$/);
      expect(rows.map((row) => row.slice(0, 10))).toEqual(days.map((d) => `${d.refDate.slice(0, 4)}-${d.refDate.slice(4, 6)}-${d.refDate.slice(6)}`));
    }
  });

  it('aligns columns: every line of a block is as wide, numbers end on the same column', () => {
    const lines = block(table, 'New users');
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    const d1Ends = lines.slice(2, -1).map((line) => line.indexOf('%') + 1); // yesterday has no D1 yet
    expect(new Set(d1Ends).size).toBe(1);
  });

  it('shows rates as percentages with the users of day 0', () => {
    const [oldest] = days as [DailyRetainData];
    const size = valueAt(oldest.visitUvNew, 0);
    const d1 = valueAt(oldest.visitUvNew, 1);
    const row = fields(table, 'New users', 2);
    expect(row[1]).toBe(size.toLocaleString('en-US'));
    expect(row[2]).toBe(`${((d1 / size) * 100).toFixed(1)}%`);
  });

  it('marks keys not final yet, and explains the marks', () => {
    const yesterday = fields(table, 'New users', -1);
    expect(yesterday.slice(2)).toEqual(Array(9).fill('…'));
    expect(table.trimEnd().split('\n').at(-1)).toBe('… not final yet   - no data (or no users that day)');
  });

  it('shows a day without new users as 0 users and no rates', () => {
    const row = fields(formatTable(retainDays(40).map(withoutNewUsers), { now: NOW }), 'New users', 2);
    expect(row.slice(1)).toEqual(['0', ...Array(9).fill('-')]);
  });
});

describe('formatTable by week and by month', () => {
  let ranges: RetainRanges;
  beforeAll(async () => {
    // NOW is Saturday 2024-06-15: the last week that has ended is 20240603-20240609, the last month May.
    ranges = await retainRanges('20240401', '20240614');
  });

  it('heads the weeks’ columns Week, W1…W4, and shows each week as its Monday and Sunday', () => {
    const table = formatTable(ranges.week.list, { now: NOW, period: 'week' });
    for (const title of ['New users', 'Active users']) {
      const [header, , first, ...rest] = block(table, title);
      expect(header?.split(/\s{2,}/)).toEqual(['Week', 'Users', 'W1', 'W2', 'W3', 'W4']);
      expect(first?.startsWith('2024-04-01 – 04-07  ')).toBe(true);
      expect(rest.at(-1)?.startsWith('2024-06-03 – 06-09  ')).toBe(true);
      expect(rest).toHaveLength(ranges.week.list.length - 1);
    }
    // The last week has ended, but not the week after it: W1…W4 are all still to come.
    expect(block(table, 'New users').at(-1)?.split(/\s{2,}/).slice(2)).toEqual(['…', '…', '…', '…']);
    expect(table.trimEnd().split('\n').at(-1)).toBe('… not final yet   - no data (or no users that week)');
  });

  it('heads the months’ columns Month, M1, and shows each month as yyyy-mm', () => {
    const table = formatTable(ranges.month.list, { now: NOW, period: 'month' });
    const [header, rule, april, may] = block(table, 'New users');
    expect(header?.split(/\s+/)).toEqual(['Month', 'Users', 'M1']);
    expect(rule).toMatch(/^[- ]+$/);
    expect(april).toMatch(/^2024-04 +[\d,]+ +\d+\.\d%$/);
    expect(may).toMatch(/^2024-05 +[\d,]+ +…$/);
    expect(table.trimEnd().split('\n').at(-1)).toBe('… not final yet   - no data (or no users that month)');
  });
});
