import { frameworkMessages, type Envelope, type OperatorCommand } from '@saga/contracts';
import { operatorActionProblem } from '../domain/operator-actions.ts';
import type { SagaRegistry } from '../domain/saga-registry.ts';
import type { Clock, SagaInbox, SagaStore } from './ports.ts';

export interface SagaOperationsDeps {
  store: SagaStore;
  inbox: SagaInbox;
  clock: Clock;
  newId(): string;
  registry: SagaRegistry;
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
    const definition = this.#deps.registry.get(state.sagaType, state.definitionVersion);
    const problem = operatorActionProblem(state, request, definition, this.#deps.clock.now().toISOString());
    if (problem) return { kind: 'not-allowed', reason: problem };
    const actionId = this.#deps.newId();
    await this.#deps.inbox.deliver(this.#envelope(sagaId, { ...request, actionId }));
    return { kind: 'accepted', sagaId, actionId };
  }

  /**
   * "Retry all parked sagas now", after an outage: retries the parked step (action or compensation,
   * as each parked) of up to `limit` parked sagas, each with a fresh budget. Returns the ids it asked to retry.
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
      schemaVersion: frameworkMessages.OperatorCommand.version,
      correlationId: sagaId,
      occurredAt: this.#deps.clock.now().toISOString(),
      payload: command,
    };
  }
}
