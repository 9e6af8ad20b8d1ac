import { addDays } from '../beijing-date';
import { ErrorCode } from '../errors';
import type { MissingDay } from '../range/fetch-range';

/** Failures that say the CLI could not talk to WECHAT_API_BASE, rather than WeChat saying no. */
const UNREACHABLE: readonly number[] = [ErrorCode.NETWORK, ErrorCode.TIMEOUT, ErrorCode.HTTP_STATUS];

/** An errMsg without its `openapi.analysis.getDailyRetain:fail ` prefix: the CLI names itself. */
export function reasonOf(errMsg: string): string {
  return errMsg.replace(/^[\w.]+:fail /, '');
}

/**
 * The missing days of a range as a few lines for stderr: one per distinct failure (a dead
 * network fails every day the same way, and 366 identical lines would hide the one that
 * matters), with the days it cost in runs (`20261101–20261105, 20261107`), and the first
 * errMsg of each (its rid is the one to quote to WeChat).
 */
export function describeMissing(missing: readonly MissingDay[]): string[] {
  const groups = new Map<string, { errCode: number; reason: string; days: string[] }>();
  for (const day of missing) {
    const reason = reasonOf(day.errMsg);
    // WeChat's errmsg ends with a request id (` rid: …`) that differs on every answer.
    const key = `${day.errCode} ${reason.replace(/ rid: [\w-]+/, '')}`;
    const group = groups.get(key) ?? { errCode: day.errCode, reason, days: [] };
    group.days.push(day.refDate);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ errCode, reason, days }) => {
    const what = days.length === 1 ? `missing ${days[0]}` : `missing ${days.length} days (${runsOf(days)})`;
    return `${what}: errCode ${errCode}: ${reason}`;
  });
}

/** Whether a failure with `errCode` is worth a look at WECHAT_API_BASE. */
export function isUnreachable(errCode: number): boolean {
  return UNREACHABLE.includes(errCode);
}

/** `yyyymmdd` days (of a range: sorted, or periods that are no days) as runs; at most 5 runs, then `…`. */
function runsOf(days: readonly string[]): string {
  const runs: string[][] = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && /^\d{8}$/.test(day) && /^\d{8}$/.test(last) && addDays(last, 1) === day) run.push(day);
    else runs.push([day]);
  }
  const shown = runs.slice(0, 5).map((run) => (run.length === 1 ? run[0] : `${run[0]}–${run[run.length - 1]}`));
  return runs.length > 5 ? `${shown.join(', ')}, …` : shown.join(', ');
}
