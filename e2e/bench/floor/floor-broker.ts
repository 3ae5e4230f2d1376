import { randomUUID } from 'node:crypto';
import amqplib from 'amqplib';

/** What travels between the floor's processes: a plain JSON envelope. */
export interface FloorMessage {
  messageId: string;
  type: string;
  correlationId: string;
  payload: Record<string, unknown>;
}

export interface FloorBroker {
  channel: amqplib.ConfirmChannel;
  /** Publishes persistent JSON and resolves on the broker's confirm. */
  publish(exchange: string, routingKey: string, message: Omit<FloorMessage, 'messageId'>): Promise<void>;
  close(): Promise<void>;
}

/**
 * One connection, one confirm channel for consuming and publishing. TCP_NODELAY as in the
 * project: with Nagle on, a confirmed publish to a quorum queue waits for a delayed ACK (44 ms).
 */
export async function connectFloorBroker(url: string, prefetch: number): Promise<FloorBroker> {
  const connection = await amqplib.connect(url, { noDelay: true });
  const channel = await connection.createConfirmChannel();
  await channel.prefetch(prefetch);
  return {
    channel,
    publish(exchange, routingKey, message) {
      const full: FloorMessage = { messageId: randomUUID(), ...message };
      return new Promise((resolve, reject) => {
        channel.publish(exchange, routingKey, Buffer.from(JSON.stringify(full)), {
          persistent: true,
          contentType: 'application/json',
          messageId: full.messageId,
          correlationId: full.correlationId,
          type: full.type,
        }, (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()));
      });
    },
    async close() {
      await channel.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
}
