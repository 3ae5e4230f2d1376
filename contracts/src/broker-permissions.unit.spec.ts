import { describe, expect, it } from 'vitest';
import { shop } from '../test/shop-system.ts';
import { brokerPermissions, serviceAccounts, serviceUsername } from './broker-permissions.ts';

const matches = (regex: string, name: string) => new RegExp(regex).test(name);

describe('broker permissions', () => {
  const billing = brokerPermissions(shop, 'saga', 'billing');
  const orchestrator = brokerPermissions(shop, 'saga', 'orchestrator');

  it('names one user per service after the namespace', () => {
    expect(serviceUsername('saga', 'billing')).toBe('saga-billing');
    expect(serviceAccounts(shop, 't1').map((a) => a.username)).toEqual(['t1-orchestrator', 't1-stock', 't1-billing']);
  });

  it('lets a participant consume its own command queue and nothing else', () => {
    expect(matches(billing.read, 'saga.billing.commands')).toBe(true);
    for (const other of ['saga.stock.commands', 'saga.orchestrator.p0', 'saga.dead-letter', 'saga.replies', 'saga.billing.commandsX', 'other.billing.commands']) {
      expect(matches(billing.read, other)).toBe(false);
    }
  });

  it('lets a participant publish replies and dead letters but not commands', () => {
    expect(matches(billing.write, 'saga.replies')).toBe(true);
    expect(matches(billing.write, 'saga.dead-letter')).toBe(true);
    expect(matches(billing.write, 'saga.commands')).toBe(false);
    expect(matches(billing.write, 'sagaXreplies')).toBe(false);
  });

  it('gives a participant no configure permission at all', () => {
    expect(billing.configure).toBe('^$');
  });

  it('lets the orchestrator declare its namespace only', () => {
    expect(matches(orchestrator.configure, 'saga.orchestrator.p3')).toBe(true);
    expect(matches(orchestrator.configure, 'saga.commands')).toBe(true);
    expect(matches(orchestrator.configure, 'sagax.commands')).toBe(false);
    expect(matches(orchestrator.configure, 'other.commands')).toBe(false);
  });

  it('lets the orchestrator publish to its exchanges and bind every queue of the namespace', () => {
    for (const name of ['saga.commands', 'saga.replies', 'saga.dead-letter', 'saga.orchestrator.commands', 'saga.orchestrator.p0', 'saga.billing.commands']) {
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
    expect(matches(orchestrator.read, 'saga.billing.commands')).toBe(true);
  });

  it('escapes namespaces so a dash or dot is literal', () => {
    const p = brokerPermissions(shop, 'a-b', 'stock');
    expect(matches(p.read, 'a-b.stock.commands')).toBe(true);
    expect(matches(p.read, 'a-bXstock.commands')).toBe(false);
  });
});
