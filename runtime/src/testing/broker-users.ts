import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { serviceUsername } from '@saga/contracts';

const SCRIPT = join(import.meta.dirname, '../../../scripts/rabbitmq-users.sh');

export interface ServiceUsers {
  /** The AMQP URL a service of the namespace connects with, as its least-privilege user. */
  url(service: string): string;
  username(service: string): string;
  /** Deletes the users again. */
  remove(): void;
}

/**
 * Creates the namespace's least-privilege broker users with scripts/rabbitmq-users.sh (needs
 * rabbitmqctl on this machine and permission to run it), with a random password per run.
 * `systemModule` is a module exporting the system whose services get users (an absolute path);
 * without it, the script's default system.
 */
export function createServiceUsers(namespace: string, baseUrl: string, systemModule?: string): ServiceUsers {
  const password = randomBytes(12).toString('hex');
  // The script asks node for the permission regexes: the same node that runs the tests.
  const env = {
    ...process.env,
    PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
    RABBITMQ_SERVICE_PASSWORD: password,
    ...(systemModule ? { SAGA_SYSTEM_MODULE: systemModule } : {}),
  };
  execFileSync('bash', [SCRIPT, namespace], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  return {
    username: (service) => serviceUsername(namespace, service),
    url(service) {
      const url = new URL(baseUrl);
      url.username = serviceUsername(namespace, service);
      url.password = password;
      return url.toString();
    },
    remove: () => execFileSync('bash', [SCRIPT, namespace, '--delete'], { env, stdio: 'ignore' }),
  };
}
