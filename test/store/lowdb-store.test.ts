import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { describeStoreBehaviour } from './store-behaviour';

describeStoreBehaviour('LowdbStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nudge-store-'));
  const file = join(dir, 'store.json');
  const store = await LowdbStore.open(file);
  return {
    store,
    reopen: async () => LowdbStore.open(file),
    cleanup: async () => {
      await store.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
});
