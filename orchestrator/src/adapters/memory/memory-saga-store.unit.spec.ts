import { historyStoreContract, sagaStoreContract } from '../../../test/saga-store.contract.ts';
import { MemoryHistoryStore } from './memory-history-store.ts';
import { MemorySagaStore } from './memory-saga-store.ts';

sagaStoreContract('memory', async () => new MemorySagaStore());
historyStoreContract('memory', async () => new MemoryHistoryStore());
