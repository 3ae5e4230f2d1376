/**
 * The sagas of a chaos run: each gets a script (how its participants behave) and the outcome that
 * script must end in, whatever faults are injected around it. Pure and seeded: the same seed gives
 * the same sagas, scripts and fault schedule.
 */
import type { FaultPlanFile } from '@saga/runtime';

export const STEPS = ['reserve-inventory', 'process-payment', 'create-shipment', 'send-confirmation'] as const;
export const COMPENSATABLE = ['reserve-inventory', 'process-payment', 'create-shipment'] as const;
export type Expected = 'completed' | 'compensated' | 'parked';

export type Script =
  | { kind: 'success' }
  | { kind: 'business-failure'; step: number }
  | { kind: 'transient-action'; step: number }
  | { kind: 'lost-action'; step: number }
  | { kind: 'slow-participant'; step: number }
  | { kind: 'compensation-fails'; times: number; failAt: number; compensate: number }
  | { kind: 'compensation-never-works'; failAt: number; compensate: number };

export interface ChaosSaga {
  sagaId: string;
  script: Script;
  expected: Expected;
  input: {
    orderId: string;
    customerId: string;
    email: string;
    items: { sku: string; quantity: number }[];
    amount: { cents: number; currency: string };
    shippingAddress: { name: string; line1: string; city: string; postalCode: string; country: string };
  };
}

/** mulberry32: a small, fast, well-mixed seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** Stock the run seeds: plenty of SKU-BOOK, none of SKU-GONE (a business failure at step 1). */
export const CHAOS_STOCK = { 'SKU-BOOK': 100_000, 'SKU-GONE': 0 };
export const CHAOS_LIMIT_CENTS = 100_000;
/** Longer than an attempt's window (start within 4 s, answer within 2 s): the first attempt's reply arrives after the retry was sent. */
export const SLOW_MS = 7_000;

/**
 * Timeouts and budgets for the run: short enough to converge quickly, big enough that the
 * injected infrastructure faults (a service down for a couple of seconds) never exhaust a budget —
 * only a script can make a saga fail or park.
 */
export const CHAOS_POLICY = {
  // A command must start within 4 s (a participant restarting takes a couple of seconds) and answer within 2 s more.
  policy: { timeoutMs: 2_000, startWithinMs: 4_000, retry: { maxAttempts: 8, initialDelayMs: 200, maxDelayMs: 2_000, multiplier: 2, jitter: 0.2, maxElapsedMs: 120_000 } },
  compensationPolicy: { timeoutMs: 2_000, startWithinMs: 4_000, retry: { maxAttempts: 8, initialDelayMs: 200, maxDelayMs: 2_000, multiplier: 2, jitter: 0.2, maxElapsedMs: 120_000 } },
  deadlineMs: 600_000,
};

const SCRIPT_KINDS: readonly Script['kind'][] = [
  'success',
  'success',
  'business-failure',
  'transient-action',
  'lost-action',
  'slow-participant',
  'compensation-fails',
  'compensation-never-works',
];

export function buildSagas(seed: number, count: number, runId: string): ChaosSaga[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const id = `${runId}-${i}`;
    const kind = pick(random, SCRIPT_KINDS);
    const script = scriptOf(kind, random);
    return { sagaId: `chaos-${id}`, script, expected: expectedOf(script), input: inputFor(id, script) };
  });
}

function scriptOf(kind: Script['kind'], random: () => number): Script {
  switch (kind) {
    case 'success':
      return { kind };
    case 'business-failure':
      return { kind, step: int(random, 0, 3) };
    case 'transient-action':
    case 'lost-action':
    case 'slow-participant':
      return { kind, step: int(random, 0, 3) };
    case 'compensation-fails':
    case 'compensation-never-works': {
      // A business failure at a later step makes the saga compensate the chosen earlier step.
      const failAt = int(random, 1, 3);
      const compensate = int(random, 0, failAt - 1);
      return kind === 'compensation-fails' ? { kind, times: int(random, 1, 3), failAt, compensate } : { kind, failAt, compensate };
    }
  }
}

function expectedOf(script: Script): Expected {
  if (script.kind === 'business-failure' || script.kind === 'compensation-fails') return 'compensated';
  if (script.kind === 'compensation-never-works') return 'parked';
  return 'completed';
}

/** The business data that makes the participant at `step` refuse: no stock, over the limit, an unserved country, a suppressed address. */
function inputFor(id: string, script: Script): ChaosSaga['input'] {
  const failAt = script.kind === 'business-failure' ? script.step : 'failAt' in script ? script.failAt : -1;
  return {
    orderId: `order-${id}`,
    customerId: `customer-${id}`,
    email: failAt === 3 ? `buyer-${id}@blocked.example` : `buyer-${id}@example.com`,
    items: [{ sku: failAt === 0 ? 'SKU-GONE' : 'SKU-BOOK', quantity: 1 }],
    amount: { cents: failAt === 1 ? CHAOS_LIMIT_CENTS * 10 : 1_000, currency: 'EUR' },
    shippingAddress: { name: 'Chaos Monkey', line1: '1 Loopback Road', city: 'Localhost', postalCode: '12345', country: failAt === 2 ? 'AQ' : 'GB' },
  };
}

/** The participants' fault plan (SAGA_FAULT_PLAN) for these sagas. */
export function faultPlan(sagas: readonly ChaosSaga[]): FaultPlanFile {
  const plan: FaultPlanFile = {};
  for (const { sagaId, script } of sagas) {
    switch (script.kind) {
      case 'transient-action':
        plan[sagaId] = { [STEPS[script.step]!]: { failAction: 2 } };
        break;
      case 'lost-action':
        plan[sagaId] = { [STEPS[script.step]!]: { loseAction: 1 } };
        break;
      case 'slow-participant':
        plan[sagaId] = { [STEPS[script.step]!]: { delayActionMs: SLOW_MS } };
        break;
      case 'compensation-fails':
        plan[sagaId] = { [COMPENSATABLE[script.compensate]!]: { failCompensation: script.times } };
        break;
      case 'compensation-never-works':
        plan[sagaId] = { [COMPENSATABLE[script.compensate]!]: { failCompensation: 1_000 } };
        break;
      default:
        break;
    }
  }
  return plan;
}
