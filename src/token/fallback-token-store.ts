import type { AccessToken, TokenStore } from './access-token';
import { MemoryTokenStore } from './memory-token-store';

/**
 * Uses the shared store while it works and memory when it does not, warning once per
 * instance: a token store failure must never fail a call. Memory also keeps a copy of every
 * token, so that a store that fails only on some calls does not cost extra token requests.
 */
export class FallbackTokenStore implements TokenStore {
  private readonly memory = new MemoryTokenStore();
  private warned = false;

  constructor(
    private readonly shared: TokenStore,
    private readonly warn: (message: string) => void,
    private readonly sharedName: string,
  ) {}

  async get(key: string): Promise<AccessToken | undefined> {
    const local = await this.memory.get(key);
    const shared = await this.attempt('read', () => this.shared.get(key));
    if (shared && (!local || shared.refreshAt > local.refreshAt)) return shared;
    return local;
  }

  async set(key: string, token: AccessToken): Promise<void> {
    await this.memory.set(key, token);
    await this.attempt('write', () => this.shared.set(key, token));
  }

  async invalidate(key: string, value: string): Promise<void> {
    await this.memory.invalidate(key, value);
    await this.attempt('update', () => this.shared.invalidate(key, value));
  }

  private async attempt<T>(what: string, operation: () => Promise<T>): Promise<T | undefined> {
    try {
      return await operation();
    } catch (error) {
      if (!this.warned) {
        this.warned = true;
        const reason = error instanceof Error ? error.message : String(error);
        this.warn(
          `token store: could not ${what} ${this.sharedName} (${reason}); keeping the access token in memory on this instance`,
        );
      }
      return undefined;
    }
  }
}
