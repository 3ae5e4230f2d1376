import { z } from 'zod';
import type { MessageContract } from '@saga/contracts';
import type { AnySagaDefinition } from '@saga/orchestrator/domain';
import { pascal, type JsonObject } from './json.ts';

export const schemaRef = (id: string): string => `#/components/schemas/${id}`;
export const envelopeSchemaId = (type: string): string => `${type}Envelope`;

/** The components.schemas name of a saga's input: its zod id, or one made from the saga's name. */
export function sagaInputSchemaId(definition: AnySagaDefinition): string {
  return z.globalRegistry.get(definition.input)?.id ?? `${pascal(definition.name)}SagaInput`;
}

/**
 * The wire body of one message type, as a client must build it: the contract's own envelope (header
 * fields, `type` fixed, the payload inside) with `schemaVersion` narrowed to the versions the
 * consumer accepts. The decoder checks that list before it parses the envelope, so a document that
 * said "any integer" would promise more than a consumer takes.
 */
export function documentedEnvelope(contract: MessageContract): z.ZodType {
  const { envelope } = contract;
  if (!(envelope instanceof z.ZodObject)) throw new Error(`${contract.type}: the envelope is expected to be a zod object`);
  const [first, ...rest] = contract.acceptedVersions;
  if (first === undefined) throw new Error(`${contract.type}: no accepted schema version`);
  return envelope
    .extend({
      schemaVersion: z
        .literal([first, ...rest])
        .describe(`Version of the ${contract.type} schema this body follows (current: ${contract.version}). Mirrored in the AMQP header x-schema-version.`),
    })
    .describe(`The whole ${contract.type} message body: the envelope header fields with the payload inside.`);
}

/**
 * Every schema with a zod `.meta({ id })` (shared ids, payloads, saga inputs, the generic
 * EnvelopeHeader), one envelope per message type and each saga's input, converted by zod itself.
 * Converting them as one registry is what turns a shared schema into a `$ref` into
 * `components.schemas` instead of a copy.
 *
 * Draft-07, not zod's default 2020-12: AsyncAPI 3.0's default Schema Object is a draft-07 superset.
 * Input, not output: a consumer parses what it receives, so the wire format is the zod *input*
 * (a field with a default may be left out).
 */
export function componentSchemas(
  contracts: readonly MessageContract[],
  definitions: Iterable<AnySagaDefinition>,
): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  // `.meta({ id })` puts a schema in zod's global registry, and its id map is the only way to list
  // them. Only @saga/contracts gives schemas ids, so this is the contracts' shared vocabulary.
  for (const [id, schema] of z.globalRegistry._idmap) registry.add(schema, { id });
  for (const contract of contracts) registry.add(documentedEnvelope(contract), { id: envelopeSchemaId(contract.type) });
  for (const definition of definitions) registry.add(definition.input, { id: sagaInputSchemaId(definition) });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-07', io: 'input', uri: schemaRef, unrepresentable: 'throw' });
  const entries = Object.entries(schemas).map(([id, schema]): [string, JsonObject] => {
    // zod names each entry with `$id: "#/components/schemas/X"`; a fragment is not a valid $id, and
    // inside the document the location already names it.
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonObject;
    return [id, rest];
  });
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}
