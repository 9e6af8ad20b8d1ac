import { type AccessToken, isBetter, type TokenStore } from './access-token';

/** Keeps tokens in this process only: the default for the library and the fallback in the cloud. */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, AccessToken>();

  async get(key: string): Promise<AccessToken | undefined> {
    return this.tokens.get(key);
  }

  async set(key: string, token: AccessToken): Promise<void> {
    if (isBetter(token, this.tokens.get(key))) this.tokens.set(key, token);
  }

  async invalidate(key: string, value: string): Promise<void> {
    if (this.tokens.get(key)?.value === value) this.tokens.delete(key);
  }
}
