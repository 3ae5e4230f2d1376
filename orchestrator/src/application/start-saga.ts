import { frameworkMessages, type FrameworkMessage, type StartSaga } from '@saga/contracts';
import type { SagaStatus } from '../domain/saga-state.ts';
import type { Clock, SagaStore } from './ports.ts';
import { resolveSagaId } from './resolve-saga-id.ts';
import type { RouteResult } from './saga-engine.ts';

export interface StartSagaDeps {
  /** Checks a StartSaga and forwards it to its saga's partition (SagaEngine.route). */
  route(message: FrameworkMessage<'StartSaga'>): Promise<RouteResult>;
  store: Pick<SagaStore, 'load'>;
  clock: Clock;
  newId(): string;
  deriveId(name: string): string;
}

export type StartSagaResult =
  | { kind: 'accepted'; sagaId: string }
  /** The saga id was taken before this request: it started that saga, or not at all. */
  | { kind: 'exists'; sagaId: string; status: SagaStatus }
  | { kind: 'rejected'; code: string; reason: string };

/**
 * Starts a saga for a client that is not on the broker (the HTTP API): the payload becomes a
 * StartSaga message with a new messageId and takes the same route as one published on the
 * commands exchange — checked, given its saga id by resolveSagaId, forwarded to its partition — so
 * starting is idempotent in exactly the same way: the same sagaId, or the same idempotency key,
 * starts one saga. (Without either, every request is a new message and so a new saga, as a new
 * AMQP message would be.) Whether the id was already taken is read before routing, for the answer
 * only; the partition's writer decides.
 */
export async function startSaga(deps: StartSagaDeps, payload: StartSaga): Promise<StartSagaResult> {
  const message: FrameworkMessage<'StartSaga'> = {
    messageId: deps.newId(),
    type: 'StartSaga',
    schemaVersion: frameworkMessages.StartSaga.version,
    occurredAt: deps.clock.now().toISOString(),
    payload,
  };
  const sagaId = resolveSagaId(message, deps.deriveId);
  const existing = await deps.store.load(sagaId);
  const routed = await deps.route(message);
  if (routed.kind === 'rejected') return routed;
  return existing ? { kind: 'exists', sagaId, status: existing.status } : { kind: 'accepted', sagaId };
}
