import { z } from 'zod';
import { EnvelopeHeader, type MessageContract } from '@saga/contracts';
import type { AnySagaDefinition } from '@saga/orchestrator/domain';
import { pascal, type JsonObject, type JsonValue } from './json.ts';

const SCHEMAS = '#/components/schemas/';
export const schemaRef = (id: string): string => `${SCHEMAS}${id}`;
export const envelopeSchemaId = (type: string): string => `${type}Envelope`;

/**
 * The components.schemas name of each saga definition's input: its zod id, or one made from the
 * saga's name, `CheckoutSagaInput`. Versions deployed side by side often share their input; when
 * they do not, each version's gets its own name, `CheckoutV2SagaInput`, instead of one
 * overwriting the other.
 */
export function sagaInputSchemaIds(definitions: Iterable<AnySagaDefinition>): Map<AnySagaDefinition, string> {
  const all = [...definitions];
  return new Map(
    all.map((definition) => {
      const id = z.globalRegistry.get(definition.input)?.id;
      if (id) return [definition, id];
      const shared = all.every((other) => other.name !== definition.name || other.input === definition.input);
      return [definition, `${pascal(definition.name)}${shared ? '' : `V${definition.version}`}SagaInput`];
    }),
  );
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
  // them: the shared vocabulary of the framework and of every system loaded in this process. Each
  // becomes a `$ref` wherever it is used; what this system does not use is pruned below.
  for (const [id, schema] of z.globalRegistry._idmap) registry.add(schema, { id });
  const roots = [z.globalRegistry.get(EnvelopeHeader)?.id ?? 'EnvelopeHeader', ...contracts.map((c) => envelopeSchemaId(c.type))];
  for (const contract of contracts) registry.add(documentedEnvelope(contract), { id: envelopeSchemaId(contract.type) });
  for (const [definition, id] of sagaInputSchemaIds(definitions)) {
    registry.add(definition.input, { id });
    roots.push(id);
  }
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-07', io: 'input', uri: schemaRef, unrepresentable: 'throw' });
  const entries = Object.entries(schemas).map(([id, schema]): [string, JsonObject] => {
    // zod names each entry with `$id: "#/components/schemas/X"`; a fragment is not a valid $id, and
    // inside the document the location already names it.
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonObject;
    return [id, rest];
  });
  const reachable = reachableFrom(roots, Object.fromEntries(entries));
  return Object.fromEntries(entries.filter(([id]) => reachable.has(id)).sort(([a], [b]) => a.localeCompare(b)));
}

const refsIn = (value: JsonValue | undefined): string[] => {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => (key === '$ref' && typeof v === 'string' ? [v] : refsIn(v)));
};

/**
 * The schemas the roots use, through their references. Keeps another system's shared schemas (in
 * the same global registry when both are loaded, as in a test run) out of this system's document.
 * EnvelopeHeader is a root: the front page names its fields, though each envelope inlines them.
 */
function reachableFrom(roots: readonly string[], schemas: Record<string, JsonObject>): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id) || !schemas[id]) return;
    seen.add(id);
    for (const target of refsIn(schemas[id])) if (target.startsWith(SCHEMAS)) visit(target.slice(SCHEMAS.length));
  };
  roots.forEach(visit);
  return seen;
}
