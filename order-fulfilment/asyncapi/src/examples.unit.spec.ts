import { decodeMessage, isMessageType, messages } from '@saga/contracts';
import { describe, expect, it } from 'vitest';
import { sagaDefinitions } from '@saga/orchestrator/domain';
import type { JsonObject } from './json.ts';
import { at, committedDocument, objectAt, schemaValidator } from './testing/committed-document.ts';

const document = committedDocument();
const validator = schemaValidator(document);
const componentMessages = Object.entries(objectAt(document, 'components', 'messages')) as [string, JsonObject][];
const examplesOf = (message: JsonObject) => (at(message, 'examples') as JsonObject[]).map((example) => ({ example, message }));
const allExamples = componentMessages.flatMap(([name, message]) => examplesOf(message).map((e) => ({ name, ...e })));

describe('the examples of the AsyncAPI document', () => {
  it('exist for every message', () => {
    for (const [name, message] of componentMessages) expect(examplesOf(message), name).not.toHaveLength(0);
  });

  it.each(allExamples.map((e) => [e.name, e] as const))('%s: the example payload validates against the message payload schema', (_, { example, message }) => {
    const validate = validator(at(message, 'payload'));
    expect(validate(at(example, 'payload')), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(allExamples.map((e) => [e.name, e] as const))('%s: the example headers validate against the message headers schema', (_, { example, message }) => {
    const validate = validator(at(message, 'headers'));
    expect(validate(at(example, 'headers')), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(allExamples.filter((e) => isMessageType(e.name)).map((e) => [e.name, e] as const))(
    '%s: the example is accepted by the decoder the services run',
    (name, { example }) => {
      const body = new TextEncoder().encode(JSON.stringify(at(example, 'payload')));
      const result = decodeMessage(body, { maxBytes: 256 * 1024, accept: new Set([name]) });
      expect(result.ok ? 'decoded' : result.error).toBe('decoded');
    },
  );

  it('shows a StartSaga whose input is valid for the saga it names, by the documented input schema and by the definition', () => {
    const payload = objectAt(document, 'components', 'messages', messages.StartSaga.type, 'examples', 0, 'payload', 'payload');
    const definition = sagaDefinitions.find((d) => d.name === String(payload.sagaType));
    expect(definition).toBeDefined();
    expect(validator({ $ref: '#/components/schemas/OrderFulfilmentInput' })(payload.input)).toBe(true);
    expect(definition!.input.safeParse(payload.input).success).toBe(true);
  });

  it('would catch an example that does not match: a payload without a required field fails', () => {
    const example = objectAt(document, 'components', 'messages', 'ReserveInventory', 'examples', 0, 'payload');
    const { orderId: _dropped, ...payload } = objectAt(example, 'payload');
    expect(validator(at(document, 'components', 'messages', 'ReserveInventory', 'payload'))({ ...example, payload })).toBe(false);
  });
});
