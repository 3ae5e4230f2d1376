import { readFileSync } from 'node:fs';
import { Parser, type AsyncAPIDocumentInterface } from '@asyncapi/parser';
import { messageList, PARTICIPANTS, repliesTo, topology, type MessageType } from '@saga/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { sagaDefinitions } from '@saga/orchestrator/domain';
import { GENERATED_PATH } from './serialize.ts';

const saga = topology('saga');
const { participants, ...ownQueues } = saga.queues;
const queues = [...Object.values(ownQueues), ...Object.values(participants)];
let document: AsyncAPIDocumentInterface;

beforeAll(async () => {
  const parsed = await new Parser().parse(readFileSync(GENERATED_PATH, 'utf8'));
  if (!parsed.document) throw new Error('the committed document does not parse');
  document = parsed.document;
});

const amqp = (bindings: { get(protocol: string): { value(): unknown } | undefined }) => bindings.get('amqp')?.value() as Record<string, unknown>;
// An exchange and a queue may share a name (saga.dead-letter is both), so a channel is found by both.
const channelAt = (address: string, is: 'queue' | 'routingKey') =>
  document.channels().all().find((c) => c.address() === address && amqp(c.bindings()).is === is);
const operationsOf = (service: string, action: 'send' | 'receive') =>
  document.operations().all().filter((o) => o.action() === action && o.tags().all().some((t) => t.name() === service));

describe('the AsyncAPI document, read as a client would read it', () => {
  it('tells a client where to publish StartSaga: exchange saga.commands, routing key orchestrator', () => {
    const send = document.operations().filterBySend().find((o) => o.messages().all().some((m) => m.name() === 'StartSaga'));
    expect(send?.channels().all()[0]?.address()).toBe('saga.commands');
    expect(amqp(send!.bindings())).toMatchObject({ cc: ['orchestrator'], deliveryMode: 2 });
    expect(amqp(send!.channels().all()[0]!.bindings())).toMatchObject({ is: 'routingKey', exchange: { name: 'saga.commands', type: 'direct' } });
  });

  it('shows StartSaga arriving on queue saga.orchestrator.commands, consumed by the orchestrator', () => {
    const receive = document.operations().filterByReceive().find((o) => o.messages().all().some((m) => m.name() === 'StartSaga'));
    expect(receive?.channels().all()[0]?.address()).toBe('saga.orchestrator.commands');
    expect(receive?.tags().all().map((t) => t.name())).toEqual(['orchestrator']);
  });

  it('documents the whole StartSaga body: envelope header fields with the payload and its input inside', () => {
    const payload = document.messages().all().find((m) => m.name() === 'StartSaga')!.payload()!;
    expect(payload.required()).toEqual(['messageId', 'type', 'schemaVersion', 'occurredAt', 'payload']);
    expect(payload.properties()?.type?.const()).toBe('StartSaga');
    expect(payload.properties()?.schemaVersion?.const()).toBe(1);
    expect(payload.properties()?.payload?.required()).toEqual(['sagaType', 'input']);
  });

  it('documents the input schema of every saga, so a client can fill StartSaga.input', () => {
    const schemas = document.components().schemas().all().map((s) => s.id());
    for (const definition of sagaDefinitions.values()) {
      expect(document.info().description()).toContain(`\`${definition.name}\``);
    }
    expect(schemas).toContain('OrderFulfilmentInput');
  });

  it('has a channel for every exchange and every queue, at its namespaced name', () => {
    const addresses = document.channels().all().map((c) => c.address());
    expect(addresses.sort()).toEqual([...Object.values(saga.exchanges), ...queues].map((x) => x.name).sort());
  });

  it('declares every exchange as assertTopology does: type and durability', () => {
    for (const exchange of Object.values(saga.exchanges)) {
      expect(amqp(channelAt(exchange.name, 'routingKey')!.bindings())).toMatchObject({
        is: 'routingKey',
        exchange: { name: exchange.name, type: exchange.type, durable: true, autoDelete: false },
      });
    }
  });

  it('declares every queue as assertTopology does: durable, with its arguments', () => {
    for (const queue of queues) {
      expect(amqp(channelAt(queue.name, 'queue')!.bindings())).toMatchObject({
        is: 'queue',
        queue: { name: queue.name, durable: true, exclusive: false, autoDelete: false, 'x-arguments': queue.arguments },
      });
    }
  });

  it('documents every registered message, each with its envelope as the payload and the saga id as correlation id', () => {
    const documented = new Map(document.messages().all().map((m) => [m.name(), m]));
    for (const contract of messageList) {
      const message = documented.get(contract.type);
      expect(message, contract.type).toBeDefined();
      expect(message!.payload()?.properties()?.payload, contract.type).toBeDefined();
      expect(message!.correlationId()?.location()).toBe('$message.payload#/correlationId');
      expect(amqp(message!.bindings())).toMatchObject({ messageType: contract.type });
    }
  });

  it('puts every message on the exchange it is published to and the queue that receives it', () => {
    for (const contract of messageList) {
      const on = document.channels().all().filter((c) => c.messages().all().some((m) => m.name() === contract.type));
      const exchange = contract.kind === 'command' ? saga.exchanges.commands.name : saga.exchanges.replies.name;
      const routingKey = contract.kind === 'command' ? saga.commandRoutingKey(contract.to) : saga.replyRoutingKey;
      const queue = saga.bindings.find((b) => b.exchange === exchange && b.routingKey === routingKey)!.queue;
      expect(on.map((c) => c.address()).sort(), contract.type).toEqual([exchange, queue].sort());
    }
  });

  it('gives the client a send, the orchestrator sends and receives, and each participant a receive and a send', () => {
    expect(operationsOf('client', 'send')).toHaveLength(1);
    expect(operationsOf('orchestrator', 'receive').length).toBeGreaterThanOrEqual(2);
    expect(operationsOf('orchestrator', 'send').length).toBeGreaterThanOrEqual(PARTICIPANTS.length);
    for (const participant of PARTICIPANTS) {
      const receives = operationsOf(participant, 'receive').flatMap((o) => o.messages().all().map((m) => m.name()));
      const sends = operationsOf(participant, 'send').flatMap((o) => o.messages().all().map((m) => m.name()));
      expect(receives.sort()).toEqual(messageList.filter((m) => m.to === participant).map((m) => m.type).sort());
      expect(sends).toEqual(expect.arrayContaining(messageList.filter((m) => m.from === participant).map((m) => m.type)));
    }
  });

  it('lists, for every command the orchestrator sends, exactly the replies that answer it', () => {
    for (const operation of operationsOf('orchestrator', 'send')) {
      const commands = operation.messages().all().map((m) => m.name() as MessageType);
      if (commands.includes('DeadLetter' as MessageType)) continue;
      const expected = commands.flatMap((c) => repliesTo(c).map((r) => r.type));
      expect(operation.reply()?.messages().all().map((m) => m.name()).sort()).toEqual(expected.sort());
      expect(operation.reply()?.channel()?.address()).toBe(saga.queues.orchestratorReplies.name);
    }
  });

  it('turns shared zod schemas into references instead of copies', () => {
    const raw = readFileSync(GENERATED_PATH, 'utf8');
    expect(raw).toContain('$ref: "#/components/schemas/OrderLine"');
    expect(raw).toContain('$ref: "#/components/schemas/SagaId"');
  });
});
