import type { RetainData } from '../daily-retain/response';
import type { CloudDatabase } from '../token/cloud-database-token-store';
import type { RetainCache } from './retain-cache';

/**
 * Final periods as documents of a cloud-database collection, shared by every instance: the
 * document `<appid>-<key>` (`wx…-week-20170306-20170312`) holds `{ appid, key, value }`.
 */
export class CloudDatabaseRetainCache implements RetainCache {
  constructor(
    private readonly db: CloudDatabase,
    private readonly collectionName: string,
  ) {}

  /** The record's `value` as stored, unchecked: the range checks it (see RetainCache). */
  async get(appid: string, key: string): Promise<unknown> {
    try {
      const { data } = await this.doc(appid, key).get();
      return data !== null && typeof data === 'object' ? (data as { value?: unknown }).value : undefined;
    } catch (error) {
      const errCode = (error as { errCode?: unknown } | null)?.errCode;
      if (errCode === -1) return undefined;
      if (errCode === -502005) {
        await this.db.createCollection(this.collectionName).catch(() => undefined);
        return undefined;
      }
      throw error;
    }
  }

  async set(appid: string, key: string, value: RetainData): Promise<void> {
    await this.doc(appid, key).set({ data: { appid, key, value } });
  }

  private doc(appid: string, key: string) {
    return this.db.collection(this.collectionName).doc(`${appid}-${key}`);
  }
}
