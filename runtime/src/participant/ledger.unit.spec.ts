import { ledgerContract } from '../../test/ledger.contract.ts';
import { MemoryDocumentDatabase } from '../documents/memory/memory-document-database.ts';

ledgerContract('memory', async () => ({ db: new MemoryDocumentDatabase('ledger'), drop: async () => undefined }));
