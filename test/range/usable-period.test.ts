import { DAY } from '../../src/period/day-period';
import type { Period } from '../../src/period/period';
import { MONTH } from '../../src/period/month-period';
import { WEEK } from '../../src/period/week-period';

// The one check of a period that ranges, caches, CSV, tables and reports use: each refusal
// names where the problem is and what it is, and shows the offending value only when it is a
// number, a boolean or null (never a string, which could carry a token or terminal escapes).

const day = (visitUvNew: unknown, visitUv: unknown = []) => ({ refDate: '20170313', visitUvNew, visitUv });
/**
 * usablePeriod from a fresh copy of its module: it builds each period's schema once, and a
 * schema built in an earlier test would hide from mutation testing which test checks which
 * message (per-test coverage sees the building only in the first test).
 */
function usablePeriod(...args: Parameters<typeof import('../../src/range/usable-period').usablePeriod>) {
  let fresh: typeof import('../../src/range/usable-period') | undefined;
  jest.isolateModules(() => {
    fresh = require('../../src/range/usable-period');
  });
  return (fresh as typeof import('../../src/range/usable-period')).usablePeriod(...args);
}

const reasonOf = (value: unknown, period: Period = DAY, refDate = '20170313') => {
  const check = usablePeriod(value, period, refDate);
  if (check.ok) throw new Error(`expected ${JSON.stringify(value)} to be refused`);
  return check.reason;
};

describe('usablePeriod refuses, naming the place and the problem', () => {
  it.each<[string, unknown, string]>([
    ['a string count', day([{ key: 0, value: '12' }]), 'visitUvNew.0.value is not a number'],
    ['a fraction', day([{ key: 0, value: 2.5 }]), 'visitUvNew.0.value is not a whole number from 0 to 2^53 − 1 (2.5)'],
    ['a negative count', day([{ key: 0, value: -3 }]), 'visitUvNew.0.value is not a whole number from 0 to 2^53 − 1 (-3)'],
    ['a key of true', day([], [{ key: true, value: 1 }]), 'visitUv.0.key is not a number (true)'],
    ['a null entry', day([null]), 'visitUvNew.0 is not a {key, value} entry (null)'],
    ['an entry that is a number', day([7]), 'visitUvNew.0 is not a {key, value} entry (7)'],
    ['a cohort that is not a list', day({ key: 0 }), 'visitUvNew is not a list of {key, value} entries'],
    ['a cohort of null', day(null), 'visitUvNew is not a list of {key, value} entries (null)'],
    ['a repeated key', day([{ key: 1, value: 1 }, { key: 1, value: 2 }]), 'visitUvNew.1.key repeats key 1 (1)'],
    ['a refDate that is a number', { refDate: 20170313, visitUvNew: [], visitUv: [] }, 'refDate is not a yyyymmdd string (20170313)'],
    ['a refDate of another form', { refDate: '2017-03-13', visitUvNew: [], visitUv: [] }, 'refDate is not a yyyymmdd string'],
    ['a number for the whole day', 42, 'the day is not an object (42)'],
    ['null for the whole day', null, 'the day is not an object (null)'],
    ['a string for the whole day', 'day', 'the day is not an object'],
  ])('%s', (_, value, reason) => {
    expect(reasonOf(value)).toBe(reason);
  });

  it("uses each period's own ref_date form and name", () => {
    expect(reasonOf({ refDate: '20170306', visitUvNew: [], visitUv: [] }, WEEK, '20170306-20170312')).toBe('refDate is not a yyyymmdd-yyyymmdd string');
    expect(reasonOf('week', WEEK, '20170306-20170312')).toBe('the week is not an object');
    expect(reasonOf({ refDate: '2017-02', visitUvNew: [], visitUv: [] }, MONTH, '201702')).toBe('refDate is not a yyyymm string');
  });

  it('refuses a well-formed period that is not the one asked for', () => {
    expect(reasonOf(day([]), DAY, '20170314')).toBe('refDate is "20170313", not the day asked for');
  });

  it('keeps only the documented fields of a usable period, each check made again for every period', () => {
    const first = usablePeriod({ ...day([{ key: 0, value: 5, extra: 1 }]), extra: 'x' }, DAY, '20170313');
    expect(first).toEqual({ ok: true, data: { refDate: '20170313', visitUvNew: [{ key: 0, value: 5 }], visitUv: [] } });
    expect(usablePeriod(day([{ key: 0, value: -1 }]), DAY, '20170313').ok).toBe(false);
  });
});
