import { systemClock, withinDeadline } from './deadline';
import { DeadlineError } from './errors';

/**
 * Calls to a shared store (the cloud database) that must never hold a call up. Each call
 * gets `timeoutMs`; a failure or a timeout resolves to undefined and is reported through
 * `onFailure`. While a call that timed out is still unanswered, the store is not asked
 * again (undefined at once, nothing reported): a hung database costs one timeout, not one
 * per operation. Once that call settles, the store is asked again.
 */
export function stallGuard(timeoutMs: number) {
  let stalled: Promise<unknown> | undefined;
  return async <T>(operation: () => Promise<T>, onFailure: (reason: string) => void): Promise<T | undefined> => {
    if (stalled) return undefined;
    let work: Promise<T> | undefined;
    try {
      work = operation();
      return await withinDeadline(work, systemClock() + timeoutMs, systemClock, 'the store');
    } catch (error) {
      if (error instanceof DeadlineError && work) {
        const pending: Promise<unknown> = work;
        const settled = () => {
          if (stalled === pending) stalled = undefined;
        };
        stalled = pending;
        pending.then(settled, settled);
        onFailure(`no answer within ${timeoutMs} ms`);
      } else {
        onFailure(error instanceof Error ? error.message : String(error));
      }
      return undefined;
    }
  };
}
