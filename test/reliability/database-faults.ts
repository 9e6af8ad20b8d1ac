import type { CloudDatabase } from '../../src/token/cloud-database-token-store';

export type DatabaseOperation = 'get' | 'set' | 'remove' | 'createCollection';

/**
 * Wraps a cloud database (such as test/helpers' fake) so that `before` runs ahead of every
 * operation: to delay it, to make it fail, or to let another instance act in between.
 * The wrapped database behaves exactly as the original otherwise.
 */
export function hookedDatabase(
  db: CloudDatabase,
  before: (operation: DatabaseOperation, collection: string, id?: string) => Promise<void> | void,
): CloudDatabase {
  return {
    collection: (name) => ({
      doc: (id) => {
        const doc = db.collection(name).doc(id);
        return {
          get: async () => {
            await before('get', name, id);
            return doc.get();
          },
          set: async (options) => {
            await before('set', name, id);
            return doc.set(options);
          },
          remove: async () => {
            await before('remove', name, id);
            return doc.remove();
          },
        };
      },
    }),
    createCollection: async (name) => {
      await before('createCollection', name);
      return db.createCollection(name);
    },
  };
}

/** A database whose every method throws synchronously, as an SDK used before init might. */
export function throwingDatabase(): CloudDatabase {
  const fail = (): never => {
    throw new TypeError('Cannot read properties of undefined (reading "collection")');
  };
  return { collection: fail, createCollection: fail };
}
