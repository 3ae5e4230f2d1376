import type { Topology } from '@saga/contracts';
import { createInventoryParticipant } from '@order-fulfilment/inventory';
import { createNotificationParticipant } from '@order-fulfilment/notification';
import { createPaymentParticipant, seedAccounts } from '@order-fulfilment/payment';
import { createShippingParticipant } from '@order-fulfilment/shipping';
import { runParticipant, type AnyParticipantDefinition, type Consumer, type Logger, type MessageBus, type SenderMap } from '@saga/runtime';
import { MemoryDocumentDatabase } from '@saga/runtime/memory-documents';
import { REFUND_OUTAGE_CUSTOMER, withRefundOutage } from './sandbox-faults.ts';
import { SANDBOX_COUNTRIES, SANDBOX_CUSTOMERS, SANDBOX_STOCK, SANDBOX_SUPPRESSED_DOMAINS } from './sandbox-seed.ts';

export interface ParticipantsOptions {
  /** A bus connection of the service's own. */
  connect(service: string): Promise<MessageBus>;
  topology: Topology;
  logger(service: string): Logger;
  senders: SenderMap;
  maxBytes: number;
}

/**
 * The four real participants, each over an in-memory twin of its own database (seeded) and a bus
 * connection of its own, run by the real participant runtime.
 */
export async function startParticipants(options: ParticipantsOptions): Promise<Consumer[]> {
  const inventoryDb = new MemoryDocumentDatabase('inventory');
  const paymentDb = new MemoryDocumentDatabase('payment');
  await seedAccounts(paymentDb, SANDBOX_CUSTOMERS);
  const run = async (definition: AnyParticipantDefinition): Promise<Consumer> => {
    const bus = await options.connect(definition.name);
    const consumer = await runParticipant(definition, {
      bus,
      topology: options.topology,
      logger: options.logger(definition.name),
      prefetch: 32,
      maxBytes: options.maxBytes,
      senders: options.senders,
    });
    return {
      close: async () => {
        await consumer.close();
        await bus.close();
      },
    };
  };
  return [
    await run(await createInventoryParticipant(inventoryDb, { seedStock: SANDBOX_STOCK })),
    await run(withRefundOutage(createPaymentParticipant(paymentDb, { defaultLimitCents: 100_000 }), REFUND_OUTAGE_CUSTOMER, 3)),
    await run(createShippingParticipant(new MemoryDocumentDatabase('shipping'), { countries: SANDBOX_COUNTRIES })),
    await run(createNotificationParticipant(new MemoryDocumentDatabase('notification'), { suppressedDomains: SANDBOX_SUPPRESSED_DOMAINS })),
  ];
}
