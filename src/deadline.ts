import { DeadlineError } from './errors';

/** Milliseconds since the epoch; injectable so tests can move time. */
export type Clock = () => number;

const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = () => Date.now();

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits for `promise`, but no longer than `deadlineAt`: a caller that joined someone else's
 * work (a token refresh) keeps its own time limit.
 */
export function withinDeadline<T>(promise: Promise<T>, deadlineAt: number, clock: Clock, what: string): Promise<T> {
  const remaining = deadlineAt - clock();
  if (remaining <= 0) return Promise.reject(new DeadlineError(`no time left for ${what}`));
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    // setTimeout takes at most 2^31-1 ms; a larger delay would fire at once.
    timer = setTimeout(() => reject(new DeadlineError(`${what} did not finish within ${remaining} ms`)), Math.min(remaining, MAX_TIMER_MS));
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
