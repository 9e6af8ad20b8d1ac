import { redact } from '../redact';
import { stallGuard } from '../stall-guard';
import type { AccessToken, TokenStore } from './access-token';
import { MemoryTokenStore } from './memory-token-store';

/**
 * How long one operation on the shared store may take before it counts as failed. A cloud
 * database answers in tens of milliseconds; one that hangs must not eat the call's budget
 * (by default 2.7 s of the function's 3 s, see `deadlineFor`), which also has to pay for
 * stable_token and the datacube request. After 1 s the operation is treated like any other
 * store failure: one warning, and the token is kept in memory.
 */
export const SHARED_STORE_TIMEOUT_MS = 1000;

/**
 * Uses the shared store while it works and memory when it does not, warning once per
 * instance: a token store failure must never fail a call. Memory also keeps a copy of every
 * token, so that a store that fails only on some calls does not cost extra token requests.
 *
 * An operation that does not answer within `timeoutMs` counts as failed, and while it stays
 * unanswered the shared store is not asked again: a hung database costs one timeout, not
 * one per operation. Once it answers (or fails), the shared store is used again.
 */
export class FallbackTokenStore implements TokenStore {
  private readonly memory = new MemoryTokenStore();
  private warned = false;
  private readonly guard: ReturnType<typeof stallGuard>;

  constructor(
    private readonly shared: TokenStore,
    private readonly warn: (message: string) => void,
    private readonly sharedName: string,
    timeoutMs: number = SHARED_STORE_TIMEOUT_MS,
  ) {
    this.guard = stallGuard(timeoutMs);
  }

  async get(key: string): Promise<AccessToken | undefined> {
    const local = await this.memory.get(key);
    const shared = await this.attempt('read', [local?.value], () => this.shared.get(key));
    if (shared && (!local || shared.refreshAt > local.refreshAt)) return shared;
    return local;
  }

  async set(key: string, token: AccessToken): Promise<void> {
    const previous = await this.memory.get(key);
    await this.memory.set(key, token);
    await this.attempt('write', [token.value, previous?.value], () => this.shared.set(key, token));
  }

  async invalidate(key: string, value: string): Promise<void> {
    const local = await this.memory.get(key);
    await this.memory.invalidate(key, value);
    await this.attempt('update', [value, local?.value], () => this.shared.invalidate(key, value));
  }

  /**
   * Runs `operation` on the shared store; on failure or timeout, warns (once) and resolves
   * undefined. `tokens` are the token values in play: an SDK error may echo the document it
   * was given, so they are cut from the reason before it reaches the log.
   */
  private attempt<T>(what: string, tokens: (string | undefined)[], operation: () => Promise<T>): Promise<T | undefined> {
    return this.guard(operation, (reason) => {
      if (this.warned) return;
      this.warned = true;
      const known = tokens.filter((token): token is string => token !== undefined);
      this.warn(`token store: could not ${what} ${this.sharedName} (${redact(reason, known)}); keeping the access token in memory on this instance`);
    });
  }
}
