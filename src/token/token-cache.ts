import { type Clock, withinDeadline } from '../deadline';
import { type AccessToken, type TokenSource, type TokenStore, tokenFromIssued } from './access-token';

/**
 * The token of one AppID: read from memory while fresh, else from the store, else from the
 * source. One refresh at a time: concurrent callers share the pending one (single flight).
 * After WeChat rejects a token, `invalidate` drops it only where it is still the current one.
 *
 * Instances sharing a store do not all refresh at the same moment: each waits a random part
 * of the first half of the margin between `refreshAt` and `expiresAt` (the token is still
 * valid then). The first to refresh stores the new token, and the others, when their turn
 * comes, find it there (bench/: 1 request per token lifetime instead of one per instance).
 */
export class TokenCache {
  private current: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;
  /**
   * The last token WeChat rejected. A store that failed to forget it (a database remove
   * that failed, a copy another instance wrote back) must not hand it to us again: that
   * would fail every call until the token's refresh time, hours away.
   */
  private rejected: string | undefined;

  constructor(
    private readonly key: string,
    private readonly source: TokenSource,
    private readonly store: TokenStore,
    private readonly clock: Clock,
    /** This instance's place in the refresh window, from 0 (first) to 1. */
    private readonly turn: number = Math.random(),
  ) {}

  async get(deadlineAt: number): Promise<string> {
    if (this.current && this.isFresh(this.current)) return this.current.value;
    // The first caller's deadline bounds the refresh itself; each joining caller still
    // waits no longer than its own deadline.
    this.pending ??= this.refresh(deadlineAt).finally(() => {
      this.pending = undefined;
    });
    const token = await withinDeadline(this.pending, deadlineAt, this.clock, 'the access token request');
    return token.value;
  }

  async invalidate(value: string): Promise<void> {
    this.rejected = value;
    if (this.current?.value === value) this.current = undefined;
    await this.store.invalidate(this.key, value);
  }

  private async refresh(deadlineAt: number): Promise<AccessToken> {
    const stored = await this.store.get(this.key);
    if (stored && stored.value !== this.rejected && this.isFresh(stored)) {
      this.current = stored;
      return stored;
    }
    const issued = await this.source({ appid: this.key, deadlineAt });
    const token = tokenFromIssued(issued, this.clock());
    await this.store.set(this.key, token);
    this.current = token;
    return token;
  }

  private isFresh(token: AccessToken): boolean {
    return this.clock() < token.refreshAt + (this.turn * (token.expiresAt - token.refreshAt)) / 2;
  }
}
