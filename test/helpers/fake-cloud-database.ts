import type { CloudDatabase } from '../../src/token/cloud-database-token-store';

type Operation = 'get' | 'set' | 'remove' | 'createCollection';

/**
 * An in-memory stand-in for wx-server-sdk's database with its failure shapes (SDK 4.0.2):
 * a missing document rejects with errCode -1, a missing collection with -502005.
 * `failing` makes an operation reject, as a database outage would. A failing `set` echoes
 * the document it was given in its message, as a careless SDK might: whatever logs such an
 * error must redact the token in it.
 */
export function fakeCloudDatabase(options: { collections?: string[] } = {}) {
  const collections = new Map<string, Map<string, Record<string, unknown>>>(
    (options.collections ?? []).map((name) => [name, new Map()]),
  );
  const failing = new Set<Operation>();
  const calls: Operation[] = [];
  const sdkError = (errCode: number, errMsg: string) => Object.assign(new Error(errMsg), { errCode, errMsg });
  const check = (operation: Operation, data?: Record<string, unknown>) => {
    calls.push(operation);
    if (!failing.has(operation)) return;
    const echoed = data === undefined ? '' : `; data: ${JSON.stringify(data)}`;
    throw sdkError(-501001, `${operation}:fail -501001 resource system error${echoed}`);
  };
  const collectionOf = (name: string, operation: string) => {
    const collection = collections.get(name);
    if (!collection) {
      throw sdkError(-502005, `document.${operation}:fail -502005 database collection not exists. [ResourceNotFound] Db or Table not exist`);
    }
    return collection;
  };

  const db: CloudDatabase = {
    collection: (name) => ({
      doc: (id) => ({
        async get() {
          check('get');
          const data = collectionOf(name, 'get').get(id);
          if (!data) throw sdkError(-1, `document.get:fail document with _id ${id} does not exist`);
          return { data: { _id: id, ...data } };
        },
        async set({ data }) {
          check('set', data);
          collectionOf(name, 'set').set(id, { ...data });
          return { stats: { updated: 1 } };
        },
        async remove() {
          check('remove');
          collectionOf(name, 'remove').delete(id);
          return { stats: { removed: 1 } };
        },
      }),
    }),
    async createCollection(name) {
      check('createCollection');
      if (collections.has(name)) throw sdkError(-502006, 'database collection already exists');
      collections.set(name, new Map());
      return {};
    },
  };
  return { db, collections, failing, calls };
}
