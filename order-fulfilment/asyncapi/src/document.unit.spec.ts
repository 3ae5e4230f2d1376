import { readFileSync } from 'node:fs';
import { Parser, type AsyncAPIDocumentInterface, type ChannelInterface } from '@asyncapi/parser';
import { allQueues, messageList, PARTICIPANTS, partitionOf, repliesTo, topology, type MessageType } from '@saga/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { sagaDefinitions } from '@saga/orchestrator/domain';
import { GENERATED_PATH } from './serialize.ts';

const saga = topology('saga');
const queues = allQueues(saga);
const partitionQueues = saga.queues.orchestratorPartitions.map((q) => q.name);
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
/** The concrete names behind a channel address: itself, or one per value of each address parameter. */
const addressesOf = (channel: ChannelInterface): string[] =>
  channel.parameters().all().reduce(
    (addresses, parameter) => addresses.flatMap((a) => (parameter.schema()?.enum() ?? []).map((v) => a.replace(`{${parameter.id()}}`, String(v)))),
    [channel.address() ?? ''],
  );
const channelsOf = (message: string) => document.channels().all().filter((c) => c.messages().all().some((m) => m.name() === message));
const partitionChannel = () => channelsOf('WakeSaga').find((c) => amqp(c.bindings()).is === 'queue')!;

describe('the AsyncAPI document, read as a client would read it', () => {
  it('tells a client where to publish StartSaga: exchange saga.commands, routing key orchestrator', () => {
    const [send, ...others] = operationsOf('client', 'send').filter((o) => o.messages().all().some((m) => m.name() === 'StartSaga'));
    expect(others).toEqual([]);
    expect(send?.channels().all()[0]?.address()).toBe('saga.commands');
    expect(amqp(send!.bindings())).toMatchObject({ cc: ['orchestrator'], deliveryMode: 2 });
    expect(amqp(send!.channels().all()[0]!.bindings())).toMatchObject({ is: 'routingKey', exchange: { name: 'saga.commands', type: 'direct' } });
  });

  it("shows StartSaga arriving on queue saga.orchestrator.commands, then forwarded by the orchestrator to the saga's partition", () => {
    const receives = document.operations().filterByReceive().filter((o) => o.messages().all().some((m) => m.name() === 'StartSaga'));
    expect(receives.map((o) => o.channels().all()[0]?.address()).sort()).toEqual(['saga.orchestrator.commands', 'saga.orchestrator.p{partition}']);
    expect(receives.flatMap((o) => o.tags().all().map((t) => t.name()))).toEqual(['orchestrator', 'orchestrator']);
    const forward = operationsOf('orchestrator', 'send').find((o) => o.messages().all().some((m) => m.name() === 'StartSaga'));
    expect(forward?.channels().all()[0]?.address()).toBe('saga.replies');
    expect(amqp(forward!.bindings())).toMatchObject({ cc: ['p{partition}'] });
    expect(forward?.description()).toContain('unchanged but for `correlationId`');
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
    for (const definition of sagaDefinitions) {
      expect(document.info().description()).toContain(`\`${definition.name}\``);
    }
    expect(schemas).toContain('OrderFulfilmentInput');
  });

  it('has a channel for every exchange and every queue, at its namespaced name; the partition queues as one with a {partition} parameter', () => {
    const addresses = document.channels().all().flatMap(addressesOf);
    expect(addresses.sort()).toEqual([...Object.values(saga.exchanges), ...queues].map((x) => x.name).sort());
    expect(partitionChannel().address()).toBe('saga.orchestrator.p{partition}');
    expect(addressesOf(partitionChannel())).toEqual(partitionQueues);
  });

  it("routes a saga's messages to the partition queue the runtime uses: FNV-1a of the saga id, modulo the partition count", () => {
    const send = operationsOf('payment', 'send').find((o) => o.channels().all()[0]?.address() === saga.exchanges.replies.name)!;
    const [routingKey] = amqp(send.bindings()).cc as string[];
    for (const sagaId of ['order-1001', '2b855f87-40ff-4d77-8c8f-fab7e299688f', 'a', 'Z_9-']) {
      const k = String(partitionOf(sagaId, saga.partitionCount));
      expect(routingKey!.replace('{partition}', k), sagaId).toBe(saga.replyRoutingKey(sagaId));
      const bound = saga.bindings.find((b) => b.exchange === saga.exchanges.replies.name && b.routingKey === saga.replyRoutingKey(sagaId))!.queue;
      expect(partitionChannel().address()!.replace('{partition}', k), sagaId).toBe(bound);
    }
    expect(partitionChannel().parameters().get('partition')?.description()).toContain('FNV-1a 32-bit hash');
  });

  it('says what single active consumer and the delivery limit mean, on every queue that has them', () => {
    for (const channel of document.channels().all().filter((c) => amqp(c.bindings()).is === 'queue')) {
      const args = (amqp(channel.bindings()).queue as Record<string, Record<string, unknown>>)['x-arguments']!;
      if (args['x-single-active-consumer']) expect(channel.description(), channel.address()!).toContain('**Single active consumer**');
      if (args['x-delivery-limit']) expect(channel.description(), channel.address()!).toContain(`**Delivery limit** (\`x-delivery-limit\`: ${String(args['x-delivery-limit'])})`);
    }
    expect(partitionChannel().description()).toContain('**Single active consumer**');
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
      const channel = document.channels().all().find((c) => amqp(c.bindings()).is === 'queue' && addressesOf(c).includes(queue.name));
      expect(amqp(channel!.bindings()), queue.name).toMatchObject({
        is: 'queue',
        queue: { name: channel!.address(), durable: true, exclusive: false, autoDelete: false, 'x-arguments': queue.arguments },
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

  it('puts every message on the exchange it is published to and the queue that receives it (StartSaga: and where it is forwarded)', () => {
    const partitioned = [saga.exchanges.replies.name, ...partitionQueues];
    for (const contract of messageList) {
      const expected =
        contract.to !== 'orchestrator'
          ? [saga.exchanges.commands.name, saga.bindings.find((b) => b.exchange === saga.exchanges.commands.name && b.routingKey === saga.commandRoutingKey(contract.to))!.queue]
          : contract.correlationRequired
            ? partitioned
            : [saga.exchanges.commands.name, saga.queues.orchestratorCommands.name, ...partitioned];
      expect(channelsOf(contract.type).flatMap(addressesOf).sort(), contract.type).toEqual(expected.sort());
    }
  });

  it('shows WakeSaga and OperatorCommand as sent and received by the orchestrator alone, through the partitions', () => {
    for (const type of ['WakeSaga', 'OperatorCommand']) {
      const has = (o: ReturnType<typeof operationsOf>[number]) => o.messages().all().some((m) => m.name() === type);
      const operations = document.operations().all().filter(has);
      expect(operations.map((o) => `${o.action()} ${o.tags().all().map((t) => t.name()).join()} ${o.channels().all()[0]?.address()}`).sort(), type).toEqual([
        'receive orchestrator saga.orchestrator.p{partition}',
        'send orchestrator saga.replies',
      ]);
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

  it("lists, for every command the orchestrator sends a participant, exactly the replies that answer it, received on the saga's partition", () => {
    const toParticipants = operationsOf('orchestrator', 'send').filter((o) => o.channels().all()[0]?.address() === saga.exchanges.commands.name);
    expect(toParticipants).toHaveLength(PARTICIPANTS.length);
    for (const operation of toParticipants) {
      const commands = operation.messages().all().map((m) => m.name() as MessageType);
      const expected = commands.flatMap((c) => repliesTo(c).map((r) => r.type));
      expect(operation.reply()?.messages().all().map((m) => m.name()).sort()).toEqual(expected.sort());
      expect(operation.reply()?.channel()?.address()).toBe('saga.orchestrator.p{partition}');
    }
  });

  it("has participants publish their replies to the replies exchange with the saga's partition routing key", () => {
    for (const participant of PARTICIPANTS) {
      const [send, ...others] = operationsOf(participant, 'send').filter((o) => o.channels().all()[0]?.address() === saga.exchanges.replies.name);
      expect(others, participant).toEqual([]);
      expect(amqp(send!.bindings()), participant).toMatchObject({ cc: ['p{partition}'], deliveryMode: 2 });
    }
  });

  it('turns shared zod schemas into references instead of copies', () => {
    const raw = readFileSync(GENERATED_PATH, 'utf8');
    expect(raw).toContain('$ref: "#/components/schemas/OrderLine"');
    expect(raw).toContain('$ref: "#/components/schemas/SagaId"');
  });
});
