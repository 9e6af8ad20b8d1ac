/**
 * How a count or rate may be drawn. WeChat's counts are non-negative integers and a cohort
 * can only shrink, so a retained count above its day-0 count (a rate above 100 %) or a
 * count that is negative, fractional or past 2^53 is bad data: the report shows it clamped
 * and flagged, and never lets it into a colour scale or an axis (issue 11, point 2).
 */
export type RateCheck = 'ok' | 'over' | 'invalid';

/** A count WeChat could have sent. */
export function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** `users` of `size` returning: fine, above 100 %, or not counts at all. */
export function checkCounts(users: number, size: number): RateCheck {
  if (!isCount(users) || !isCount(size)) return 'invalid';
  return users > size ? 'over' : 'ok';
}

/** The same verdict for a rate alone (a pooled one, say). */
export function checkRate(rate: number): RateCheck {
  if (!Number.isFinite(rate) || rate < 0) return 'invalid';
  return rate > 1 ? 'over' : 'ok';
}
