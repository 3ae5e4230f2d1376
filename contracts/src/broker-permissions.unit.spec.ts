import { describe, expect, it } from 'vitest';
import { brokerPermissions, serviceAccounts, serviceUsername } from './broker-permissions.ts';

const matches = (regex: string, name: string) => new RegExp(regex).test(name);

describe('broker permissions', () => {
  const payment = brokerPermissions('saga', 'payment');
  const orchestrator = brokerPermissions('saga', 'orchestrator');

  it('names one user per service after the namespace', () => {
    expect(serviceUsername('saga', 'payment')).toBe('saga-payment');
    expect(serviceAccounts('t1').map((a) => a.username)).toEqual(['t1-orchestrator', 't1-inventory', 't1-payment', 't1-shipping', 't1-notification']);
  });

  it('lets a participant consume its own command queue and nothing else', () => {
    expect(matches(payment.read, 'saga.payment.commands')).toBe(true);
    for (const other of ['saga.inventory.commands', 'saga.orchestrator.p0', 'saga.dead-letter', 'saga.replies', 'saga.payment.commandsX', 'other.payment.commands']) {
      expect(matches(payment.read, other)).toBe(false);
    }
  });

  it('lets a participant publish replies and dead letters but not commands', () => {
    expect(matches(payment.write, 'saga.replies')).toBe(true);
    expect(matches(payment.write, 'saga.dead-letter')).toBe(true);
    expect(matches(payment.write, 'saga.commands')).toBe(false);
    expect(matches(payment.write, 'sagaXreplies')).toBe(false);
  });

  it('gives a participant no configure permission at all', () => {
    expect(payment.configure).toBe('^$');
  });

  it('lets the orchestrator declare its namespace only', () => {
    expect(matches(orchestrator.configure, 'saga.orchestrator.p3')).toBe(true);
    expect(matches(orchestrator.configure, 'saga.commands')).toBe(true);
    expect(matches(orchestrator.configure, 'sagax.commands')).toBe(false);
    expect(matches(orchestrator.configure, 'other.commands')).toBe(false);
  });

  it('lets the orchestrator publish to its exchanges and bind every queue of the namespace', () => {
    for (const name of ['saga.commands', 'saga.replies', 'saga.dead-letter', 'saga.orchestrator.commands', 'saga.orchestrator.p0', 'saga.payment.commands']) {
      expect(matches(orchestrator.write, name)).toBe(true);
    }
    expect(matches(orchestrator.write, 'other.commands')).toBe(false);
  });

  it('lets the orchestrator consume its own queues, partitions included', () => {
    for (const name of ['saga.orchestrator.commands', 'saga.orchestrator.replies', 'saga.orchestrator.p0', 'saga.orchestrator.p15']) {
      expect(matches(orchestrator.read, name)).toBe(true);
    }
    expect(matches(orchestrator.read, 'other.orchestrator.p0')).toBe(false);
  });

  it('lets the orchestrator read the participant queues it declares, as RabbitMQ demands for a queue with a dead-letter exchange', () => {
    expect(matches(orchestrator.read, 'saga.payment.commands')).toBe(true);
  });

  it('escapes namespaces so a dash or dot is literal', () => {
    const p = brokerPermissions('a-b', 'inventory');
    expect(matches(p.read, 'a-b.inventory.commands')).toBe(true);
    expect(matches(p.read, 'a-bXinventory.commands')).toBe(false);
  });
});
