import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import amqplib from 'amqplib';
import { SagaId } from '@saga/contracts';

const USAGE = `Usage:
  pnpm saga start <input.json> [--type order-fulfilment] [--id <sagaId>] [--key <idempotencyKey>]
  pnpm saga show <sagaId>
  pnpm saga watch <sagaId> [--timeout 60]     wait until the saga ends, then show it
  pnpm saga list [--status running|compensating|parked|completed|compensated|failed|resolved] [--type <sagaType>]
Environment: ORCHESTRATOR_URL (default http://127.0.0.1:3000), AMQP_URL, SAGA_NAMESPACE (default saga)
start posts to the orchestrator's API (POST /sagas); when the API does not answer, it publishes
the StartSaga on the broker instead.`;

const env = {
  amqpUrl: process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672',
  namespace: process.env['SAGA_NAMESPACE'] ?? 'saga',
  api: process.env['ORCHESTRATOR_URL'] ?? 'http://127.0.0.1:3000',
};

class UsageError extends Error {}

/**
 * Starts a saga: POST /sagas when the orchestrator's API answers (the sandbox has no broker, and the
 * real orchestrator takes the same route for both), else one StartSaga JSON message on the commands
 * exchange, the way any AMQP client would.
 */
async function start(file: string, type: string, sagaId: string, key: string | undefined): Promise<void> {
  if (!SagaId.safeParse(sagaId).success) throw new UsageError('--id must be 1-100 characters of A-Z, a-z, 0-9, "_" or "-"');
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  const payload = { sagaType: type, sagaId, ...(key ? { idempotencyKey: key } : {}), input };
  const started = await startOverHttp(payload);
  if (started) {
    process.stdout.write(`${started}\n`);
    return;
  }
  const message = { messageId: randomUUID(), type: 'StartSaga', schemaVersion: 1, occurredAt: new Date().toISOString(), payload };
  const connection = await amqplib.connect(env.amqpUrl).catch((error: unknown) => {
    throw new Error(`neither the orchestrator's API at ${env.api} nor the broker answers (${(error as Error).message}); is the system (or the sandbox) running?`);
  });
  try {
    const channel = await connection.createConfirmChannel();
    channel.publish(`${env.namespace}.commands`, 'orchestrator', Buffer.from(JSON.stringify(message)), {
      persistent: true,
      contentType: 'application/json',
      messageId: message.messageId,
    });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
  process.stdout.write(`${sagaId}\n`);
}

/** The saga id from POST /sagas; undefined when the API does not answer or has no such endpoint (an older orchestrator: 405). */
async function startOverHttp(payload: Record<string, unknown>): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(`${env.api}/sagas`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  } catch {
    return undefined;
  }
  if (response.status === 405 || response.status === 404) return undefined;
  const body = (await response.json().catch(() => ({}))) as { sagaId?: string; error?: string; status?: string; existing?: boolean };
  if (!response.ok || !body.sagaId) throw new UsageError(`${response.status}: ${body.error ?? 'the orchestrator refused the saga'}`);
  if (body.existing) process.stderr.write(`saga ${body.sagaId} existed already (${body.status}); nothing new was started\n`);
  return body.sagaId;
}

async function api(path: string): Promise<unknown> {
  const response = await fetch(`${env.api}${path}`);
  const body = (await response.json()) as { error?: string };
  if (!response.ok) throw new UsageError(`${response.status}: ${body.error ?? 'request failed'}`);
  return body;
}

interface SagaView {
  sagaId: string;
  sagaType: string;
  status: string;
  failure?: { step: string; code: string; reason: string };
  parked?: { step: string; phase: string; reason: string };
  /** By step name, in the definition's order (schema 2). */
  steps: Record<string, { status: string; action?: { attempt: number }; compensation?: { attempt: number } }>;
}

function print(saga: SagaView): void {
  process.stdout.write(`${saga.sagaId}  ${saga.sagaType}  ${saga.status.toUpperCase()}\n`);
  for (const [name, step] of Object.entries(saga.steps)) {
    const phase = step.compensation ? `compensation attempt ${step.compensation.attempt}` : step.action ? `attempt ${step.action.attempt}` : '';
    process.stdout.write(`  ${name.padEnd(22)} ${step.status.padEnd(13)} ${phase}\n`);
  }
  if (saga.failure) process.stdout.write(`  failed at ${saga.failure.step}: ${saga.failure.code} (${saga.failure.reason})\n`);
  if (saga.parked) process.stdout.write(`  parked at ${saga.parked.step} (${saga.parked.phase}): ${saga.parked.reason} — see POST /sagas/${saga.sagaId}/actions\n`);
}

/** Where `watch` stops: the saga has ended, or waits for an operator. */
const SETTLED = ['completed', 'compensated', 'failed', 'resolved', 'parked'];

async function watch(sagaId: string, timeoutSeconds: number): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const saga = (await api(`/sagas/${encodeURIComponent(sagaId)}`).catch(() => undefined)) as SagaView | undefined;
    if (saga && SETTLED.includes(saga.status)) return print(saga);
    if (Date.now() > deadline) throw new UsageError(`saga ${sagaId} did not end within ${timeoutSeconds}s${saga ? ` (status ${saga.status})` : ''}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      type: { type: 'string', default: 'order-fulfilment' },
      id: { type: 'string' },
      key: { type: 'string' },
      status: { type: 'string' },
      timeout: { type: 'string', default: '60' },
    },
  });
  const [command, arg] = positionals;
  if (command === 'start' && arg) return start(arg, values.type, values.id ?? `saga-${randomUUID()}`, values.key);
  if (command === 'show' && arg) return print((await api(`/sagas/${encodeURIComponent(arg)}`)) as SagaView);
  if (command === 'watch' && arg) return watch(arg, Number(values.timeout));
  if (command === 'list') {
    const query = new URLSearchParams({ ...(values.status ? { status: values.status } : {}), ...(values.type !== 'order-fulfilment' ? { type: values.type } : {}) });
    for (const saga of (await api(`/sagas?${query}`)) as SagaView[]) process.stdout.write(`${saga.sagaId}  ${saga.sagaType}  ${saga.status}\n`);
    return;
  }
  throw new UsageError(USAGE);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 2 : 1);
});
