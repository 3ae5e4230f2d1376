// Needs running: RabbitMQ and rabbitmqctl on this machine (it imports two users and deletes them).
import { orderSystem } from '../order-fulfilment/contracts/src/index.ts';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { testNamespace } from '../runtime/src/testing/index.ts';
import { rabbitDefinitions } from './lib/rabbitmq-definitions.ts';

const ns = testNamespace('defs');
const imported: string[] = [];

afterAll(() => {
  for (const user of imported) execFileSync('rabbitmqctl', ['-q', 'delete_user', user], { stdio: 'ignore' });
});

describe('the generated definitions', () => {
  it('carry password hashes RabbitMQ accepts', () => {
    const all = rabbitDefinitions(orderSystem, ns, (service) => `pw-${service}`) as { users: Array<{ name: string }>; permissions: Array<{ user: string }> };
    // Only the users and permissions of this test namespace: guest and any topology stay untouched.
    const users = all.users.filter((u) => u.name.startsWith(`${ns}-`) && /-(payment|orchestrator)$/.test(u.name));
    const definitions = JSON.stringify({ users, permissions: all.permissions.filter((p) => users.some((u) => u.name === p.user)) });
    imported.push(...users.map((u) => u.name));
    // On stdin: the broker node, not this process, would read a file path (and may not see our /tmp).
    execFileSync('rabbitmqctl', ['-q', 'import_definitions'], { input: definitions, stdio: ['pipe', 'ignore', 'pipe'] });
    const authenticate = (password: string) => execFileSync('rabbitmqctl', ['-q', 'authenticate_user', `${ns}-payment`, password], { stdio: 'pipe' });
    expect(() => authenticate('pw-payment')).not.toThrow();
    expect(() => authenticate('wrong')).toThrow();
  });
});
