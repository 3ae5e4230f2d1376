import type { MessageContract } from '@saga/contracts';
import type { AnySagaDefinition } from '@saga/orchestrator/domain';
import type { JsonObject } from './json.ts';
import { breakingChanges, dereference, type Break } from './schema-compat.ts';
import { componentSchemas, envelopeSchemaId, sagaInputSchemaId } from './schemas.ts';

export interface VersionedSchema {
  version: number;
  schema: JsonObject;
}

/** Whole message bodies by message type, and saga inputs (StartSaga.input) by saga name. */
export interface SchemaSnapshot {
  messages: Record<string, VersionedSchema>;
  sagaInputs: Record<string, VersionedSchema>;
}

/** The schemas as the contracts define them now, self-contained (no $ref) so that a snapshot never depends on the document around it. */
export function currentSnapshot(contracts: readonly MessageContract[], sagas: readonly AnySagaDefinition[]): SchemaSnapshot {
  const components = componentSchemas(contracts, sagas);
  const resolved = (id: string): JsonObject => dereference({ $ref: `#/components/schemas/${id}` }, components);
  return {
    messages: Object.fromEntries(contracts.map((c) => [c.type, { version: c.version, schema: resolved(envelopeSchemaId(c.type)) }])),
    sagaInputs: Object.fromEntries(sagas.map((s) => [s.name, { version: s.version, schema: resolved(sagaInputSchemaId(s)) }])),
  };
}

/** A schema changed in a breaking way without a version raise (or vanished, or went back a version). */
export interface Violation {
  what: string;
  publishedVersion: number;
  currentVersion: number | undefined;
  breaks: Break[];
}

function compare(what: string, published: Record<string, VersionedSchema>, current: Record<string, VersionedSchema>): Violation[] {
  return Object.entries(published).flatMap(([name, before]): Violation[] => {
    const after = current[name];
    const base = { what: `${what} ${name}`, publishedVersion: before.version, currentVersion: after?.version };
    if (!after) return [{ ...base, breaks: [{ kind: 'removed-field', path: '(root)', detail: `${what} removed` }] }];
    if (after.version < before.version) return [{ ...base, breaks: [{ kind: 'retyped-field', path: '(root)', detail: 'version went backwards' }] }];
    if (after.version > before.version) return [];
    const breaks = breakingChanges(before.schema, after.schema);
    return breaks.length > 0 ? [{ ...base, breaks }] : [];
  });
}

/**
 * What the gate refuses: a breaking change to a message (or saga input) whose version was not
 * raised since the published snapshot. Raising the version is the way through: consumers then see a
 * new `schemaVersion` (or definition version) instead of a body they misread.
 */
export function gateViolations(published: SchemaSnapshot, current: SchemaSnapshot): Violation[] {
  return [...compare('message', published.messages, current.messages), ...compare('saga input', published.sagaInputs, current.sagaInputs)];
}
