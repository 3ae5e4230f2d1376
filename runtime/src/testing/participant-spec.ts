import { randomUUID } from 'node:crypto';
import type { AnySystem, CommandsOf, MessageTypeOf, PayloadOf } from '@saga/contracts';
import { databaseName } from '../config.ts';
import { createLogger } from '../logger.ts';
import type { DocumentDatabase } from '../documents/document-collection.ts';
import { connectMongo, documentDatabaseOf } from '../mongo.ts';
import type { HandlerContext } from '../participant/define-participant.ts';
import { Ledger } from '../participant/ledger.ts';
import { MONGO_URL, dropDatabases, testNamespace } from './index.ts';

export interface ParticipantDatabase {
  db: DocumentDatabase;
  /** Drops the database and closes the connection. */
  drop(): Promise<void>;
}

/** A participant's own database for one spec file, in a namespace no other run uses. */
export async function openParticipantDatabase(service: string): Promise<ParticipantDatabase> {
  const namespace = testNamespace(service);
  const client = await connectMongo(MONGO_URL, `${service}-spec`);
  return {
    db: documentDatabaseOf(client.db(databaseName(namespace, service))),
    async drop() {
      await client.close();
      await dropDatabases(namespace);
    },
  };
}

const silent = createLogger({ name: 'participant-spec', level: 'silent' });

/** A command as the runtime hands it to a handler: an action and its compensation share the key. */
export function handlerContext<S extends AnySystem, C extends CommandsOf<S, string> & MessageTypeOf<S>>(_system: S, _command: C, sagaId: string, step: string, payload: PayloadOf<S, C>): HandlerContext<S, C> {
  return { sagaId, step, key: Ledger.key(sagaId, step), messageId: randomUUID(), payload, log: silent };
}
