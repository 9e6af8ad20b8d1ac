import { createClient } from '../../src';
import { openApiFailure } from '../helpers/open-api-failure';
import { yesterday } from '../helpers/yesterday';

// Issue 11, point 1: a range is refused by arithmetic on its two dates, before any list of
// days is built, so the widest range costs no more than a narrow one (it took 4.8 s and
// 185 MiB when the list came first).

// Nothing listens on port 9 (discard): a request would fail, and none must be made.
const client = createClient({ appid: 'wx0123456789abcdef', secret: 'not-used-0000000000', apiBase: 'http://127.0.0.1:9', logger: { warn: () => undefined } });

/** The median time of `runs` refusals of `range`, each checked to be 61501. */
async function medianRefusalMs(range: { beginDate: string; endDate: string; period?: 'day' | 'week' | 'month' }, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    const error = await openApiFailure(client.getDailyRetainRange(range));
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    expect(error.errCode).toBe(61501);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

describe('an over-long range', () => {
  it.each([
    ['the widest dates', { beginDate: '10000101', endDate: '99991231' }],
    ['a thousand years up to yesterday', { beginDate: '10000101', endDate: yesterday() }],
    ['a year and a day', { beginDate: '20230101', endDate: '20240102' }],
    ['the widest dates, by week', { beginDate: '10000101', endDate: '99991231', period: 'week' as const }],
    ['the widest dates, by month', { beginDate: '10000101', endDate: '99991231', period: 'month' as const }],
    ['105 weeks', { beginDate: '20191230', endDate: '20220102', period: 'week' as const }],
    ['25 months', { beginDate: '20200101', endDate: '20220131', period: 'month' as const }],
  ])('is refused with 61501 in under 10 ms: %s', async (_, range) => {
    expect(await medianRefusalMs(range)).toBeLessThan(10);
  });

  it('names the span it counted and the limit', async () => {
    const error = await openApiFailure(client.getDailyRetainRange({ beginDate: '10000101', endDate: '20240101' }));
    expect(error.errMsg).toBe('getDailyRetainRange:fail the range 10000101–20240101 spans 374009 days: ask for at most 366 days at a time');
  });

  it('counts weeks and months after widening, and names the whole periods it counted', async () => {
    const weeks = await openApiFailure(client.getDailyRetainRange({ beginDate: '10000101', endDate: '20240101', period: 'week' }));
    expect(weeks.errMsg).toBe('getDailyRetainRange:fail the range 10000101–20240101 spans 53431 weeks (09991230–20240107 in whole weeks that have ended): ask for at most 104 weeks at a time');
    const months = await openApiFailure(client.getDailyRetainRange({ beginDate: '10000115', endDate: '20240101', period: 'month' }));
    expect(months.errMsg).toBe('getDailyRetainRange:fail the range 10000115–20240101 spans 12289 months (10000101–20240131 in whole months that have ended): ask for at most 24 months at a time');
  });
});
