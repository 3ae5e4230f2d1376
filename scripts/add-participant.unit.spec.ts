// Adding a participant is its folder plus its name in the description: the start list, the compose
// services and the broker users all follow, as shown here on the framework's fixture system.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defineSystem, frameworkMessages, serviceAccounts } from '../contracts/src/index.ts';
import { shop } from '../contracts/test/shop-system.ts';
import { composeFileFor } from './lib/compose-file.ts';
import { composeServices } from './lib/compose-services.ts';
import { DEV_PASSWORD, rabbitDefinitions } from './lib/rabbitmq-definitions.ts';
import { startEntries } from './lib/start-entries.ts';
import { REPO_ROOT, type SystemLayout } from './lib/system-layout.ts';

const ownMessages = Object.fromEntries(Object.entries(shop.messages).filter(([type]) => !Object.hasOwn(frameworkMessages, type)));
const withAudit = defineSystem({ name: 'shop', participants: [...shop.participants, 'audit'], messages: ownMessages });
const layout: SystemLayout = { orchestrator: 'shop/orchestrator/src/main.ts', participant: 'shop/participants/<name>/src/main.ts' };

describe('a participant added to the description', () => {
  it('is started with the others', () => {
    expect(startEntries(shop, layout).map((e) => e.service)).toEqual(['orchestrator', 'stock', 'billing']);
    expect(startEntries(withAudit, layout)).toEqual([
      { service: 'orchestrator', entry: 'shop/orchestrator/src/main.ts' },
      { service: 'stock', entry: 'shop/participants/stock/src/main.ts' },
      { service: 'billing', entry: 'shop/participants/billing/src/main.ts' },
      { service: 'audit', entry: 'shop/participants/audit/src/main.ts' },
    ]);
  });

  it('gets its compose service, connecting as its own broker user', () => {
    const audit = composeServices(withAudit, layout).find((s) => s.name === 'audit');
    expect(audit).toEqual({
      name: 'audit',
      command: ['node', 'shop/participants/audit/src/main.ts'],
      environment: { AMQP_URL: `amqp://saga-audit:${DEV_PASSWORD}@rabbitmq:5672`, AMQP_TOPOLOGY: 'verify' },
    });
    const compose = parse(composeFileFor(withAudit, layout, readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')), { merge: true });
    expect(compose.services.audit).toMatchObject({ command: audit?.command, environment: { ...audit?.environment, MONGO_URL: 'mongodb://mongo:27017' }, depends_on: { rabbitmq: { condition: 'service_healthy' } } });
    expect(Object.keys(compose.services)).not.toContain('payment');
  });

  it('gets its broker user, with permissions for its own queue only', () => {
    expect(serviceAccounts(withAudit, 'saga').map((a) => a.username)).toEqual(['saga-orchestrator', 'saga-stock', 'saga-billing', 'saga-audit']);
    const definitions = rabbitDefinitions(withAudit, 'saga', () => DEV_PASSWORD) as { users: Array<{ name: string }>; permissions: Array<{ user: string; read: string }>; queues: Array<{ name: string }> };
    expect(definitions.users.map((u) => u.name)).toContain('saga-audit');
    const read = definitions.permissions.find((p) => p.user === 'saga-audit')?.read ?? '';
    expect(definitions.queues.map((q) => q.name).filter((q) => new RegExp(read).test(q))).toEqual(['saga.audit.commands']);
  });
});
