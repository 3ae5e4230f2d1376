import { describe, expect, it } from 'vitest';
import { topology } from '@saga/contracts';
import { createEnvelope } from '../envelope-factory.ts';
import { createLogger } from '../logger.ts';
import type { Broker } from './broker.ts';
import { publishEnvelope } from './publish.ts';
import { ReturnedPublishes } from './returned-publishes.ts';

type Outcome = 'confirm' | 'return-then-confirm' | 'return-then-nack' | 'nack';

/**
 * A broker whose publish channel answers each publish as scripted, the way a confirm channel does:
 * a basic.return (if any) first, then the confirm or the nack.
 */
function scriptedBroker(script: Outcome[]) {
  const returned = new ReturnedPublishes();
  const publishChannel = {
    async publish(_exchange: string, _routingKey: string, _body: Buffer, options: { messageId?: string }) {
      const outcome = script.shift() ?? 'confirm';
      if (outcome.startsWith('return')) returned.mark(String(options.messageId));
      if (outcome.endsWith('nack')) throw new Error('test: nacked');
    },
  };
  const broker = { publishChannel, returned, topology: topology('tpublish'), topologyMode: 'declare', username: 'guest', logger: createLogger({ name: 'publish-spec', level: 'silent' }) };
  return broker as unknown as Broker;
}

const to = { exchange: 'tpublish.commands', routingKey: 'payment' };
const envelope = () => createEnvelope({ type: 'ProcessPayment', schemaVersion: 1, correlationId: 'saga-1', step: 'process-payment', payload: {} });

describe('publishEnvelope and returned publishes', () => {
  it('reports a returned publish as not sent', async () => {
    const broker = scriptedBroker(['return-then-confirm']);
    await expect(publishEnvelope(broker, to, envelope())).rejects.toMatchObject({ code: 'ERR_PUBLISH_FAILED', message: expect.stringContaining('returned') });
  });

  it('does not report a later confirmed re-send as returned when the first publish was returned and then nacked', async () => {
    const broker = scriptedBroker(['return-then-nack', 'confirm']);
    const message = envelope();
    await expect(publishEnvelope(broker, to, message)).rejects.toMatchObject({ code: 'ERR_PUBLISH_FAILED', message: expect.stringContaining('not confirmed') });
    await expect(publishEnvelope(broker, to, message)).resolves.toBeUndefined();
    expect(broker.returned.size).toBe(0);
  });

  it('forgets a return that arrives for a publish no longer in flight (after its confirm timed out)', async () => {
    const broker = scriptedBroker(['nack', 'confirm']);
    const message = envelope();
    await expect(publishEnvelope(broker, to, message)).rejects.toMatchObject({ code: 'ERR_PUBLISH_FAILED' });
    // The broker's basic.return for the timed-out publish comes in late.
    broker.returned.mark(message.messageId);
    expect(broker.returned.size).toBe(0);
    await expect(publishEnvelope(broker, to, message)).resolves.toBeUndefined();
  });
});
