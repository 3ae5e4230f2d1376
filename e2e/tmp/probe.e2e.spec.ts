import { randomUUID } from 'node:crypto';
import { it } from 'vitest';
import { startSystem } from '../system.ts';
import { orderInput, startSagaMessage } from '../support/orders.ts';

it('probe', { timeout: 120_000 }, async () => {
  const system = await startSystem();
  try {
    for (let i = 0; i < 3; i += 1) {
      const sagaId = `saga-${randomUUID()}`;
      const t0 = Date.now();
      await system.publish('commands', 'orchestrator', startSagaMessage(sagaId, orderInput()));
      const saga = await system.waitForTerminal(sagaId);
      const h = saga['history'] as Array<{ at: string; event: string; step?: string }>;
      const base = Date.parse(h[0]!.at);
      console.log(`total ${Date.now() - t0} ms; start at +${base - t0}`, h.map((e) => `${e.event}${e.step ? ':' + e.step : ''}@${Date.parse(e.at) - base}`).join(' '));
    }
  } finally {
    await system.stop();
  }
});
