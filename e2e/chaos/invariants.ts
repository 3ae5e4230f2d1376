/**
 * What must hold once a chaos run has healed and drained, checked against the services' own
 * databases. Each violation is a line of text; none means the run passed.
 */
import type { Db } from 'mongodb';
import { CHAOS_STOCK, COMPENSATABLE, type ChaosSaga } from './scenario.ts';

export interface SagaDocument {
  _id: string;
  status: string;
  parked?: { step: string; phase: string; reason: string };
  steps: Record<string, { status: string }>;
}

/** Which effects a saga must have left applied, from its expected outcome and script. */
function effectsLeft(saga: ChaosSaga): { stock: boolean; charge: boolean; shipment: boolean; notification: boolean } {
  if (saga.expected === 'completed') return { stock: true, charge: true, shipment: true, notification: true };
  if (saga.expected === 'compensated') return { stock: false, charge: false, shipment: false, notification: false };
  // Parked in the compensation of step `compensate`: it and every step before it are still applied.
  const parkedAt = 'compensate' in saga.script ? saga.script.compensate : 0;
  return { stock: parkedAt >= 0, charge: parkedAt >= 1, shipment: parkedAt >= 2, notification: false };
}

export interface InvariantResult {
  violations: string[];
  /** Effects found more often than the outcomes allow: an effect applied twice. */
  excessEffects: number;
}

export async function checkInvariants(sagas: readonly ChaosSaga[], db: (service: string) => Db): Promise<InvariantResult> {
  const violations: string[] = [];
  let excessEffects = 0;
  const documents = await db('orchestrator').collection<SagaDocument>('sagas').find({ _id: { $in: sagas.map((s) => s.sagaId) } }).toArray();
  const byId = new Map(documents.map((d) => [d._id, d]));

  for (const saga of sagas) {
    const doc = byId.get(saga.sagaId);
    if (!doc) {
      violations.push(`${saga.sagaId} (${saga.script.kind}): lost — no saga document`);
      continue;
    }
    if (doc.status !== saga.expected) violations.push(`${saga.sagaId} (${saga.script.kind}): ended ${doc.status}, expected ${saga.expected}`);
    if (doc.status === 'parked' && !doc.parked?.reason) violations.push(`${saga.sagaId}: parked without a reason`);
    if (saga.expected === 'parked' && 'compensate' in saga.script && doc.parked && doc.parked.step !== COMPENSATABLE[saga.script.compensate]) {
      violations.push(`${saga.sagaId}: parked at ${doc.parked.step}, expected ${COMPENSATABLE[saga.script.compensate]}`);
    }
  }

  // Inventory: the stock of SKU-BOOK went down exactly once per saga that keeps its reservation.
  const warehouse = await db('inventory').collection('warehouses').findOne({ _id: 'main' as never });
  const stock = (warehouse?.['stock'] ?? {}) as Record<string, number>;
  const reserved = sagas.filter((s) => s.input.items[0]!.sku === 'SKU-BOOK' && effectsLeft(s).stock).length;
  if ((stock['SKU-BOOK'] ?? 0) < CHAOS_STOCK['SKU-BOOK'] - reserved) excessEffects += CHAOS_STOCK['SKU-BOOK'] - reserved - (stock['SKU-BOOK'] ?? 0);
  if (stock['SKU-BOOK'] !== CHAOS_STOCK['SKU-BOOK'] - reserved) {
    violations.push(`inventory: SKU-BOOK stock is ${stock['SKU-BOOK']}, expected ${CHAOS_STOCK['SKU-BOOK'] - reserved} (${reserved} kept reservations)`);
  }
  if (stock['SKU-GONE'] !== 0) violations.push(`inventory: SKU-GONE stock is ${stock['SKU-GONE']}, expected 0`);

  const accounts = await db('payment').collection('accounts').find({ _id: { $in: sagas.map((s) => s.input.customerId) as never[] } }).toArray();
  const accountOf = new Map(accounts.map((a) => [String(a._id), a]));
  const shipments = await db('shipping').collection('shipments').find({ orderId: { $in: sagas.map((s) => s.input.orderId) } }).toArray();
  const notifications = await db('notification').collection('notifications').find({ orderId: { $in: sagas.map((s) => s.input.orderId) } }).toArray();

  for (const saga of sagas) {
    const left = effectsLeft(saga);
    const charged = Number(accountOf.get(saga.input.customerId)?.['chargedCents'] ?? 0);
    const expectedCharge = left.charge ? saga.input.amount.cents : 0;
    if (charged > expectedCharge) excessEffects += 1;
    if (charged !== expectedCharge) violations.push(`${saga.sagaId}: charged ${charged} cents, expected ${expectedCharge}`);
    const own = shipments.filter((s) => s['orderId'] === saga.input.orderId);
    if (own.length > 1) excessEffects += own.length - 1;
    if (own.length > 1) violations.push(`${saga.sagaId}: ${own.length} shipments for one order`);
    const booked = own.filter((s) => s['status'] === 'booked').length;
    if (booked !== (left.shipment ? 1 : 0)) violations.push(`${saga.sagaId}: ${booked} booked shipment(s), expected ${left.shipment ? 1 : 0}`);
    const sent = notifications.filter((n) => n['orderId'] === saga.input.orderId && n['status'] === 'sent' && n['kind'] !== 'dispatch-notice').length;
    const notices = notifications.filter((n) => n['orderId'] === saga.input.orderId && n['status'] === 'sent' && n['kind'] === 'dispatch-notice').length;
    if (notices > (left.notification ? 1 : 0)) excessEffects += 1;
    if (notices !== (left.notification ? 1 : 0)) violations.push(`${saga.sagaId}: ${notices} dispatch notice(s) sent, expected ${left.notification ? 1 : 0}`);
    if (sent > (left.notification ? 1 : 0)) excessEffects += 1;
    if (sent !== (left.notification ? 1 : 0)) violations.push(`${saga.sagaId}: ${sent} confirmation(s) sent, expected ${left.notification ? 1 : 0}`);
  }
  return { violations, excessEffects };
}
