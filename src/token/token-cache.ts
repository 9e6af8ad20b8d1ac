import { type Clock, withinDeadline } from '../deadline';
import { DeadlineError, ErrorCode, RetainError, TransportError } from '../errors';
import { RETRY_DEFAULTS } from '../retry';
import { type AccessToken, asAccessToken, type IssuedToken, type TokenSource, type TokenStore, tokenFromIssued } from './access-token';

/**
 * The token of one AppID: read from memory while fresh, else from the store, else from the
 * source. One refresh at a time: concurrent callers share the pending one (single flight).
 * After WeChat rejects a token, `invalidate` drops it only where it is still the current one.
 *
 * Every caller waits on a shared refresh only as long as its own deadline allows, and the
 * refresh runs to the latest deadline among its waiters: a caller with 300 ms left must not
 * cut short the refresh that a caller with 8 s left is waiting on too. Every store operation
 * is bounded by that deadline: a store that hangs fails the calls that wait on it (at their
 * deadline, not later) but never wedges the pending refresh, so the next call starts afresh
 * once the store answers again.
 *
 * Whatever a store or a source hands back is checked: an empty or non-string token is no
 * token (a stored `""` drew 41001 on every call until its refresh time).
 *
 * Instances sharing a store do not all refresh at the same moment: each waits a random part
 * of the first half of the margin between `refreshAt` and `expiresAt` (the token is still
 * valid then). The first to refresh stores the new token, and the others, when their turn
 * comes, find it there (bench/: 1 request per token lifetime instead of one per instance).
 */
/** How many of the latest token values are kept for redaction: two days of refreshes and more. */
export const MAX_HELD_TOKENS = 32;

export class TokenCache {
  private latest: AccessToken | undefined;
  /** The token values this cache has held, oldest first (see knownTokens). */
  private readonly held = new Set<string>();
  private pending: Promise<AccessToken> | undefined;
  /** The latest deadline among the callers waiting on `pending`: it runs as long as one of them waits. */
  private pendingDeadlineAt = 0;
  /**
   * The last token WeChat rejected. A store that failed to forget it (a database remove
   * that failed, a copy another instance wrote back) must not hand it to us again: that
   * would fail every call until the token's refresh time, hours away. Cleared once the
   * source hands out a token: from then on the source, not an old rejection, has the say
   * (stable_token may well hand out that same value again, and then it is valid).
   */
  private rejected: string | undefined;

  constructor(
    private readonly key: string,
    private readonly source: TokenSource,
    private readonly store: TokenStore,
    private readonly clock: Clock,
    /** This instance's place in the refresh window, from 0 (first) to 1. */
    private readonly turn: number = Math.random(),
    /** The least time worth a token request (the client's retry policy). */
    private readonly minAttemptMs: number = RETRY_DEFAULTS.minAttemptMs,
  ) {}

  /**
   * The token values this cache holds or has held lately, for redaction: an upstream that
   * echoes one (in an errmsg, an error page or an extra field) must not get it into a result,
   * an error or a log line. The last MAX_HELD_TOKENS: a dozen a day is the usual count, and a
   * warm instance that lives for weeks, or a store that hands out a new value on every read,
   * must not make the set (and every redaction) grow without end.
   */
  knownTokens(): string[] {
    return [...this.held];
  }

  /** The token in use; whatever becomes it is remembered in `held`, wherever it came from. */
  private get current(): AccessToken | undefined {
    return this.latest;
  }

  private set current(token: AccessToken | undefined) {
    if (typeof token?.value === 'string' && token.value !== '') {
      // Re-added at the end, so that the token in use is never the oldest one dropped.
      this.held.delete(token.value);
      this.held.add(token.value);
      if (this.held.size > MAX_HELD_TOKENS) this.held.delete(this.held.values().next().value as string);
    }
    this.latest = token;
  }

  async get(deadlineAt: number): Promise<string> {
    if (this.current && this.isFresh(this.current)) return this.current.value;
    this.pendingDeadlineAt = this.pending ? Math.max(this.pendingDeadlineAt, deadlineAt) : deadlineAt;
    this.pending ??= this.refreshForWaiters().finally(() => {
      this.pending = undefined;
    });
    const token = await withinDeadline(this.pending, deadlineAt, this.clock, 'the access token request');
    return token.value;
  }

  /**
   * Forgets `value` here at once, then in the store (compare-and-delete), waiting for the
   * store no longer than `deadlineAt`.
   */
  async invalidate(value: string, deadlineAt: number): Promise<void> {
    this.rejected = value;
    if (this.current?.value === value) this.current = undefined;
    await withinDeadline(this.store.invalidate(this.key, value), deadlineAt, this.clock, 'the token store update');
  }

  /**
   * Refreshes within the waiters' latest deadline. An attempt that ran out of time while a
   * waiter with a later deadline joined is made again for that waiter (a stable_token request
   * cut at 300 ms failed an 8 s caller at 305 ms), if it has time for a request at all
   * (minAttemptMs: callers that started a few ms apart must not cost a request each); any
   * other failure is everyone's.
   */
  private async refreshForWaiters(): Promise<AccessToken> {
    for (;;) {
      const deadlineAt = this.pendingDeadlineAt;
      try {
        return await this.refresh(deadlineAt);
      } catch (error) {
        const timedOut = error instanceof RetainError && error.errCode === ErrorCode.TIMEOUT;
        const later = this.pendingDeadlineAt > deadlineAt && this.pendingDeadlineAt - this.clock() >= this.minAttemptMs;
        if (!timedOut || !later) throw error;
      }
    }
  }

  private async refresh(deadlineAt: number): Promise<AccessToken> {
    const stored = asAccessToken(await withinDeadline(this.store.get(this.key), deadlineAt, this.clock, 'the token store read'));
    if (stored && stored.value !== this.rejected && this.isFresh(stored)) {
      this.current = stored;
      return stored;
    }
    const issued = usableIssued(await this.source({ appid: this.key, deadlineAt }));
    const token = tokenFromIssued(issued, this.clock());
    // Kept before the store write, so that a write that fails or hangs does not cost
    // another token request on the next call.
    this.current = token;
    this.rejected = undefined;
    try {
      await withinDeadline(this.store.set(this.key, token), deadlineAt, this.clock, 'the token store write');
    } catch (error) {
      // A write that is still going at the deadline is left to finish on its own: the
      // token is in hand, and callers with later deadlines may use it. A write that
      // fails fails the refresh, as any other store failure does.
      if (!(error instanceof DeadlineError)) throw error;
    }
    return token;
  }

  private isFresh(token: AccessToken): boolean {
    return this.clock() < token.refreshAt + (this.turn * (token.expiresAt - token.refreshAt)) / 2;
  }
}

/** What a source handed out, if it is a token: a custom source may hand out anything. */
function usableIssued(issued: IssuedToken): IssuedToken {
  const { accessToken, expiresInSeconds } = (issued ?? {}) as Partial<IssuedToken>;
  if (typeof accessToken !== 'string' || accessToken === '' || !(typeof expiresInSeconds === 'number' && expiresInSeconds > 0)) {
    throw new TransportError(ErrorCode.BAD_RESPONSE, 'the token source gave no usable token: accessToken must be a non-empty string and expiresInSeconds a positive number', false);
  }
  return issued;
}
