// Needs running: FerretDB (or MongoDB) at MONGO_URL (default mongodb://127.0.0.1:27017).
import { documentCollectionContract } from '../../test/document-collection.contract.ts';
import { databaseName } from '../config.ts';
import { connectMongo, documentDatabaseOf } from '../mongo.ts';
import { dropDatabases, MONGO_URL, testNamespace } from '../testing/index.ts';

documentCollectionContract('MongoDB', async () => {
  const ns = testNamespace('documents');
  const client = await connectMongo(MONGO_URL, 'document-collection-spec');
  return {
    db: documentDatabaseOf(client.db(databaseName(ns, 'documents'))),
    async drop() {
      await client.close();
      await dropDatabases(ns);
    },
  };
});
