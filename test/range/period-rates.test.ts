import type { RetainData } from '../../src/daily-retain/response';
import { ValidationError } from '../../src/errors';
import { firstDayOf } from '../../src/period/period';
import { DAY, MONTH, WEEK } from '../../src/period/periods';
import { displayKey, displayRefDate } from '../../src/range/display';
import { pooledRate } from '../../src/range/pooled-rate';
import { returnKeys } from '../../src/range/retain-keys';
import { cellAt, type PeriodRetention, periodRetention, retentionRows } from '../../src/range/retention-rates';
import { NOW } from '../helpers/retain-days';
import { type RetainRanges, retainRanges } from '../helpers/retain-ranges';

// Rates by week and by month: the keys of each period (weeks 0–4, months 0–1), and key k final
// once period ref + k has ended in Beijing time, read from real range results of the emulator.

const entries = (...values: [number, number][]) => values.map(([key, value]) => ({ key, value }));
const states = (row: PeriodRetention) => row.newUsers.cells.map((cell) => `${cell.key}:${cell.state}`);
/** 16:00 UTC is midnight in Beijing: `day` 00:00 Beijing time, and one millisecond before. */
const midnight = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))) - 8 * 3600_000;

let ranges: RetainRanges;
beforeAll(async () => {
  // NOW is Saturday 2024-06-15 12:00 Beijing time: the last week that has ended is 20240603-20240609, the last month May.
  ranges = await retainRanges('20240101', '20240614');
});

describe('periodRetention by week', () => {
  it('has a cell per key 0–4, final once the k-th week after has ended, pending before', () => {
    const rows = retentionRows(ranges.week.list, NOW, 'week');
    expect(rows).toHaveLength(23);
    expect(rows.every((row) => row.newUsers.cells.map((cell) => cell.key).join() === '0,1,2,3,4')).toBe(true);
    expect(rows.slice(-5).map((row) => [row.refDate, row.final, states(row).join(' ')])).toEqual([
      ['20240506-20240512', true, '0:final 1:final 2:final 3:final 4:final'],
      ['20240513-20240519', false, '0:final 1:final 2:final 3:final 4:pending'],
      ['20240520-20240526', false, '0:final 1:final 2:final 3:pending 4:pending'],
      ['20240527-20240602', false, '0:final 1:final 2:pending 3:pending 4:pending'],
      ['20240603-20240609', false, '0:final 1:pending 2:pending 3:pending 4:pending'],
    ]);
    // The same answer the range gave: its pendingKeys are the cells left pending.
    for (const [i, item] of ranges.week.list.entries()) {
      expect(rows[i]?.newUsers.cells.filter((cell) => cell.state === 'pending').map((cell) => cell.key)).toEqual(item.pendingKeys);
    }
  });

  it('turns W4 of a week final at Beijing midnight after the Sunday four weeks on (16:00 UTC)', () => {
    const week = ranges.week.list.find((item) => item.refDate === '20240513-20240519') as RetainData;
    const full = { ...week, visitUvNew: [...week.visitUvNew, { key: 4, value: 1 }] };
    // W4 is the week 20240610-20240616: final from 20240617 00:00 Beijing time.
    expect(cellAt(periodRetention(full, midnight('20240617') - 1, 'week').newUsers, 4).state).toBe('pending');
    expect(cellAt(periodRetention(full, midnight('20240617'), 'week').newUsers, 4)).toEqual({ key: 4, users: 1, rate: 1 / (week.visitUvNew[0]?.value ?? 0), state: 'final' });
    expect(periodRetention(full, midnight('20240617'), 'week').final).toBe(true);
  });

  it('says "missing" for a final key WeChat left out, and "pending" never becomes 0', () => {
    const week = { refDate: '20240101-20240107', visitUvNew: entries([0, 500], [1, 100]), visitUv: entries([0, 900]) };
    const row = periodRetention(week, NOW, 'week');
    expect(row.firstDay).toBe('20240101');
    expect(row.newUsers.cells.map((cell) => [cell.key, cell.users, cell.rate, cell.state])).toEqual([
      [0, 500, 1, 'final'],
      [1, 100, 0.2, 'final'],
      [2, null, null, 'missing'],
      [3, null, null, 'missing'],
      [4, null, null, 'missing'],
    ]);
  });
});

describe('periodRetention by month', () => {
  it('has a cell per key 0–1: M1 final once the next month has ended', () => {
    const rows = retentionRows(ranges.month.list, NOW, 'month');
    expect(rows.map((row) => [row.refDate, row.firstDay, states(row).join(' ')])).toEqual([
      ['202401', '20240101', '0:final 1:final'],
      ['202402', '20240201', '0:final 1:final'],
      ['202403', '20240301', '0:final 1:final'],
      ['202404', '20240401', '0:final 1:final'],
      ['202405', '20240501', '0:final 1:pending'],
    ]);
  });

  it('turns M1 of May final at 00:00 on 1 July, Beijing time, and knows February of a leap year', () => {
    const may = { refDate: '202405', visitUvNew: entries([0, 400], [1, 40]), visitUv: entries([0, 1000], [1, 300]) };
    expect(cellAt(periodRetention(may, midnight('20240701') - 1, 'month').newUsers, 1).state).toBe('pending');
    expect(cellAt(periodRetention(may, midnight('20240701'), 'month').activeUsers, 1)).toEqual({ key: 1, users: 300, rate: 0.3, state: 'final' });
    // M1 of January is February, 29 days in 2024: final from 1 March.
    const january = { ...may, refDate: '202401' };
    expect(cellAt(periodRetention(january, midnight('20240301') - 1, 'month').newUsers, 1).state).toBe('pending');
    expect(cellAt(periodRetention(january, midnight('20240301'), 'month').newUsers, 1).state).toBe('final');
  });
});

describe('days are unchanged', () => {
  it('keep keys 0–7, 14 and 30 and are the default period', () => {
    const rows = retentionRows(ranges.day.list, NOW);
    expect(rows).toHaveLength(ranges.day.list.length);
    expect(rows[0]?.newUsers.cells.map((cell) => cell.key)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 14, 30]);
    expect(rows.at(-1)?.period).toBe('day');
    expect(states(rows.at(-1) as PeriodRetention)).toEqual(['0:final', ...[1, 2, 3, 4, 5, 6, 7, 14, 30].map((key) => `${key}:pending`)]);
  });
});

describe('retentionRows', () => {
  it('keeps only the items whose refDate names a period of the kind asked for, oldest first', () => {
    const item = (refDate: string): RetainData => ({ refDate, visitUvNew: entries([0, 5]), visitUv: entries([0, 9]) });
    const list = [item('20240108-20240114'), item('20240101'), item('202401'), item('20240102-20240108'), item('20240101-20240107'), { refDate: '20240115-20240121' } as RetainData];
    expect(retentionRows(list, NOW, 'week').map((row) => row.refDate)).toEqual(['20240101-20240107', '20240108-20240114']);
    expect(retentionRows(list, NOW, 'month').map((row) => row.refDate)).toEqual(['202401']);
    expect(retentionRows(list, NOW).map((row) => row.refDate)).toEqual(['20240101']);
  });
});

describe('periodRetention of a refDate that names no such period', () => {
  it.each([
    ['week', '20240102-20240108', 'refDate "20240102-20240108" names no week: expected yyyymmdd-yyyymmdd (a week runs Monday to Sunday)'],
    ['week', '20240101', 'refDate "20240101" names no week: expected yyyymmdd-yyyymmdd (a week runs Monday to Sunday)'],
    ['month', '202413', 'refDate "202413" names no month: expected yyyymm (a month runs from its first to its last day)'],
    ['day', '20240230', 'refDate "20240230" names no day: expected yyyymmdd (a day is one calendar day, Beijing time)'],
  ] as const)('%s %s: a ValidationError that says what was expected', (period, refDate, message) => {
    const run = () => periodRetention({ refDate, visitUvNew: [], visitUv: [] }, NOW, period);
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(message);
  });
});

describe('pooledRate by week and month', () => {
  it('is Σ value(k) / Σ value(0) over the periods whose key k is final', () => {
    for (const [period, key] of [['week', 1], ['week', 4], ['month', 1]] as const) {
      const list = ranges[period].list;
      const counted = list.filter((item) => !item.pendingKeys.includes(key));
      const sum = (k: number) => counted.reduce((total, item) => total + (item.visitUvNew.find((e) => e.key === k)?.value ?? 0), 0);
      expect(counted.length).toBeGreaterThan(0);
      expect(counted.length).toBeLessThan(list.length);
      expect(pooledRate(retentionRows(list, NOW, period), (row) => row.newUsers, key)).toBeCloseTo(sum(key) / sum(0), 12);
    }
  });

  it('equals the dashboard’s pooled rate at every key, for new and active users', () => {
    const dashboard = require('../../miniprogram/components/retain-dashboard/pooled-rate') as {
      pooledRate: (list: unknown[], cohort: 'visitUvNew' | 'visitUv', key: number) => { rate: number | null };
    };
    for (const period of ['day', 'week', 'month'] as const) {
      const rows = retentionRows(ranges[period].list, NOW, period);
      for (const key of returnKeys({ day: DAY, week: WEEK, month: MONTH }[period])) {
        expect(pooledRate(rows, (row) => row.newUsers, key)).toBe(dashboard.pooledRate(ranges[period].list, 'visitUvNew', key).rate);
        expect(pooledRate(rows, (row) => row.activeUsers, key)).toBe(dashboard.pooledRate(ranges[period].list, 'visitUv', key).rate);
      }
    }
  });

  it('refuses a key its period does not have, naming the keys it has', () => {
    const rows = retentionRows(ranges.month.list, NOW, 'month');
    expect(() => pooledRate(rows, (row) => row.newUsers, 7)).toThrow("key 7 is not one of this period's keys (0, 1)");
  });
});

describe('keys and ref_dates for people', () => {
  it('names keys D7, W4, M1 and lists the keys with a rate', () => {
    expect([displayKey('day', 7), displayKey('week', 4), displayKey('month', 1)]).toEqual(['D7', 'W4', 'M1']);
    expect([returnKeys(DAY), returnKeys(WEEK), returnKeys(MONTH)]).toEqual([[1, 2, 3, 4, 5, 6, 7, 14, 30], [1, 2, 3, 4], [1]]);
  });

  it('writes ref_dates in ISO form, a week as its Monday to its Sunday', () => {
    expect(['20240105', '20241230-20250105', '202401', 'odd'].map(displayRefDate)).toEqual(['2024-01-05', '2024-12-30 – 01-05', '2024-01', 'odd']);
  });

  it('finds the first day of the period a ref_date names', () => {
    expect([firstDayOf(DAY, '20240229'), firstDayOf(WEEK, '20240226-20240303'), firstDayOf(MONTH, '202402')]).toEqual(['20240229', '20240226', '20240201']);
    expect([firstDayOf(DAY, '20230229'), firstDayOf(WEEK, '20240226-20240304'), firstDayOf(MONTH, '2024-02'), firstDayOf(WEEK, '202402')]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
