import { DeadlineError, RetainError, TransportError, WeChatApiError } from './errors';
import type { Clock } from './deadline';

/**
 * Retry policy. Up to 3 attempts, with backoff of 50–100 ms then 100–200 ms between them. An
 * attempt that may be retried gets half the time left and the last one the rest (see
 * attemptTimeout), so a hung first attempt leaves time to try again, and the attempts and
 * backoffs never add up to more than the budget, which the function keeps short of its time
 * limit (deadlineFor: 10 %, at least 200 ms). The token request of a cold instance runs first
 * with its own withRetries, on the same deadline; the datacube request gets what it leaves.
 * Worst case, every attempt hanging (attempt + backoff + attempt + backoff + the rest):
 *
 * - 3 s limit, budget 2700 ms: 1350 + 100 + 625 + 200 + 425 = 2700 < 3000. After a token
 *   request of T ms, the datacube's first attempt gets (2700 − T) / 2, its second about a
 *   quarter, its third the rest. A token request that hangs every time spends the budget the
 *   same way, and the call ends with a timeout at 2700 ms.
 * - 10 s limit, budget 9000 ms: 4500 + 100 + 2200 + 200 + 2000 = 9000 < 10000.
 *
 * attemptTimeoutMs (5000) caps an attempt only with a longer budget, such as the library's
 * timeoutMs of 10000 (which has no reserve): 5000 + 100 + 2450 + 200 + 2250. A retry never
 * starts when its delay plus minAttemptMs would pass the deadline.
 */
export const RETRY_DEFAULTS = {
  /** @default 2 */
  maxRetries: 2,
  /** First backoff before jitter. @default 100 */
  baseDelayMs: 100,
  /** Cap on one backoff before jitter. @default 1000 */
  maxDelayMs: 1000,
  /** Do not start an attempt with less time than this left. @default 150 */
  minAttemptMs: 150,
} as const;

export type RetryPolicy = { -readonly [K in keyof typeof RETRY_DEFAULTS]: number };

/**
 * Whether another attempt may succeed. Retried: errcode -1 (system busy), and transport
 * failures that are transient (5xx, 429, HTML gateway pages, broken JSON, resets, timeouts).
 * Never retried: every other errcode — quota (45009, 45011), configuration (40013, 40125,
 * 40164), dates (615xx) — since the same request gets the same answer. Token errors
 * (40001, 40014, 41001, 42001) are handled by one refresh elsewhere, not here.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof WeChatApiError) return error.errcode === -1;
  if (error instanceof TransportError) return error.transient;
  return false;
}

/** Exponential backoff, capped, with jitter in [½, 1] so that instances do not retry in step. */
export function backoffDelay(retry: number, policy: RetryPolicy = RETRY_DEFAULTS, random = Math.random): number {
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return delay * (0.5 + random() / 2);
}

/**
 * How long attempt number `retry` (0 for the first) may take, with `remainingMs` left. An
 * attempt that may be followed by a retry gets half the time left (at least minAttemptMs),
 * so that a request that hangs leaves time to try again; the last one gets all of it. An
 * attempt is the last when no retries are left, or when after its half there would be no
 * room for the longest backoff plus minAttemptMs. Never more than `attemptTimeoutMs` or the
 * time left.
 * @example attemptTimeout(2700, 0, 5000) // 1350
 */
export function attemptTimeout(remainingMs: number, retry: number, attemptTimeoutMs: number, policy: RetryPolicy = RETRY_DEFAULTS): number {
  const all = Math.min(attemptTimeoutMs, remainingMs);
  if (retry >= policy.maxRetries) return all;
  const share = Math.max(policy.minAttemptMs, Math.floor(remainingMs / 2));
  const longestBackoff = backoffDelay(retry, policy, () => 1);
  if (remainingMs - share < longestBackoff + policy.minAttemptMs) return all;
  return Math.min(all, share);
}

export interface RetryContext {
  deadlineAt: number;
  clock: Clock;
  /** Upper bound for one attempt; the remaining budget bounds it too (see attemptTimeout). */
  attemptTimeoutMs: number;
  policy?: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the deadline comes. Both WeChat
 * endpoints we call are safe to repeat: stable_token in normal mode returns the same token,
 * and the datacube POST only reads.
 */
export async function withRetries<T>(attempt: (timeoutMs: number) => Promise<T>, context: RetryContext): Promise<T> {
  const policy = context.policy ?? RETRY_DEFAULTS;
  for (let retry = 0; ; retry++) {
    const remaining = context.deadlineAt - context.clock();
    if (remaining <= 0) throw new DeadlineError('the time limit was reached before the request could be sent');
    try {
      return await attempt(attemptTimeout(remaining, retry, context.attemptTimeoutMs, policy));
    } catch (error) {
      const attempts = retry + 1;
      if (!isRetryable(error)) throw error;
      if (retry >= policy.maxRetries) throw gaveUp(error, `after ${attempts} attempts`);
      const delay = backoffDelay(retry, policy);
      if (context.clock() + delay + policy.minAttemptMs > context.deadlineAt) {
        throw gaveUp(error, `after ${attempts} attempt${attempts > 1 ? 's' : ''}: no time left in the call's time limit for another`);
      }
      await context.sleep(delay);
    }
  }
}

/** Says how many attempts were made, after everything else the message says (WeChat's errmsg first). */
function gaveUp(error: unknown, why: string): unknown {
  if (error instanceof WeChatApiError) error.addNote(`gave up ${why}`);
  else if (error instanceof RetainError) error.message = `${error.message} (gave up ${why})`;
  return error;
}

/**
 * Token errors from an API call: the token is bad, a fresh one may work. 41001 ("access_token
 * missing") counts too: we never send a call without a token, so WeChat (or a proxy) lost or
 * refused the one we sent.
 */
export function isTokenRejected(error: unknown): boolean {
  return error instanceof WeChatApiError && [40001, 40014, 41001, 42001].includes(error.errcode);
}
