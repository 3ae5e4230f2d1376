import { z } from 'zod';
import { defineMessage, defineSystem } from '@saga/contracts';
import { describe, expect, it } from 'vitest';
import { bookshop, bookshopSagas, checkout, checkoutV2 } from '../test/bookshop-system.ts';
import { buildAsyncApiDocument } from './document.ts';
import type { JsonObject } from './json.ts';
import { at, objectAt } from './testing/committed-document.ts';

const document = buildAsyncApiDocument({ system: bookshop, sagas: bookshopSagas });
const channels = Object.values(objectAt(document, 'channels')) as JsonObject[];

describe('the namespace of the document', () => {
  it('is the variable namespace of the server rabbitmq, defaulting to the services\' SAGA_NAMESPACE', () => {
    expect(at(document, 'servers', 'rabbitmq', 'variables', 'namespace', 'default')).toBe('saga');
    expect(at(document, 'components', 'parameters', 'namespace', 'default')).toBe('saga');
  });

  it('starts every channel address, each declaring the parameter namespace', () => {
    for (const channel of channels) {
      expect(String(channel['address'])).toMatch(/^\{namespace\}\./);
      expect(at(channel, 'parameters', 'namespace')).toEqual({ $ref: '#/components/parameters/namespace' });
    }
  });

  it('takes its default from the sources, and leaves the addresses templates', () => {
    const other = buildAsyncApiDocument({ system: bookshop, sagas: bookshopSagas, namespace: 'books' });
    expect(at(other, 'servers', 'rabbitmq', 'variables', 'namespace', 'default')).toBe('books');
    expect(at(other, 'channels', 'commandsExchange', 'address')).toBe('{namespace}.commands');
    expect(String(at(other, 'components', 'parameters', 'namespace', 'description'))).toContain('`books` unless it sets its own');
  });

  it('fills the concrete examples with the default: the dead letters name queues of that namespace', () => {
    const other = buildAsyncApiDocument({ system: bookshop, sagas: bookshopSagas, namespace: 'books' });
    const [invalid, limit] = at(other, 'components', 'messages', 'DeadLetter', 'examples') as JsonObject[];
    expect(at(invalid, 'headers', 'x-original-queue')).toBe('books.orchestrator.commands');
    expect(String(at(limit, 'headers', 'x-first-death-queue'))).toMatch(/^books\.orchestrator\.p\d$/);
  });
});

describe('the document of a system', () => {
  it('describes that system and none other', () => {
    const text = JSON.stringify(document);
    expect(at(document, 'info', 'title')).toBe('A bookshop, for the generator tests — messages');
    expect(String(at(document, 'info', 'description'))).toContain('**stock**, **billing**, **courier**');
    expect(text).not.toMatch(/inventory|OrderLine|Order fulfilment/i);
  });

  it("names a command of this system in the framework's CommandExpired example", () => {
    expect(at(document, 'components', 'messages', 'CommandExpired', 'examples', 0, 'payload', 'payload', 'command')).toBe('Reserve');
    expect(String(at(document, 'components', 'messages', 'CommandExpired', 'description'))).toContain('Answers the command named by its `causationId`');
  });

  it('shows the StartSaga example of the first saga that has an example input', () => {
    const payload = objectAt(document, 'components', 'messages', 'StartSaga', 'examples', 0, 'payload', 'payload');
    expect(payload).toMatchObject({ sagaType: 'checkout', input: checkout.example });
    const without = buildAsyncApiDocument({ system: bookshop, sagas: [checkoutV2] });
    expect(at(without, 'components', 'messages', 'StartSaga', 'examples', 0, 'payload', 'payload', 'sagaType')).toBe('my-saga');
  });

  it('names the inputs of saga versions apart when they differ, and shares a schema with an id by reference', () => {
    const schemas = Object.keys(objectAt(document, 'components', 'schemas'));
    expect(schemas).toEqual(expect.arrayContaining(['CheckoutV1SagaInput', 'CheckoutV2SagaInput', 'Isbn']));
    expect(at(document, 'components', 'schemas', 'CheckoutV1SagaInput', 'properties', 'isbn')).toEqual({ $ref: '#/components/schemas/Isbn' });
    expect(Object.keys(objectAt(buildAsyncApiDocument({ system: bookshop, sagas: [checkout] }), 'components', 'schemas'))).toContain('CheckoutSagaInput');
  });

  it('keeps only the shared schemas the system uses, and the envelope header its front page names', () => {
    z.string().meta({ id: 'SomeoneElsesSchema' });
    const schemas = Object.keys(objectAt(buildAsyncApiDocument({ system: bookshop, sagas: bookshopSagas }), 'components', 'schemas'));
    expect(schemas).not.toContain('SomeoneElsesSchema');
    expect(schemas).toContain('EnvelopeHeader');
  });

  it('refuses a message it cannot route, with a code: an event, for the topology has no exchange for events', () => {
    const withEvent = defineSystem({
      name: 'noisy',
      participants: ['stock'],
      messages: {
        ...Object.fromEntries(Object.entries(bookshop.messages).filter(([type]) => ['Reserve', 'Reserved'].includes(type))),
        StockLow: defineMessage({ type: 'StockLow', version: 1, kind: 'event', from: 'stock', to: 'subscriber', payload: z.object({}), description: 'Stock is low.', example: {} }),
      },
    });
    expect(() => buildAsyncApiDocument({ system: withEvent, sagas: [] })).toThrow(expect.objectContaining({ code: 'ERR_ASYNCAPI_UNROUTABLE' }));
  });
});
