import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from './json.ts';
import { breakingChanges, dereference } from './schema-compat.ts';

const object = (properties: JsonObject, required: string[] = Object.keys(properties)): JsonObject => ({ type: 'object', properties, required });
const text: JsonObject = { type: 'string' };
const kinds = (before: JsonObject, after: JsonObject) => breakingChanges(before, after).map((b) => `${b.kind} ${b.path}`);

describe('breakingChanges', () => {
  it('finds nothing when the schema is unchanged', () => {
    expect(kinds(object({ id: text }), object({ id: text }))).toEqual([]);
  });

  it('lets an added optional field through', () => {
    expect(kinds(object({ id: text }), object({ id: text, note: text }, ['id']))).toEqual([]);
  });

  it('flags a removed field', () => {
    expect(kinds(object({ id: text, note: text }), object({ id: text }))).toEqual(['removed-field note']);
  });

  it('flags a retyped field', () => {
    expect(kinds(object({ id: text }), object({ id: { type: 'integer' } }))).toEqual(['retyped-field id']);
  });

  it('flags an optional field that became required', () => {
    expect(kinds(object({ id: text, note: text }, ['id']), object({ id: text, note: text }))).toEqual(['newly-required note']);
  });

  it('flags a new field that is required from the start', () => {
    expect(kinds(object({ id: text }), object({ id: text, note: text }))).toEqual(['newly-required note']);
  });

  it('flags a narrowed enum and lets a widened one through', () => {
    const colour = (values: string[]) => object({ colour: { type: 'string', enum: values } });
    expect(kinds(colour(['red', 'green']), colour(['red']))).toEqual(['narrowed-enum colour']);
    expect(kinds(colour(['red']), colour(['red', 'green']))).toEqual([]);
  });

  it('treats a changed const as a narrowed enum', () => {
    expect(kinds(object({ v: { type: 'number', const: 1 } }), object({ v: { type: 'number', const: 2 } }))).toEqual(['narrowed-enum v']);
  });

  it('flags a tightened bound or a new pattern, and lets a loosened bound through', () => {
    const name = (rules: JsonObject) => object({ name: { type: 'string', ...rules } });
    expect(kinds(name({ maxLength: 10 }), name({ maxLength: 5 }))).toEqual(['narrowed-constraint name']);
    expect(kinds(name({ minLength: 1 }), name({ minLength: 2 }))).toEqual(['narrowed-constraint name']);
    expect(kinds(name({}), name({ pattern: '^[a-z]+$' }))).toEqual(['narrowed-constraint name']);
    expect(kinds(name({ maxLength: 5 }), name({ maxLength: 10 }))).toEqual([]);
  });

  it('looks inside nested objects and arrays and names the path', () => {
    const order = (line: JsonObject) => object({ payload: object({ items: { type: 'array', items: line } }) });
    expect(kinds(order(object({ sku: text, qty: { type: 'integer' } })), order(object({ sku: text })))).toEqual(['removed-field payload.items[].qty']);
  });

  it('compares zod schemas after conversion, through component references', () => {
    const Line = z.object({ sku: z.string() });
    const toJson = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-07', io: 'input' }) as JsonObject;
    const components = { Line: toJson(Line) };
    const before = dereference(object({ line: { $ref: '#/components/schemas/Line' } }), components);
    const after = toJson(z.object({ line: z.object({ sku: z.string(), qty: z.int() }) }));
    expect(kinds(before, after)).toEqual(['newly-required line.qty']);
  });

  it('ignores reworded descriptions', () => {
    const before = dereference(object({ id: { type: 'string', description: 'Old words.' } }), {});
    const after = dereference(object({ id: { type: 'string', description: 'New words.' } }), {});
    expect(kinds(before, after)).toEqual([]);
  });
});
