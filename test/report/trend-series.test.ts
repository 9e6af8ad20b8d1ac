import type { DailyRetainData } from '../../src/daily-retain/response';
import { retentionRows } from '../../src/range/retention-rates';
import { COHORTS } from '../../src/report/cohort-labels';
import { trendSeries } from '../../src/report/trend-series';
import { NOW, retainDays, valueAt } from '../helpers/retain-days';

const [fresh] = COHORTS;
const days = retainDays(60);
const series = (list: DailyRetainData[]) => trendSeries(retentionRows(list, NOW), fresh as NonNullable<typeof fresh>);

describe('trendSeries', () => {
  it('averages each day with the six before it, pooled: Σ returning ÷ Σ users', () => {
    const [d1] = series(days);
    const pooled = (end: number) => {
      const week = days.slice(end - 6, end + 1);
      return week.reduce((sum, day) => sum + valueAt(day.visitUvNew, 1), 0) / week.reduce((sum, day) => sum + valueAt(day.visitUvNew, 0), 0);
    };
    expect(d1?.average?.slice(0, 6).every((point) => point.rate === null)).toBe(true);
    for (const end of [6, 20, 58]) expect(d1?.average?.[end]?.rate).toBeCloseTo(pooled(end), 12);
  });

  it('ends each line, daily and average, where its key is not final yet', () => {
    const [, d7, d30] = series(days);
    // The last 7 days have no final D7, the last 30 no final D30 (yesterday is the last day).
    const last = (points: { rate: number | null }[] = []) => points.map((point) => point.rate !== null).lastIndexOf(true);
    expect(last(d7?.points)).toBe(59 - 7);
    expect(last(d30?.average)).toBe(59 - 30);
  });

  it('flags a day above 100 % and the averages that include it, and nothing else', () => {
    const absurd = days.map((day, i) => (i === 20 ? { ...day, visitUvNew: day.visitUvNew.map((e) => (e.key === 1 ? { ...e, value: 1e15 } : e)) } : day));
    const [d1] = series(absurd);
    expect(d1?.points[20]).toEqual({ rate: null, check: 'over' });
    const flagged = d1?.average?.flatMap((point, i) => (point.check === 'ok' ? [] : [i]));
    expect(flagged).toEqual([20, 21, 22, 23, 24, 25, 26]);
  });
});
