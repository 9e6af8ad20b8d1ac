// A cloud database in a directory, for running the real CloudDatabaseTokenStore in several
// processes on one machine: a collection is a folder, a document a JSON file. It answers as
// wx-server-sdk does where the store cares: getting a missing document rejects with errCode -1,
// anything in a missing collection with -502005, creating an existing collection with -501001.
// Writes go to a temporary file that is then renamed over the document, so a reader sees the
// old document or the new one, never half of one.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CloudDatabase } from '../src/token/cloud-database-token-store';

const DOCUMENT_NOT_FOUND = -1;
const COLLECTION_NOT_FOUND = -502005;
const COLLECTION_EXISTS = -501001;

/** An error shaped like wx-server-sdk's: a message plus `errCode` and `errMsg`. */
function sdkError(errCode: number, errMsg: string): Error & { errCode: number; errMsg: string } {
  return Object.assign(new Error(`errCode: ${errCode} | errMsg: ${errMsg}`), { errCode, errMsg });
}

/** A safe file name for an id or a collection name (they are ours, but stay inside `dir`). */
function fileName(name: string): string {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(name)) throw new Error(`file cloud database: unsupported name "${name}"`);
  return name;
}

export class FileCloudDatabase implements CloudDatabase {
  constructor(readonly dir: string) {}

  collection(name: string) {
    const folder = path.join(this.dir, fileName(name));
    const missingCollection = (op: string) => sdkError(COLLECTION_NOT_FOUND, `${op}:fail collection ${name} does not exist`);
    const exists = async () => (await fs.stat(folder).catch(() => undefined))?.isDirectory() === true;
    return {
      doc: (id: string) => {
        const file = path.join(folder, `${fileName(id)}.json`);
        return {
          async get(): Promise<{ data: unknown }> {
            try {
              const data = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
              return { data: { ...data, _id: id } };
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
              if (!(await exists())) throw missingCollection('document.get');
              throw sdkError(DOCUMENT_NOT_FOUND, `document.get:fail document with _id ${id} does not exist`);
            }
          },
          async set({ data }: { data: Record<string, unknown> }): Promise<unknown> {
            if (!(await exists())) throw missingCollection('document.set');
            const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
            await fs.writeFile(temporary, JSON.stringify(data));
            await fs.rename(temporary, file);
            return { _id: id, stats: { updated: 1, created: 0 }, errMsg: 'document.set:ok' };
          },
          async remove(): Promise<unknown> {
            if (!(await exists())) throw missingCollection('document.remove');
            try {
              await fs.unlink(file);
              return { stats: { removed: 1 }, errMsg: 'document.remove:ok' };
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
              return { stats: { removed: 0 }, errMsg: 'document.remove:ok' };
            }
          },
        };
      },
    };
  }

  async createCollection(name: string): Promise<unknown> {
    try {
      await fs.mkdir(path.join(this.dir, fileName(name)));
      return { errMsg: 'createCollection:ok' };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw sdkError(COLLECTION_EXISTS, `createCollection:fail collection ${name} already exists`);
      throw error;
    }
  }
}
