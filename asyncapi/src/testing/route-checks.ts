import { frameworkMessages, topology } from '@saga/contracts';
import { describe, expect, it } from 'vitest';
import { NAMESPACE_PLACEHOLDER } from '../namespace.ts';
import { sagaInputSchemaIds } from '../schemas.ts';
import type { AsyncApiCheckOptions } from './check-options.ts';
import { amqp, documentQueries, modelOf, type ParsedDocument } from './parsed-document.ts';

const { StartSaga } = frameworkMessages;
const PARTITION_KEY = 'p{partition}';

/**
 * The messages and operations, read as a client or a participant's author would: where each
 * message is published and received, who sends what, which replies answer which command.
 */
export function describeRouteChecks(options: AsyncApiCheckOptions, parsed: () => Promise<ParsedDocument>): void {
  const { system } = options;
  const t = topology(system, NAMESPACE_PLACEHOLDER);
  const contracts = options.contracts ?? system.messageList;
  const partitionQueue = `${NAMESPACE_PLACEHOLDER}.orchestrator.p{partition}`;
  const queries = async () => documentQueries(await modelOf(parsed));

  describe('the messages and operations of the AsyncAPI document, read as a client would read them', () => {
    it(`tell a client where to publish StartSaga: exchange ${t.exchanges.commands.name}, routing key ${t.commandRoutingKey('orchestrator')}`, async () => {
      const q = await queries();
      const [send, ...others] = q.operationsOf('client', 'send').filter((o) => o.messages().all().some((m) => m.name() === StartSaga.type));
      expect(others).toEqual([]);
      expect(q.addressOf(send!)).toBe(t.exchanges.commands.name);
      expect(amqp(send!.bindings())).toMatchObject({ cc: [t.commandRoutingKey('orchestrator')], deliveryMode: 2 });
    });

    it("show StartSaga arriving on the orchestrator's commands queue, then forwarded to the saga's partition", async () => {
      const q = await queries();
      const receives = q.operationsWith(StartSaga.type).filter((o) => o.action() === 'receive');
      expect(receives.map(q.addressOf).sort()).toEqual([t.queues.orchestratorCommands.name, partitionQueue].sort());
      const forward = q.operationsOf('orchestrator', 'send').find((o) => o.messages().all().some((m) => m.name() === StartSaga.type));
      expect(q.addressOf(forward!)).toBe(t.exchanges.replies.name);
      expect(amqp(forward!.bindings())).toMatchObject({ cc: [PARTITION_KEY] });
    });

    it('document the whole StartSaga body, and the input schema of every saga version', async () => {
      const document = await modelOf(parsed);
      const payload = document.messages().all().find((m) => m.name() === StartSaga.type)!.payload()!;
      expect(payload.required()).toEqual(['messageId', 'type', 'schemaVersion', 'occurredAt', 'payload']);
      expect(payload.properties()?.['payload']?.required()).toEqual(['sagaType', 'input']);
      const schemas = document.components().schemas().all().map((s) => s.id());
      for (const [definition, id] of sagaInputSchemaIds(options.sagas)) {
        expect(schemas, definition.name).toContain(id);
        expect(document.info().description()).toContain(`### Saga \`${definition.name}\` (definition version ${definition.version})`);
      }
    });

    it('document every message of the system, with its envelope as the payload and the saga id as correlation id', async () => {
      const documented = new Map((await modelOf(parsed)).messages().all().map((m) => [m.name(), m]));
      for (const contract of contracts) {
        const message = documented.get(contract.type);
        expect(message?.payload()?.properties()?.['payload'], contract.type).toBeDefined();
        expect(message!.correlationId()?.location()).toBe('$message.payload#/correlationId');
        expect(amqp(message!.bindings())).toMatchObject({ messageType: contract.type });
      }
    });

    it('put every message on the exchange it is published to and the queue that receives it (StartSaga: and where it is forwarded)', async () => {
      const q = await queries();
      const partitioned = [t.exchanges.replies.name, partitionQueue];
      for (const contract of contracts) {
        const expected =
          contract.to !== 'orchestrator'
            ? [t.exchanges.commands.name, t.queues.participants[contract.to]!.name]
            : contract.correlationRequired
              ? partitioned
              : [t.exchanges.commands.name, t.queues.orchestratorCommands.name, ...partitioned];
        expect(q.channelsOf(contract.type).map((c) => c.address()).sort(), contract.type).toEqual(expected.sort());
      }
    });

    it('show the internal messages (WakeSaga, OperatorCommand) as sent and received by the orchestrator alone, through the partitions', async () => {
      const q = await queries();
      for (const contract of contracts.filter((c) => c.from === 'orchestrator' && c.to === 'orchestrator')) {
        const shown = q.operationsWith(contract.type).map((o) => `${o.action()} ${o.tags().all().map((tag) => tag.name()).join()} ${q.addressOf(o)}`);
        expect(shown.sort(), contract.type).toEqual([`receive orchestrator ${partitionQueue}`, `send orchestrator ${t.exchanges.replies.name}`]);
      }
    });

    it('give each participant a receive of exactly its commands, and a send of its replies with the partition routing key', async () => {
      const q = await queries();
      for (const participant of system.participants) {
        const receives = q.operationsOf(participant, 'receive').flatMap((o) => o.messages().all().map((m) => m.name()));
        expect(receives.sort(), participant).toEqual(contracts.filter((m) => m.to === participant).map((m) => m.type).sort());
        const [send, ...others] = q.operationsOf(participant, 'send').filter((o) => q.addressOf(o) === t.exchanges.replies.name);
        expect(others, participant).toEqual([]);
        expect(send?.messages().all().map((m) => m.name()).sort(), participant).toEqual(contracts.filter((m) => m.from === participant).map((m) => m.type).sort());
        expect(amqp(send!.bindings()), participant).toMatchObject({ cc: [PARTITION_KEY], deliveryMode: 2 });
      }
    });

    it("list, for every command the orchestrator sends a participant, exactly the replies that answer it, received on the saga's partition", async () => {
      const q = await queries();
      const toParticipants = q.operationsOf('orchestrator', 'send').filter((o) => q.addressOf(o) === t.exchanges.commands.name);
      expect(toParticipants).toHaveLength(new Set(contracts.filter((c) => c.kind === 'command' && c.from === 'orchestrator' && c.to !== 'orchestrator').map((c) => c.to)).size);
      for (const operation of toParticipants) {
        const commands = operation.messages().all().map((m) => m.name() ?? '');
        const expected = commands.flatMap((c) => system.repliesTo(c).map((r) => r.type));
        expect(operation.reply()?.messages().all().map((m) => m.name()).sort()).toEqual(expected.sort());
        expect(operation.reply()?.channel()?.address()).toBe(partitionQueue);
      }
    });
  });
}
