import { ErrorCode, reasonOf } from '../errors';
import { firstDayOf, type Period, type PeriodId } from '../period/period';
import { PERIODS } from '../period/periods';
import type { MissingPeriod } from '../range/fetch-range';

/** Failures that say the CLI could not talk to WECHAT_API_BASE, rather than WeChat saying no. */
const UNREACHABLE: readonly number[] = [ErrorCode.NETWORK, ErrorCode.TIMEOUT, ErrorCode.HTTP_STATUS];

/** The periods one range could not fetch: a view of the report, or the one range of `range`. */
export interface MissingOfRange {
  period: PeriodId;
  missing: readonly MissingPeriod[];
}

/**
 * The missing periods of one or more ranges as a few lines for stderr: one per distinct
 * failure (a dead network fails every day, week and month the same way, and 366 identical
 * lines would hide the one that matters), with the periods it cost in runs
 * (`missing 5 days (20261101–20261105) and 1 week (20261102–20261108): …`), and the first
 * errMsg of each (its rid is the one to quote to WeChat).
 */
export function describeMissing(ranges: readonly MissingOfRange[]): string[] {
  const groups = new Map<string, { errCode: number; reason: string; refDates: Map<PeriodId, string[]> }>();
  for (const { period, missing } of ranges) {
    for (const item of missing) {
      // A range stops starting periods after a failed request (fetch-range.ts): the periods it
      // left are one consequence of that failure, whichever period it was and in whichever view.
      const reason = reasonOf(item.errMsg).replace(/^not fetched after \S+ failed \(errCode -?\d+\)$/, 'not fetched after the failure above');
      // WeChat's errmsg ends with a request id (` rid: …`) that differs on every answer.
      const key = `${item.errCode} ${reason.replace(/ rid: [\w-]+/, '')}`;
      const group = groups.get(key) ?? { errCode: item.errCode, reason, refDates: new Map() };
      group.refDates.set(period, [...(group.refDates.get(period) ?? []), item.refDate]);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ errCode, reason, refDates }) => {
    const what = [...refDates].map(([period, dates]) => periodsText(PERIODS[period], dates));
    return `missing ${andList(what)}: errCode ${errCode}: ${reason}`;
  });
}

/** Whether a failure with `errCode` is worth a look at WECHAT_API_BASE. */
export function isUnreachable(errCode: number): boolean {
  return UNREACHABLE.includes(errCode);
}

/** `20261101` (one day as before), `week 20261102–20261108`, `month 202610`, `3 days (…)`, `2 weeks (…)`. */
function periodsText(period: Period, refDates: readonly string[]): string {
  const runs = runsOf(period, refDates);
  if (refDates.length === 1) return period.id === 'day' ? runs : `${period.id} ${runs}`;
  return `${refDates.length} ${period.id}s (${runs})`;
}

/**
 * The ref_dates of a range's periods (oldest first) as runs of consecutive periods, each from
 * its first day to its last (`20261101–20261105`, weeks `20261102–20261115`, months
 * `202609–202611`); at most 5 runs, then `…`. A ref_date that names no period stands alone.
 */
function runsOf(period: Period, refDates: readonly string[]): string {
  const runs: { first: string; last: string; next?: string }[] = [];
  for (const refDate of refDates) {
    const firstDay = firstDayOf(period, refDate);
    const run = runs[runs.length - 1];
    const label = { first: period.id === 'month' || !firstDay ? refDate : firstDay, last: period.id === 'month' || !firstDay ? refDate : period.end(firstDay) };
    if (run && firstDay && run.next === firstDay) Object.assign(run, { last: label.last, next: period.shift(firstDay, 1) });
    else runs.push({ ...label, next: firstDay && period.shift(firstDay, 1) });
  }
  const shown = runs.slice(0, 5).map(({ first, last }) => (first === last ? first : `${first}–${last}`));
  return runs.length > 5 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** `a`, `a and b`, `a, b and c`. */
function andList(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
