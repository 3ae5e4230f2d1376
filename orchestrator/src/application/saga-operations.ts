import { messages, type Envelope, type OperatorCommand } from '@saga/contracts';
import type { AnySagaDefinition } from '../domain/definition.ts';
import { operatorActionProblem } from '../domain/operator-actions.ts';
import type { Clock, SagaInbox, SagaStore } from './ports.ts';

export interface SagaOperationsDeps {
  store: SagaStore;
  inbox: SagaInbox;
  clock: Clock;
  newId(): string;
  definitions: ReadonlyMap<string, AnySagaDefinition>;
}

export type ActionRequest = Omit<OperatorCommand, 'actionId'>;

export type ActionResult =
  | { kind: 'accepted'; sagaId: string; actionId: string }
  | { kind: 'not-found'; reason: string }
  | { kind: 'not-allowed'; reason: string };

/**
 * What an operator can do to sagas. An action is checked against the saga as it is now (so a
 * caller hears "not allowed" at once), then sent as an OperatorCommand to the saga's partition,
 * where its one writer checks it again and applies it — recorded in the history with who and why.
 * Nothing here writes a saga.
 */
export class SagaOperations {
  readonly #deps: SagaOperationsDeps;

  constructor(deps: SagaOperationsDeps) {
    this.#deps = deps;
  }

  async request(sagaId: string, request: ActionRequest): Promise<ActionResult> {
    const state = await this.#deps.store.load(sagaId);
    if (!state) return { kind: 'not-found', reason: `no saga ${sagaId}` };
    const definition = this.#deps.definitions.get(state.sagaType);
    if (!definition) return { kind: 'not-allowed', reason: `no definition for ${state.sagaType}` };
    const problem = operatorActionProblem(state, request, definition);
    if (problem) return { kind: 'not-allowed', reason: problem };
    const actionId = this.#deps.newId();
    await this.#deps.inbox.deliver(this.#envelope(sagaId, { ...request, actionId }));
    return { kind: 'accepted', sagaId, actionId };
  }

  /**
   * "Retry all parked sagas now", after an outage: retries the parked step (action or compensation)
   * of up to `limit` parked sagas, each with a fresh budget. Returns the ids it asked to retry.
   */
  async retryAllParked(who: { operator: string; reason: string }, limit = 500): Promise<{ sagaIds: string[] }> {
    const parked = await this.#deps.store.list({ status: 'parked', limit });
    const sagaIds: string[] = [];
    for (const saga of parked) {
      const result = await this.request(saga.sagaId, { action: 'retry-step', ...who });
      if (result.kind === 'accepted') sagaIds.push(saga.sagaId);
    }
    return { sagaIds };
  }

  #envelope(sagaId: string, command: OperatorCommand): Envelope<'OperatorCommand', OperatorCommand> {
    return {
      messageId: this.#deps.newId(),
      type: 'OperatorCommand',
      schemaVersion: messages.OperatorCommand.version,
      correlationId: sagaId,
      occurredAt: this.#deps.clock.now().toISOString(),
      payload: command,
    };
  }
}
