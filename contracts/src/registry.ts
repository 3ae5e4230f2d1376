import type { z } from 'zod';
import type { MessageContract } from './define-message.ts';
import { inventoryMessages } from './inventory-messages.ts';
import { notificationMessages } from './notification-messages.ts';
import { orchestratorMessages } from './orchestrator-messages.ts';
import { paymentMessages } from './payment-messages.ts';
import { shippingMessages } from './shipping-messages.ts';
import { StartSagaMessage } from './start-saga.ts';

/** Every message of the system, by type. The one source for routing, decoding and AsyncAPI. */
export const messages = {
  StartSaga: StartSagaMessage,
  ...inventoryMessages,
  ...paymentMessages,
  ...shippingMessages,
  ...notificationMessages,
  ...orchestratorMessages,
} as const;

export type Messages = typeof messages;
export type MessageType = keyof Messages;
export type PayloadOf<T extends MessageType> = z.output<Messages[T]['payload']>;
export type MessageOf<T extends MessageType> = z.output<Messages[T]['envelope']>;
/** A decoded message of any type, discriminated by `type`. */
export type AnyMessage = { [T in MessageType]: MessageOf<T> }[MessageType];

export const messageList: readonly MessageContract[] = Object.values(messages);

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(messages, type);
}

/** The reply types that answer a command, e.g. ReserveInventory → [InventoryReserved, InventoryReservationFailed]. */
export function repliesTo(commandType: MessageType): MessageContract[] {
  return messageList.filter((m) => m.answers === commandType);
}
