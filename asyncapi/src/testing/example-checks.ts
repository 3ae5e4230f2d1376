import { existsSync } from 'node:fs';
import { decodeMessage } from '@saga/contracts';
import { BaseConfig } from '@saga/runtime';
import { describe, expect, it } from 'vitest';
import { buildAsyncApiDocument } from '../document.ts';
import type { JsonObject } from '../json.ts';
import { sagaInputSchemaIds } from '../schemas.ts';
import type { AsyncApiCheckOptions } from './check-options.ts';
import { at, committedDocument, objectAt, schemaValidator } from './committed-document.ts';

/**
 * Every example of every message validates against the message's own schemas, and the services'
 * decoder accepts it: what a client copies from the document works. Reads the committed document
 * (the generated one while it is missing: the drift check fails then).
 */
export function describeExampleChecks(options: AsyncApiCheckOptions): void {
  const { system } = options;
  const document = existsSync(options.documentPath) ? committedDocument(options.documentPath) : buildAsyncApiDocument(options);
  const validator = schemaValidator(document);
  const messages = Object.entries(objectAt(document, 'components', 'messages')) as [string, JsonObject][];
  const examples = messages.flatMap(([name, message]) => ((message['examples'] ?? []) as JsonObject[]).map((example) => ({ name, message, example })));
  const cases = examples.map((e) => [e.name, e] as const);
  const maxBytes = BaseConfig.parse({}).MAX_MESSAGE_BYTES;

  describe('the examples of the AsyncAPI document', () => {
    it('exist for every message', () => {
      expect(messages.filter(([, message]) => examples.every((e) => e.message !== message)).map(([name]) => name)).toEqual([]);
    });

    it.each(cases)('%s: the example payload validates against the message payload schema', (_, { example, message }) => {
      const validate = validator(at(message, 'payload'));
      expect(validate(at(example, 'payload')), JSON.stringify(validate.errors)).toBe(true);
    });

    it.each(cases)('%s: the example headers validate against the message headers schema', (_, { example, message }) => {
      const validate = validator(at(message, 'headers'));
      expect(validate(at(example, 'headers')), JSON.stringify(validate.errors)).toBe(true);
    });

    it.each(cases.filter(([name]) => system.message(name) !== undefined))('%s: the example is accepted by the decoder the services run', (name, { example }) => {
      const body = new TextEncoder().encode(JSON.stringify(at(example, 'payload')));
      const result = decodeMessage(body, { maxBytes, accept: new Set([name]), message: system.message });
      expect(result.ok ? 'decoded' : result.error).toBe('decoded');
    });

    it('shows a StartSaga whose input is valid for a saga it names, by the documented input schema and by the definition', () => {
      const payload = objectAt(document, 'components', 'messages', 'StartSaga', 'examples', 0, 'payload', 'payload');
      const named = [...options.sagas].filter((d) => d.name === payload['sagaType']);
      const definition = named.find((d) => d.version === payload['sagaVersion']) ?? named.sort((a, b) => b.version - a.version)[0];
      expect(definition, `no saga is named ${String(payload['sagaType'])}: give a saga definition an \`example\` input`).toBeDefined();
      const id = sagaInputSchemaIds(options.sagas).get(definition!)!;
      expect(validator({ $ref: `#/components/schemas/${id}` })(payload['input'])).toBe(true);
      expect(definition!.input.safeParse(payload['input']).success).toBe(true);
    });
  });
}
