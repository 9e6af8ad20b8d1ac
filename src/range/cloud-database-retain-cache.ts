import type { DailyRetainData } from '../daily-retain/response';
import type { CloudDatabase } from '../token/cloud-database-token-store';
import type { RetainCache } from './retain-cache';

/** Final days as documents of a cloud-database collection, shared by every instance. */
export class CloudDatabaseRetainCache implements RetainCache {
  constructor(
    private readonly db: CloudDatabase,
    private readonly collectionName: string,
  ) {}

  /** The record's `day` as stored, unchecked: the range checks it (see RetainCache). */
  async get(appid: string, refDate: string): Promise<unknown> {
    try {
      const { data } = await this.doc(appid, refDate).get();
      return data !== null && typeof data === 'object' ? (data as { day?: unknown }).day : undefined;
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

  async set(appid: string, refDate: string, day: DailyRetainData): Promise<void> {
    await this.doc(appid, refDate).set({ data: { appid, refDate, day } });
  }

  private doc(appid: string, refDate: string) {
    return this.db.collection(this.collectionName).doc(`${appid}-${refDate}`);
  }
}
