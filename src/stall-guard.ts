import { type Clock, systemClock, withinDeadline } from './deadline';
import { DeadlineError } from './errors';

/**
 * Calls to a shared store (the cloud database) that must never hold a call up. Each call
 * gets `timeoutMs`, and never more than the caller's own `deadlineAt`: a store operation
 * that the store's own limit would allow must still not outlive the call (a 990 ms cache
 * write started 300 ms before the deadline pushed a range past its time limit). A failure or
 * a timeout resolves to undefined. Failures and the store's own timeout are reported through
 * `onFailure`; the caller's deadline is not the store's fault, so it is not reported, and
 * with no time left the store is not asked at all. While a call that timed out is still
 * unanswered, the store is not asked again (undefined at once, nothing reported): a hung
 * database costs one timeout, not one per operation. Once that call settles, the store is
 * asked again.
 */
export function stallGuard(timeoutMs: number, clock: Clock = systemClock) {
  let stalled: Promise<unknown> | undefined;
  return async <T>(operation: () => Promise<T>, onFailure: (reason: string) => void, deadlineAt = Number.POSITIVE_INFINITY): Promise<T | undefined> => {
    const ownLimit = clock() + timeoutMs;
    const limit = Math.min(ownLimit, deadlineAt);
    if (stalled || limit <= clock()) return undefined;
    let work: Promise<T> | undefined;
    try {
      work = operation();
      return await withinDeadline(work, limit, clock, 'the store');
    } catch (error) {
      if (error instanceof DeadlineError && work) {
        const pending: Promise<unknown> = work;
        const settled = () => {
          if (stalled === pending) stalled = undefined;
        };
        stalled = pending;
        pending.then(settled, settled);
        if (limit === ownLimit) onFailure(`no answer within ${timeoutMs} ms`);
      } else {
        onFailure(error instanceof Error ? error.message : String(error));
      }
      return undefined;
    }
  };
}
