import type { JsonObject, JsonValue } from './json.ts';

export type BreakKind = 'removed-field' | 'retyped-field' | 'newly-required' | 'narrowed-enum' | 'narrowed-constraint';

/** One change that could make a message valid before invalid now, or leave a reader without a field it used. */
export interface Break {
  kind: BreakKind;
  /** Where, as a path into the message body, e.g. `payload.items[].sku`. */
  path: string;
  detail: string;
}

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: JsonValue | undefined, b: JsonValue | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);
const at = (path: string, key: string): string => (path ? `${path}.${key}` : key);
const shown = (path: string): string => path || '(root)';

function types(schema: JsonObject): string[] | undefined {
  const { type } = schema;
  if (type === undefined) return undefined;
  return (Array.isArray(type) ? type : [type]).map(String).sort();
}

/** `const` is a one-value enum: narrowing either is the same break. */
function allowedValues(schema: JsonObject): JsonValue[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  return 'const' in schema ? [schema.const!] : undefined;
}

const LOWER_BOUNDS = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'] as const;
const UPPER_BOUNDS = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'] as const;
const EXACT_RULES = ['pattern', 'format'] as const;

function constraintBreaks(before: JsonObject, after: JsonObject, path: string): Break[] {
  const breaks: Break[] = [];
  const narrowed = (key: string, detail: string) => breaks.push({ kind: 'narrowed-constraint', path: shown(path), detail: `${key}: ${detail}` });
  for (const key of LOWER_BOUNDS) {
    const [b, a] = [before[key], after[key]];
    if (typeof a === 'number' && (typeof b !== 'number' || a > b)) narrowed(key, `${String(b ?? 'none')} → ${a}`);
  }
  for (const key of UPPER_BOUNDS) {
    const [b, a] = [before[key], after[key]];
    if (typeof a === 'number' && (typeof b !== 'number' || a < b)) narrowed(key, `${String(b ?? 'none')} → ${a}`);
  }
  for (const key of EXACT_RULES) {
    if (after[key] !== undefined && !same(before[key], after[key])) narrowed(key, `${JSON.stringify(before[key] ?? null)} → ${JSON.stringify(after[key])}`);
  }
  if (after.additionalProperties === false && before.additionalProperties !== false) narrowed('additionalProperties', 'unknown fields are now refused');
  return breaks;
}

/**
 * The breaking changes from one JSON Schema of a message to the next (both dereferenced: no $ref).
 * A change breaks when a message that was valid may be refused now (a newly required field, a
 * narrowed enum or bound, a changed type) or when a reader may miss something it relied on (a
 * removed field). Adding an optional field, widening an enum or loosening a bound does not.
 */
export function breakingChanges(before: JsonObject, after: JsonObject, path = ''): Break[] {
  const breaks: Break[] = [];
  const [typesBefore, typesAfter] = [types(before), types(after)];
  if (typesAfter && !same(typesBefore, typesAfter)) {
    breaks.push({ kind: 'retyped-field', path: shown(path), detail: `type ${typesBefore?.join('|') ?? 'any'} → ${typesAfter.join('|')}` });
    return breaks;
  }
  const [valuesBefore, valuesAfter] = [allowedValues(before), allowedValues(after)];
  if (valuesAfter) {
    const dropped = valuesBefore ? valuesBefore.filter((v) => !valuesAfter.some((w) => same(v, w))) : ['(any value)'];
    if (dropped.length > 0) breaks.push({ kind: 'narrowed-enum', path: shown(path), detail: `no longer allowed: ${dropped.map((v) => JSON.stringify(v)).join(', ')}` });
  }
  breaks.push(...constraintBreaks(before, after, path));

  const [propsBefore, propsAfter] = [before.properties, after.properties];
  if (isObject(propsBefore)) {
    for (const [key, schema] of Object.entries(propsBefore)) {
      const next = isObject(propsAfter) ? propsAfter[key] : undefined;
      if (next === undefined) breaks.push({ kind: 'removed-field', path: at(path, key), detail: 'field removed' });
      else if (isObject(schema) && isObject(next)) breaks.push(...breakingChanges(schema, next, at(path, key)));
    }
  }
  const requiredBefore = new Set(Array.isArray(before.required) ? before.required : []);
  for (const key of Array.isArray(after.required) ? after.required : []) {
    if (!requiredBefore.has(key)) breaks.push({ kind: 'newly-required', path: at(path, String(key)), detail: 'field is now required' });
  }
  if (isObject(before.items) && isObject(after.items)) breaks.push(...breakingChanges(before.items, after.items, `${path}[]`));
  if (isObject(before.additionalProperties) && isObject(after.additionalProperties)) {
    breaks.push(...breakingChanges(before.additionalProperties, after.additionalProperties, `${path}{}`));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const [b, a] = [before[key], after[key]];
    if (!Array.isArray(a)) continue;
    if (!Array.isArray(b) || b.length !== a.length) {
      breaks.push({ kind: 'retyped-field', path: shown(path), detail: `${key} changed shape` });
      continue;
    }
    b.forEach((option, i) => {
      const next = a[i];
      if (isObject(option) && isObject(next)) breaks.push(...breakingChanges(option, next, `${path}<${key}[${i}]>`));
    });
  }
  return breaks;
}

const SCHEMA_KEYS = new Set(['items', 'additionalProperties', 'propertyNames', 'not']);
const SCHEMA_LIST_KEYS = new Set(['anyOf', 'oneOf', 'allOf']);

/**
 * Inlines `#/components/schemas/…` references and folds the one-element `allOf` zod writes around
 * a described `$ref`, so two versions compare field by field. Descriptions are dropped: rewording
 * documentation never breaks a consumer.
 */
export function dereference(schema: JsonObject, components: Record<string, JsonObject>, seen: readonly string[] = []): JsonObject {
  const { $ref, description: _description, ...rest } = schema;
  let node: JsonObject = rest;
  if (typeof $ref === 'string') {
    const id = $ref.replace('#/components/schemas/', '');
    const target = components[id];
    if (!target) throw new Error(`unresolved reference ${$ref}`);
    if (seen.includes(id)) throw new Error(`recursive schema ${id} cannot be compared`);
    node = { ...dereference(target, components, [...seen, id]), ...rest };
  }
  const inline = (value: JsonValue): JsonValue => (isObject(value) ? dereference(value, components, seen) : value);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, inline(s)]));
    else if (SCHEMA_KEYS.has(key)) out[key] = inline(value);
    else if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) out[key] = value.map(inline);
    else out[key] = value;
  }
  const { allOf, ...others } = out;
  return Array.isArray(allOf) && allOf.length === 1 && isObject(allOf[0]) ? { ...allOf[0], ...others } : out;
}
