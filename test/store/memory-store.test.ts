import { MemoryStore } from '../../runtime/store/memory-store';
import { describeStoreBehaviour } from './store-behaviour';

describeStoreBehaviour('MemoryStore', async () => {
  const store = new MemoryStore();
  return {
    store,
    // What a memory store "reopens" to: a store built from its own data, as openStoreCopy does from a file.
    reopen: async () => new MemoryStore(store.snapshot()),
    cleanup: async () => {},
  };
});
