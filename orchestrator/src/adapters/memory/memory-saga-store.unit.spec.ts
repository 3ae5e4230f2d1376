import { sagaStoreContract } from '../../../test/saga-store.contract.ts';
import { MemorySagaStore } from './memory-saga-store.ts';

sagaStoreContract('memory', async () => new MemorySagaStore());
