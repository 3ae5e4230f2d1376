import type { FrameworkMessage } from '@saga/contracts';

/**
 * The id a StartSaga gets, so that starting is idempotent: an explicit sagaId (payload, then
 * correlationId) wins; else the id is derived from (sagaType, idempotencyKey); else from the
 * message id, so that a redelivered StartSaga still starts one saga.
 */
export function resolveSagaId(message: FrameworkMessage<'StartSaga'>, derive: (name: string) => string): string {
  const { sagaId, sagaType, idempotencyKey } = message.payload;
  if (sagaId) return sagaId;
  if (message.correlationId) return message.correlationId;
  if (idempotencyKey !== undefined) return derive(`saga/${sagaType}/key/${idempotencyKey}`);
  return derive(`saga/start-message/${message.messageId}`);
}
