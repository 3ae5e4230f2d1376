import { serviceUsername, type AnySystem } from '../../contracts/src/index.ts';
import { DEV_PASSWORD } from './rabbitmq-definitions.ts';
import { startEntries } from './start-entries.ts';
import type { SystemLayout } from './system-layout.ts';

/** One app service of docker-compose.yml, as data (the file adds the shared `x-app` settings). */
export interface ComposeAppService {
  name: string;
  command: string[];
  /** On top of the shared `x-app-env`. */
  environment: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[]; interval: string; timeout: string; retries: number; start_period: string };
}

export interface ComposeServiceOptions {
  /** The namespace the services share, as in docker/rabbitmq/definitions.json. @default 'saga' */
  namespace?: string;
  /** Every service user's password; the definitions file carries the same. @default DEV_PASSWORD */
  password?: string;
  /** The orchestrator's HTTP port, inside the container and on the host. @default 3000 */
  httpPort?: number;
}

/**
 * The compose services of a system: the orchestrator and one per participant of its description,
 * each from its layout's entry file and connecting as its own RabbitMQ user (the users
 * docker/rabbitmq/definitions.json creates). Participants only verify the topology: they may not
 * declare it, the broker already has it from the definitions.
 */
export function composeServices(system: Pick<AnySystem, 'services'>, layout: SystemLayout, options: ComposeServiceOptions = {}): ComposeAppService[] {
  const { namespace = 'saga', password = DEV_PASSWORD, httpPort = 3000 } = options;
  return startEntries(system, layout).map(({ service, entry }): ComposeAppService => {
    const amqpUrl = `amqp://${serviceUsername(namespace, service)}:${password}@rabbitmq:5672`;
    const command = ['node', entry];
    if (service !== 'orchestrator') return { name: service, command, environment: { AMQP_URL: amqpUrl, AMQP_TOPOLOGY: 'verify' } };
    return {
      name: service,
      command,
      environment: { AMQP_URL: amqpUrl, HTTP_PORT: String(httpPort), HTTP_HOST: '0.0.0.0' },
      ports: [`${httpPort}:${httpPort}`],
      healthcheck: {
        test: ['CMD', 'node', '-e', `fetch('http://127.0.0.1:${httpPort}/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`],
        interval: '10s',
        timeout: '5s',
        retries: 6,
        start_period: '10s',
      },
    };
  });
}

/** The services as the lines of docker-compose.yml's generated section (indented under `services:`). */
export function renderComposeServices(services: readonly ComposeAppService[]): string {
  return services.map(renderService).join('\n');
}

function renderService(s: ComposeAppService): string {
  const lines = [`  ${s.name}:`, '    <<: *app', `    command: ${flow(s.command)}`, '    environment:', '      <<: *app-env'];
  for (const [key, value] of Object.entries(s.environment)) lines.push(`      ${key}: ${scalar(value)}`);
  if (s.ports) lines.push('    ports:', ...s.ports.map((p) => `      - ${JSON.stringify(p)}`));
  if (s.healthcheck) {
    const { test, ...rest } = s.healthcheck;
    lines.push('    healthcheck:', "      # node:24-slim has no curl or wget; Node's fetch does the same job.", `      test: ${flow(test)}`, ...Object.entries(rest).map(([k, v]) => `      ${k}: ${v}`));
  }
  return `${lines.join('\n')}\n`;
}

/** A flow sequence of quoted strings, as JSON writes it (valid YAML) but spaced as people do. */
function flow(items: readonly string[]): string {
  return `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;
}

/** Plain when YAML would read it back as the same string, else quoted (JSON is valid YAML). */
function scalar(value: string): string {
  const plain = /^[A-Za-z][\w.:/@-]*$/.test(value) && !/^(true|false|yes|no|on|off|null)$/i.test(value);
  return plain || /^\d+(\.\d+){3}$/.test(value) ? value : JSON.stringify(value);
}
