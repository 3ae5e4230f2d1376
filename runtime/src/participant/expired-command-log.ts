import type { DocumentCollection, DocumentDatabase } from '../documents/document-collection.ts';
import { isDuplicateKeyError } from '../mongo.ts';
import type { ExpiredCommand, ExpiredCommandLog } from './run-participant.ts';

/** Collection of a participant's database where refused expired commands are kept, one document per command. */
export const EXPIRED_COMMANDS = 'expired_commands';

/**
 * The participant's record of what it refused to do because it came too late — the other half of
 * its ledger: the orchestrator had given up on these, so they were never run. A redelivery of the
 * same command is recorded once.
 */
type ExpiredDocument = ExpiredCommand & { _id: string; [field: string]: unknown };

export class DocumentExpiredCommandLog implements ExpiredCommandLog {
  readonly #commands: DocumentCollection<ExpiredDocument>;

  constructor(db: DocumentDatabase) {
    this.#commands = db.collection<ExpiredDocument>(EXPIRED_COMMANDS);
  }

  async record(command: ExpiredCommand): Promise<void> {
    try {
      await this.#commands.insertOne({ _id: command.commandId, ...command });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
