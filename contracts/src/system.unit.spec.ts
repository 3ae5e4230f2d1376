import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { shop } from '../test/shop-system.ts';
import { defineMessage } from './define-message.ts';
import { FailureReason } from './failure.ts';
import { defineSystem } from './system.ts';
import { topology } from './topology.ts';

const command = (type: string, to: string) => defineMessage({ type, version: 1, kind: 'command', from: 'orchestrator', to, payload: z.object({}), description: type, example: {} });
const reply = (type: string, from: string, answers: string, outcome: 'succeeded' | 'failed' = 'succeeded') =>
  outcome === 'failed'
    ? defineMessage({ type, version: 1, kind: 'reply', from, to: 'orchestrator', answers, outcome, payload: FailureReason, description: type, example: { code: 'NO', reason: 'no' } })
    : defineMessage({ type, version: 1, kind: 'reply', from, to: 'orchestrator', answers, outcome, payload: z.object({}), description: type, example: {} });

describe('a system described once', () => {
  it('adds the framework messages to its own and finds every contract by type', () => {
    expect(Object.keys(shop.messages)).toEqual(expect.arrayContaining(['StartSaga', 'WakeSaga', 'OperatorCommand', 'CommandExpired', 'Reserve', 'Charged']));
    expect(shop.message('Reserve')?.to).toBe('stock');
    expect(shop.message('ReserveInventory')).toBeUndefined();
    expect(shop.repliesTo('Charge').map((r) => r.type)).toEqual(['Charged', 'ChargeDeclined']);
    expect(shop.services).toEqual(['orchestrator', 'stock', 'billing']);
  });

  it('gives each participant its command queue in the topology', () => {
    const names = topology(shop, 'shop');
    expect(Object.keys(names.queues.participants)).toEqual(['stock', 'billing']);
    expect(names.bindings).toContainEqual({ exchange: 'shop.commands', queue: 'shop.billing.commands', routingKey: 'billing' });
  });

  it('every example satisfies its own schema', () => {
    for (const contract of shop.messageList) expect(contract.payload.safeParse(contract.example).success, contract.type).toBe(true);
  });

  it('refuses a description that cannot work, listing every problem', () => {
    const attempt = () =>
      defineSystem({
        name: 'Bad Name',
        participants: ['stock', 'orchestrator'],
        messages: {
          Reserve: command('Reserve', 'warehouse'),
          Wrong: command('Other', 'stock'),
          Orphan: reply('Orphan', 'stock', 'Nothing'),
          Stolen: reply('Stolen', 'billing', 'Reserve'),
          StartSaga: command('StartSaga', 'stock'),
        },
      });
    expect(attempt).toThrow(/kebab-case/);
    let message = '';
    try {
      attempt();
    } catch (error) {
      message = (error as Error).message;
    }
    for (const problem of [
      '"orchestrator" cannot be a participant\'s name',
      'message Reserve: sent to warehouse, which is not a participant',
      'message Wrong: registered under another name than its type Other',
      'message Orphan: answers Nothing, which is not a command of the system',
      'message Stolen: sent by billing, but Reserve is handled by warehouse',
      'message StartSaga: the framework already defines StartSaga',
      'message Wrong: no reply says it succeeded',
    ]) {
      expect(message).toContain(problem);
    }
  });
});
