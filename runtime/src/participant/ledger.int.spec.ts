// Needs running: FerretDB (or MongoDB) at MONGO_URL (default mongodb://127.0.0.1:27017).
import { ledgerContract } from '../../test/ledger.contract.ts';
import { databaseName } from '../config.ts';
import { connectMongo, documentDatabaseOf } from '../mongo.ts';
import { dropDatabases, MONGO_URL, testNamespace } from '../testing/index.ts';

ledgerContract('MongoDB', async () => {
  const ns = testNamespace('ledger');
  const client = await connectMongo(MONGO_URL, 'ledger-spec');
  return {
    db: documentDatabaseOf(client.db(databaseName(ns, 'ledger'))),
    async drop() {
      await client.close();
      await dropDatabases(ns);
    },
  };
});
