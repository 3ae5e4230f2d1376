import type { Options } from 'amqplib';
import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../message-bus.ts';
import { PUBLISH_TOKEN_HEADER, rabbitPublish } from './rabbit-publish.ts';
import { ReturnedPublishes } from './returned-publishes.ts';

type Outcome = 'confirm' | 'return-then-confirm' | 'return-then-nack' | 'nack';

/**
 * A confirm channel that answers each publish as scripted, the way RabbitMQ does: a basic.return
 * (if any) first, then the confirm or the nack. It keeps the token of every publish, so a test can
 * deliver a late return.
 */
function scriptedChannel(script: Outcome[]) {
  const returned = new ReturnedPublishes();
  const tokens: string[] = [];
  const sent: Options.Publish[] = [];
  const channel = {
    async publish(_exchange: string, _routingKey: string, _body: Buffer, options: Options.Publish) {
      const token = String(options.headers?.[PUBLISH_TOKEN_HEADER]);
      tokens.push(token);
      sent.push(options);
      const outcome = script.shift() ?? 'confirm';
      if (outcome.startsWith('return')) returned.mark(token);
      if (outcome.endsWith('nack')) throw new Error('test: nacked');
    },
  };
  return { channel, returned, tokens, sent };
}

const user = { username: 'guest' };
const message = (): OutgoingMessage => ({
  exchange: 'tpublish.commands',
  routingKey: 'payment',
  body: Buffer.from('{}'),
  properties: { messageId: 'message-1', type: 'ProcessPayment', headers: { 'x-schema-version': 1 } },
});

describe('a RabbitMQ publish and its basic.return', () => {
  it('reports a returned publish as not sent', async () => {
    const { channel, returned } = scriptedChannel(['return-then-confirm']);
    await expect(rabbitPublish(channel, returned, message(), user)).rejects.toMatchObject({ code: 'ERR_PUBLISH_FAILED', message: expect.stringContaining('returned') });
  });

  it('does not report a later confirmed re-send as returned when the first publish was returned and then nacked', async () => {
    const { channel, returned } = scriptedChannel(['return-then-nack', 'confirm']);
    await expect(rabbitPublish(channel, returned, message(), user)).rejects.toMatchObject({ code: 'ERR_PUBLISH_FAILED', message: expect.stringContaining('not confirmed') });
    await expect(rabbitPublish(channel, returned, message(), user)).resolves.toBeUndefined();
    expect(returned.size).toBe(0);
  });

  it('forgets a return that arrives for a publish no longer in flight (after its confirm timed out)', async () => {
    const { channel, returned, tokens } = scriptedChannel(['nack', 'confirm']);
    await expect(rabbitPublish(channel, returned, message(), user)).rejects.toMatchObject({ code: 'ERR_PUBLISH_FAILED' });
    // The broker's basic.return for the timed-out publish comes in late.
    returned.mark(tokens[0]!);
    expect(returned.size).toBe(0);
    await expect(rabbitPublish(channel, returned, message(), user)).resolves.toBeUndefined();
  });

  it('tells two publishes of one messageId apart: only the returned one fails', async () => {
    const { channel, returned } = scriptedChannel(['return-then-confirm', 'confirm']);
    const results = await Promise.allSettled([rabbitPublish(channel, returned, message(), user), rabbitPublish(channel, returned, message(), user)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
  });

  it('publishes persistent and mandatory, as the connection user, keeping the given properties', async () => {
    const { channel, returned, sent } = scriptedChannel(['confirm']);
    await rabbitPublish(channel, returned, message(), user);
    expect(sent[0]).toMatchObject({ persistent: true, mandatory: true, userId: 'guest', messageId: 'message-1', type: 'ProcessPayment', headers: { 'x-schema-version': 1 } });
  });

  it('refuses a body over the size limit before it reaches the channel', async () => {
    const { channel, returned, sent } = scriptedChannel([]);
    await expect(rabbitPublish(channel, returned, { ...message(), body: Buffer.alloc(2048) }, { username: 'guest', maxMessageBytes: 1024 })).rejects.toMatchObject({
      code: 'ERR_MESSAGE_TOO_LARGE',
      message: expect.stringContaining('ProcessPayment is 2048 bytes'),
    });
    expect(sent).toEqual([]);
  });
});
