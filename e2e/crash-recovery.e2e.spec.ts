// Needs RabbitMQ at AMQP_URL and MongoDB/FerretDB at MONGO_URL; starts each service as its own process (e2e/cluster.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@saga/runtime/testing';
import { startCluster, type Cluster, type ServiceName } from './cluster.ts';
import { effectsOf, historyCount, orderInput, startSagaMessage, stockOf, type OrderInput } from './support/orders.ts';

/**
 * Recovery after kill -9: one service is started with SAGA_CRASH_AT so it SIGKILLs itself at a
 * labelled point while handling one saga, then restarted without it. Whatever the point, the saga
 * must end as it would have without the crash, every effect applied exactly once; where the crash
 * leaves a message unacked or a command unconfirmed, the duplicate must arrive and be ignored.
 *
 * Commits and publishes of one saga, counted for `@n` (one saga per case):
 *   commit  1 StartSaga · 2 InventoryReserved · 3 PaymentProcessed · 4 ShipmentCreated ·
 *           5 ConfirmationFailed · 6 ShipmentCancelled · 7 PaymentRefunded · 8 InventoryReleased
 *   publish 1 ReserveInventory · 2 ProcessPayment · 3 CreateShipment · 4 SendConfirmation ·
 *           5 CancelShipment · 6 RefundPayment · 7 ReleaseInventory
 */
const LIMIT_CENTS = 100_000;
let cluster: Cluster;
const armed = new Set<ServiceName>();

beforeAll(async () => {
  cluster = await startCluster({
    label: 'crash',
    env: { INVENTORY_SEED_STOCK: '{"SKU-BOOK":1000}', PAYMENT_DEFAULT_LIMIT_CENTS: String(LIMIT_CENTS) },
  });
});
afterEach(async () => {
  // A failed case must not leave the next one a dead or still-armed service.
  for (const service of cluster.services()) {
    if (armed.has(service) || !cluster.isRunning(service)) await cluster.restart(service);
  }
  armed.clear();
});
afterAll(async () => {
  await cluster?.stop();
});

type Ending = 'completed' | 'compensated';

interface CrashCase {
  service: ServiceName;
  at: string;
  /** completed: a good order; compensated: the confirmation is refused, so three steps are compensated. */
  ending: Ending;
  /** Replies the orchestrator must have seen again and ignored. */
  duplicates: string[];
}

async function crashAndRecover({ service, at, ending, duplicates }: CrashCase): Promise<{ saga: Record<string, unknown>; input: OrderInput; stockBefore: number }> {
  const input = orderInput(ending === 'compensated' ? { email: `buyer-${randomUUID().slice(0, 8)}@blocked.example` } : {});
  const stockBefore = (await stockOf(cluster.db, 'SKU-BOOK'))!;
  armed.add(service);
  await cluster.restart(service, { SAGA_CRASH_AT: at });
  // An orchestrator's counters die with it; a participant crash leaves them running on.
  const restarts = service.startsWith('orchestrator');
  const duplicatesBefore = restarts ? [] : await Promise.all(duplicates.map((type) => cluster.metric('saga_messages_total', { type, outcome: 'duplicate' })));

  const sagaId = `saga-${randomUUID()}`;
  await cluster.publish('commands', 'orchestrator', startSagaMessage(sagaId, input));
  expect(await cluster.waitForExit(service)).toEqual({ code: null, signal: 'SIGKILL' });
  await cluster.restart(service);
  armed.delete(service);

  const saga = await cluster.waitForTerminal(sagaId);
  expect(saga['status'], cluster.output()).toBe(ending);
  await eventually(async () => {
    for (const [i, type] of duplicates.entries()) {
      expect(await cluster.metric('saga_messages_total', { type, outcome: 'duplicate' }), `${type} duplicates`).toBeGreaterThan(duplicatesBefore[i] ?? 0);
    }
  });
  return { saga, input, stockBefore };
}

async function expectEveryEffectOnce(ending: Ending, { saga, input, stockBefore }: Awaited<ReturnType<typeof crashAndRecover>>) {
  const steps = { 'reserve-inventory': 1, 'process-payment': 1, 'create-shipment': 1 };
  const effects = await effectsOf(cluster.db, input);
  if (ending === 'completed') {
    expect(historyCount(saga, 'step-succeeded')).toEqual({ ...steps, 'send-confirmation': 1, 'send-dispatch-notice': 1 });
    expect(await stockOf(cluster.db, 'SKU-BOOK')).toBe(stockBefore - 2);
    expect(effects.account).toMatchObject({ chargedCents: 4998, refundedCents: 0, availableCents: LIMIT_CENTS - 4998 });
    expect(effects.shipmentStatuses).toEqual(['booked']);
    expect(effects.notificationStatuses).toEqual(['sent']);
    expect(effects.dispatchNoticeStatuses).toEqual(['sent']);
  } else {
    expect(historyCount(saga, 'step-succeeded')).toEqual(steps);
    expect(historyCount(saga, 'step-compensated')).toEqual(steps);
    expect(await stockOf(cluster.db, 'SKU-BOOK')).toBe(stockBefore);
    expect(effects.account).toMatchObject({ chargedCents: 0, refundedCents: 4998, availableCents: LIMIT_CENTS });
    expect(effects.shipmentStatuses).toEqual(['cancelled']);
    expect(effects.notificationStatuses).not.toContain('sent');
  }
}

const cases: Array<CrashCase & { what: string }> = [
  // The StartSaga is redelivered; ReserveInventory goes out from the outbox on restart.
  { what: 'saga created, first command not sent', service: 'orchestrator-1', at: 'orchestrator:after-commit', ending: 'completed', duplicates: ['StartSaga'] },
  // ProcessPayment went out but stayed in the outbox: it is sent again with the same id, so payment answers twice.
  { what: 'ProcessPayment sent, outbox not cleared', service: 'orchestrator-1', at: 'orchestrator:after-publish@2', ending: 'completed', duplicates: ['InventoryReserved', 'PaymentProcessed'] },
  { what: 'PaymentProcessed applied, not acked', service: 'orchestrator-1', at: 'orchestrator:before-ack@3', ending: 'completed', duplicates: ['PaymentProcessed'] },
  { what: 'compensating: ShipmentCancelled applied, RefundPayment not sent', service: 'orchestrator-1', at: 'orchestrator:after-commit@6', ending: 'compensated', duplicates: ['ShipmentCancelled'] },
  { what: 'compensating: RefundPayment sent, outbox not cleared', service: 'orchestrator-1', at: 'orchestrator:after-publish@6', ending: 'compensated', duplicates: ['ShipmentCancelled', 'PaymentRefunded'] },
  { what: 'compensating: PaymentRefunded applied, not acked', service: 'orchestrator-1', at: 'orchestrator:before-ack@7', ending: 'compensated', duplicates: ['PaymentRefunded'] },
  // after-effect: the command comes back and the ledger answers with the recorded outcome; the orchestrator sees one reply.
  { what: 'stock reserved, no reply', service: 'inventory', at: 'participant:after-effect', ending: 'completed', duplicates: [] },
  { what: 'InventoryReserved sent, command not acked', service: 'inventory', at: 'participant:after-reply', ending: 'completed', duplicates: ['InventoryReserved'] },
  { what: 'charged, no reply', service: 'payment', at: 'participant:after-effect', ending: 'completed', duplicates: [] },
  { what: 'PaymentProcessed sent, command not acked', service: 'payment', at: 'participant:after-reply', ending: 'completed', duplicates: ['PaymentProcessed'] },
  { what: 'compensating: refunded, no reply', service: 'payment', at: 'participant:after-effect@2', ending: 'compensated', duplicates: [] },
  { what: 'compensating: InventoryReleased sent, command not acked', service: 'inventory', at: 'participant:after-reply@2', ending: 'compensated', duplicates: ['InventoryReleased'] },
];

describe('recovery after kill -9 at a crash point', () => {
  const titled = cases.map((c) => [`${c.service} killed at ${c.at} (${c.what}) ends ${c.ending} with every effect once`, c] as const);
  it.each(titled)('%s', async (_title, crash) => {
    await expectEveryEffectOnce(crash.ending, await crashAndRecover(crash));
  });
});
