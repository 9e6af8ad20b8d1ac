import { DeadlineError, RetainError, TransportError, WeChatApiError } from './errors';
import type { Clock } from './deadline';

/**
 * Retry policy. The numbers fit the cloud's default 3 s limit: two retries with backoff of
 * 50–100 ms then 100–200 ms cost at most 0.3 s of waiting, leaving the rest of the budget
 * to the attempts themselves; a retry never starts when its delay plus a minimal attempt
 * would pass the deadline.
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
 * (40001, 40014, 42001) are handled by one refresh elsewhere, not here.
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

export interface RetryContext {
  deadlineAt: number;
  clock: Clock;
  /** Upper bound for one attempt; the remaining budget bounds it too. */
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
      return await attempt(Math.min(context.attemptTimeoutMs, remaining));
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

function gaveUp(error: unknown, why: string): unknown {
  if (error instanceof RetainError) {
    error.message = `${error.message} (gave up ${why})`;
  }
  return error;
}

/** Token errors from an API call: the token is bad, a fresh one may work. */
export function isTokenRejected(error: unknown): boolean {
  return error instanceof WeChatApiError && (error.errcode === 40001 || error.errcode === 40014 || error.errcode === 42001);
}
