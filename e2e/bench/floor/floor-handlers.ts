/** A floor participant: the key its commands serialize on, and one function per command type. */
export interface FloorHandlers {
  keyOf(sagaId: string, payload: Record<string, unknown>): string;
  handles: Record<string, (sagaId: string, payload: Record<string, unknown>) => Promise<FloorReply>>;
}

export interface FloorReply {
  type: string;
  payload: Record<string, unknown>;
}

export const refused = (type: string, code: string): FloorReply => ({ type, payload: { code, retryable: false } });
