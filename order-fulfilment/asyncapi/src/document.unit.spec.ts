import { readFileSync } from 'node:fs';
import { addressesOf, amqp, documentQueries, lazyParse, modelOf } from '@saga/asyncapi/testing';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_PATH } from './order-document.ts';

const parsed = lazyParse(DOCUMENT_PATH);
const queries = async () => documentQueries(await modelOf(parsed));

// What holds for every system's document is checked in asyncapi-checks.unit.spec.ts; these are the
// order system's own names and schemas, as its clients and participants know them.
describe('the order AsyncAPI document, read as a client would read it', () => {
  it('sends StartSaga to saga.commands with routing key orchestrator, in the default namespace saga', async () => {
    const q = await queries();
    const [send] = q.operationsOf('client', 'send');
    const channel = send!.channels().all()[0]!;
    expect(addressesOf(channel)).toEqual(['saga.commands']);
    expect(amqp(send!.bindings())).toMatchObject({ cc: ['orchestrator'] });
    expect(addressesOf(q.channelAt('{namespace}.orchestrator.commands', 'queue')!)).toEqual(['saga.orchestrator.commands']);
  });

  it('names the queues of the four participants, and the orchestrator partitions p0 to p3', async () => {
    const addresses = (await queries()).channels().flatMap(addressesOf);
    for (const participant of ['inventory', 'payment', 'shipping', 'notification']) expect(addresses).toContain(`saga.${participant}.commands`);
    expect(addresses.filter((a) => a.startsWith('saga.orchestrator.p'))).toEqual(['saga.orchestrator.p0', 'saga.orchestrator.p1', 'saga.orchestrator.p2', 'saga.orchestrator.p3']);
  });

  it('documents both deployed versions of order-fulfilment, which share one input schema', async () => {
    const document = await modelOf(parsed);
    expect(document.info().description()).toContain('### Saga `order-fulfilment` (definition version 1)');
    expect(document.info().description()).toContain('### Saga `order-fulfilment` (definition version 2)');
    expect(document.components().schemas().all().map((s) => s.id())).toContain('OrderFulfilmentInput');
  });

  it('places the dispatch notice, new in version 2, in its step', async () => {
    const message = (await modelOf(parsed)).messages().all().find((m) => m.name() === 'SendDispatchNotice')!;
    expect(message.description()).toContain('In saga `order-fulfilment` it belongs to step `send-dispatch-notice`.');
  });

  it('turns shared zod schemas into references instead of copies', () => {
    const raw = readFileSync(DOCUMENT_PATH, 'utf8');
    expect(raw).toContain('$ref: "#/components/schemas/OrderLine"');
    expect(raw).toContain('$ref: "#/components/schemas/SagaId"');
  });
});
