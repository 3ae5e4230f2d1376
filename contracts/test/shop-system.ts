import { z } from 'zod';
import { CompensationOutcome, FailureReason, defineMessage, defineSystem } from '../src/index.ts';

/**
 * A two-participant system that exists only for the framework's own tests: the framework packages
 * must work for any team's system, so they are tested on one that is not the demo's.
 */
const Reserve = z.object({ sku: z.string(), quantity: z.int().min(1) });
const Charge = z.object({ cents: z.int().min(1) });

export const shop = defineSystem({
  name: 'shop',
  title: 'A shop, for the framework tests',
  participants: ['stock', 'billing'],
  messages: {
    Reserve: defineMessage({ type: 'Reserve', version: 1, kind: 'command', from: 'orchestrator', to: 'stock', payload: Reserve, description: 'Reserve stock.', example: { sku: 'A', quantity: 1 } }),
    Reserved: defineMessage({ type: 'Reserved', version: 1, kind: 'reply', from: 'stock', to: 'orchestrator', answers: 'Reserve', outcome: 'succeeded', payload: z.object({ id: z.string() }), description: 'Reserved.', example: { id: 'r-1' } }),
    ReserveRefused: defineMessage({ type: 'ReserveRefused', version: 1, kind: 'reply', from: 'stock', to: 'orchestrator', answers: 'Reserve', outcome: 'failed', payload: FailureReason, description: 'No stock.', example: { code: 'NO_STOCK', reason: 'none left', retryable: false } }),
    Release: defineMessage({ type: 'Release', version: 1, kind: 'command', from: 'orchestrator', to: 'stock', payload: z.object({ sku: z.string() }), description: 'Release stock.', example: { sku: 'A' } }),
    Released: defineMessage({ type: 'Released', version: 1, kind: 'reply', from: 'stock', to: 'orchestrator', answers: 'Release', outcome: 'compensated', payload: CompensationOutcome, description: 'Released.', example: { outcome: 'compensated' } }),
    Charge: defineMessage({ type: 'Charge', version: 1, kind: 'command', from: 'orchestrator', to: 'billing', payload: Charge, description: 'Charge.', example: { cents: 100 } }),
    Charged: defineMessage({ type: 'Charged', version: 1, kind: 'reply', from: 'billing', to: 'orchestrator', answers: 'Charge', outcome: 'succeeded', payload: z.object({ receipt: z.string() }), description: 'Charged.', example: { receipt: 'c-1' } }),
    ChargeDeclined: defineMessage({ type: 'ChargeDeclined', version: 1, kind: 'reply', from: 'billing', to: 'orchestrator', answers: 'Charge', outcome: 'failed', payload: FailureReason, description: 'Declined.', example: { code: 'DECLINED', reason: 'no', retryable: false } }),
  },
});
