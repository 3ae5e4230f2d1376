/**
 * How the driver knows a saga has ended without asking the database: it watches a private queue
 * bound to the system's exchanges and feeds every message to a detector. Two detectors:
 *
 * - `replyDetector` taps the replies exchange (the project's partition routing keys, the floor's
 *   `orchestrator` key) and takes a saga's last reply as its end: ConfirmationSent → completed; the
 *   first step's compensation reply → compensated; a final (non-retryable) refusal of the first
 *   step → compensated, as nothing before it needs undoing. The orchestrator's own write of that
 *   transition comes a moment later, so this end is one write early for both systems alike.
 * - `lifecycleEventDetector` taps `<ns>.events` (topic, `<sagaType>.saga-<status>`), for when the
 *   project publishes saga lifecycle events; then the end is after the orchestrator's write.
 *
 * Each detector reports a saga's end once; later messages of that saga are ignored.
 */
export type SagaOutcome = 'completed' | 'compensated' | 'failed' | 'parked';

export interface TapMessage {
  routingKey: string;
  /** AMQP `type` property (both systems set it to the envelope's type). */
  type: string | undefined;
  /** AMQP `correlationId` property: the saga id. */
  correlationId: string | undefined;
  /** The parsed body, read only when the properties do not decide. */
  body(): unknown;
}

export interface SagaEnd {
  sagaId: string;
  outcome: SagaOutcome;
}

export interface CompletionDetector {
  name: 'replies' | 'events';
  observe(message: TapMessage): SagaEnd | undefined;
}

/** Which replies end an order-fulfilment saga (the first step is reserve-inventory). */
export interface ReplyEnds {
  completedBy: readonly string[];
  compensatedBy: readonly string[];
  /** Failure replies of the first step: final when not retryable. */
  finalWhenRefused: readonly string[];
}

export const ORDER_FULFILMENT_ENDS: ReplyEnds = {
  completedBy: ['ConfirmationSent'],
  compensatedBy: ['InventoryReleased'],
  finalWhenRefused: ['InventoryReservationFailed'],
};

/** Sagas reported so far; bounded by the sagas of one system start (a few thousand). */
function once(detect: (message: TapMessage) => SagaEnd | undefined): (message: TapMessage) => SagaEnd | undefined {
  const ended = new Set<string>();
  return (message) => {
    if (message.correlationId !== undefined && ended.has(message.correlationId)) return undefined;
    const end = detect(message);
    if (!end || ended.has(end.sagaId)) return undefined;
    ended.add(end.sagaId);
    return end;
  };
}

export function replyDetector(ends: ReplyEnds = ORDER_FULFILMENT_ENDS): CompletionDetector {
  return {
    name: 'replies',
    observe: once(({ type, correlationId, body }) => {
      if (!type || !correlationId) return undefined;
      if (ends.completedBy.includes(type)) return { sagaId: correlationId, outcome: 'completed' };
      if (ends.compensatedBy.includes(type)) return { sagaId: correlationId, outcome: 'compensated' };
      if (ends.finalWhenRefused.includes(type)) {
        const payload = (body() as { payload?: { retryable?: unknown } } | undefined)?.payload;
        // A transient failure is retried by the orchestrator: not an end.
        return payload?.retryable === true ? undefined : { sagaId: correlationId, outcome: 'compensated' };
      }
      return undefined;
    }),
  };
}

const EVENT_OUTCOMES: Record<string, SagaOutcome> = {
  'saga-completed': 'completed',
  'saga-compensated': 'compensated',
  'saga-failed': 'failed',
  'saga-parked': 'parked',
};

/** Routing keys to bind on the events exchange for one saga type. */
export function lifecycleRoutingKeys(sagaType: string): string[] {
  return Object.keys(EVENT_OUTCOMES).map((event) => `${sagaType}.${event}`);
}

export function lifecycleEventDetector(sagaType: string): CompletionDetector {
  return {
    name: 'events',
    observe: once(({ routingKey, correlationId, body }) => {
      const [type, event] = [routingKey.slice(0, routingKey.lastIndexOf('.')), routingKey.slice(routingKey.lastIndexOf('.') + 1)];
      const outcome = EVENT_OUTCOMES[event];
      if (type !== sagaType || !outcome) return undefined;
      const parsed = correlationId ? undefined : (body() as { correlationId?: string; payload?: { sagaId?: string } } | undefined);
      const sagaId = correlationId ?? parsed?.correlationId ?? parsed?.payload?.sagaId;
      return sagaId ? { sagaId, outcome } : undefined;
    }),
  };
}
