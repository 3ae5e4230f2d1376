import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import type { JsonObject, JsonValue } from '../json.ts';


// ajv-formats is CommonJS: under NodeNext the default import is the module object, whose `.default` is the plugin.
const addFormats = addFormatsModule.default;

/** A committed document as plain JSON, the way a client that only has the file would read it. */
export function committedDocument(path: string): JsonObject {
  return parse(readFileSync(path, 'utf8')) as JsonObject;
}

/** Follows keys into a JSON value; throws with the path when one is missing, so a test failure says where. */
export function at(value: JsonValue | undefined, ...path: (string | number)[]): JsonValue {
  let node = value;
  for (const [i, key] of path.entries()) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, JsonValue>)[key] : undefined;
    if (node === undefined) throw new Error(`nothing at ${path.slice(0, i + 1).join('.')}`);
  }
  return node as JsonValue;
}
export const objectAt = (value: JsonValue | undefined, ...path: (string | number)[]): JsonObject => at(value, ...path) as JsonObject;

/**
 * A draft-07 validator (AsyncAPI 3.0's schema dialect) that resolves `#/components/schemas/…`
 * references against the document: the document is registered under an id, and each schema is
 * compiled as a reference into it.
 */
export function schemaValidator(document: JsonObject): (schema: JsonValue) => ValidateFunction {
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  // Registered as a keyword so strict mode accepts it; its content is only a target for references.
  ajv.addKeyword({ keyword: 'components' });
  ajv.addSchema({ $id: 'urn:saga:asyncapi', components: at(document, 'components') });
  return (schema) => {
    const text = JSON.stringify(schema).replaceAll('"#/components/', '"urn:saga:asyncapi#/components/');
    return ajv.compile(JSON.parse(text) as JsonObject);
  };
}
