import type { DailyRetainData } from '../../src/daily-retain/response';
import { pooledRate } from '../../src/range/pooled-rate';
import { cellAt, dayRetention, retentionRate, retentionRows } from '../../src/range/retention-rates';
import { NOW, retainDays, withoutNewUsers } from '../helpers/retain-days';

const entries = (...values: [number, number][]) => values.map(([key, value]) => ({ key, value }));

/** A day old enough (at NOW) for every key to be final. */
function day(visitUvNew: [number, number][], visitUv: [number, number][] = [[0, 10]]): DailyRetainData {
  return { refDate: '20240301', visitUvNew: entries(...visitUvNew), visitUv: entries(...visitUv) };
}

describe('retentionRate', () => {
  it('divides the users at key k by the users at key 0', () => {
    expect(retentionRate(entries([0, 200], [1, 50], [7, 20]), 1)).toBe(0.25);
    expect(retentionRate(entries([0, 200], [1, 50], [7, 20]), 7)).toBe(0.1);
    expect(retentionRate(entries([0, 200]), 0)).toBe(1);
  });

  it('gives null, not NaN or Infinity, when key 0 has no users', () => {
    expect(retentionRate(entries([0, 0], [1, 0]), 1)).toBeNull();
    expect(retentionRate(entries([0, 0], [1, 3]), 1)).toBeNull();
  });

  it('gives null when key 0 or key k is missing', () => {
    expect(retentionRate(entries([1, 5]), 1)).toBeNull();
    expect(retentionRate(entries([0, 100]), 14)).toBeNull();
  });
});

describe('dayRetention', () => {
  it('gives one cell per documented key for new and active users', () => {
    const retention = dayRetention(day([[0, 400], [1, 100], [30, 8]], [[0, 1000], [1, 500]]), NOW);
    expect(retention.newUsers.size).toBe(400);
    expect(retention.newUsers.cells.map((cell) => cell.key)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 14, 30]);
    expect(cellAt(retention.newUsers, 30)).toEqual({ key: 30, users: 8, rate: 0.02, state: 'final' });
    expect(cellAt(retention.activeUsers, 1)).toEqual({ key: 1, users: 500, rate: 0.5, state: 'final' });
    expect(retention.final).toBe(true);
  });

  it('marks keys whose day has not passed as pending, and absent final keys as missing', () => {
    const [yesterdayButSix] = retainDays(7); // ref_date = yesterday - 6: keys 0–6 final
    const retention = dayRetention(yesterdayButSix as DailyRetainData, NOW);
    const states = retention.newUsers.cells.map((cell) => [cell.key, cell.state]);
    expect(states).toEqual([
      [0, 'final'], [1, 'final'], [2, 'final'], [3, 'final'], [4, 'final'], [5, 'final'], [6, 'final'],
      [7, 'pending'], [14, 'pending'], [30, 'pending'],
    ]);
    expect(retention.final).toBe(false);
    expect(cellAt(dayRetention(day([[0, 10]]), NOW).newUsers, 3)).toEqual({ key: 3, users: null, rate: null, state: 'missing' });
  });

  it('keeps the counts of a day without new users and gives it no rates', () => {
    const [empty] = retainDays(40).map(withoutNewUsers);
    const retention = dayRetention(empty as DailyRetainData, NOW);
    expect(retention.newUsers.size).toBe(0);
    expect(retention.newUsers.cells.every((cell) => cell.users === 0 && cell.rate === null)).toBe(true);
    expect(retention.activeUsers.cells.every((cell) => cell.rate !== null && Number.isFinite(cell.rate))).toBe(true);
  });
});

describe('retentionRows', () => {
  it('orders the days oldest first whatever order they came in', () => {
    const days = retainDays(5);
    const rows = retentionRows([...days].reverse(), NOW);
    expect(rows.map((row) => row.refDate)).toEqual(days.map((d) => d.refDate));
  });
});

describe('pooledRate', () => {
  it('pools users over the days whose key is final, weighting big days more', () => {
    const rows = [
      dayRetention(day([[0, 100], [1, 50]]), NOW),
      dayRetention({ ...day([[0, 300], [1, 30]]), refDate: '20240302' }, NOW),
      dayRetention({ ...day([[0, 0], [1, 0]]), refDate: '20240303' }, NOW),
      dayRetention({ ...day([[0, 1000], [1, 900]]), refDate: '20240614' }, NOW), // key 1 pending
    ];
    expect(pooledRate(rows, (row) => row.newUsers, 1)).toBe(80 / 400);
  });

  it('is null when no day has a final key', () => {
    expect(pooledRate(retentionRows(retainDays(10), NOW), (row) => row.newUsers, 30)).toBeNull();
  });
});
