// The one Storage contract suite (storage-suite.ts), run against every backend.
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import { tempDir } from './helpers.ts';
import { createTestDatabase, describePostgres } from './postgres-fixture.ts';
import { describeStorage } from './storage-suite.ts';

describeStorage('sqlite', async () => {
  const { dir, remove } = tempDir();
  const location = join(dir, 'store.db');
  const store = await openStore(location);
  return {
    store,
    location,
    cleanup: async () => {
      await store.close();
      remove();
    },
  };
});

describePostgres('PostgreSQL', () => {
  describeStorage('postgres', async () => {
    const database = await createTestDatabase();
    const store = await openStore(database.url);
    return {
      store,
      location: database.url,
      cleanup: async () => {
        await store.close();
        await database.drop();
      },
    };
  });
}, { note: true });
