import { type AccessToken, asAccessToken, isBetter, type TokenStore } from './access-token';

/** The part of wx-server-sdk's database API that the store uses. */
export interface CloudDatabase {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>;
      set(options: { data: Record<string, unknown> }): Promise<unknown>;
      remove(): Promise<unknown>;
    };
  };
  createCollection(name: string): Promise<unknown>;
}

/** wx-server-sdk's codes: a missing document, a missing collection. */
const DOCUMENT_NOT_FOUND = -1;
const COLLECTION_NOT_FOUND = -502005;

/**
 * Shares tokens between cloud-function instances through one document per AppID in a
 * cloud-database collection (which should be admin-only: it holds live tokens). The
 * collection is created on first use. A write never replaces a token that stays fresh longer.
 */
export class CloudDatabaseTokenStore implements TokenStore {
  constructor(
    private readonly db: CloudDatabase,
    private readonly collectionName: string,
  ) {}

  async get(key: string): Promise<AccessToken | undefined> {
    try {
      const { data } = await this.doc(key).get();
      return asAccessToken(data);
    } catch (error) {
      if (errCodeOf(error) === DOCUMENT_NOT_FOUND) return undefined;
      if (errCodeOf(error) === COLLECTION_NOT_FOUND) {
        await this.createCollection();
        return undefined;
      }
      throw error;
    }
  }

  async set(key: string, token: AccessToken): Promise<void> {
    // Read-then-write is not atomic, but the race is harmless: in normal mode stable_token
    // gives racing instances the same token, and this check keeps the fresher of two.
    if (!isBetter(token, await this.get(key))) return;
    await this.doc(key).set({ data: { value: token.value, expiresAt: token.expiresAt, refreshAt: token.refreshAt } });
  }

  async invalidate(key: string, value: string): Promise<void> {
    const stored = await this.get(key);
    if (stored?.value === value) await this.doc(key).remove();
  }

  private doc(key: string) {
    return this.db.collection(this.collectionName).doc(`access-token-${key}`);
  }

  private async createCollection(): Promise<void> {
    try {
      await this.db.createCollection(this.collectionName);
    } catch (error) {
      // Another instance may have created it a moment ago; if not, the next write says so.
      void error;
    }
  }
}

function errCodeOf(error: unknown): unknown {
  return error !== null && typeof error === 'object' ? (error as { errCode?: unknown }).errCode : undefined;
}
