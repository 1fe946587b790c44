import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import { tempDir } from './helpers.ts';
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
