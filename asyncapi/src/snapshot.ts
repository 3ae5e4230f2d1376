import type { MessageContract } from '@saga/contracts';
import { definitionKey, type AnySagaDefinition } from '@saga/orchestrator/domain';
import type { JsonObject } from './json.ts';
import { breakingChanges, dereference, type Break } from './schema-compat.ts';
import { componentSchemas, envelopeSchemaId, sagaInputSchemaIds } from './schemas.ts';

export interface VersionedSchema {
  version: number;
  schema: JsonObject;
}

/**
 * Whole message bodies by message type, and saga inputs (StartSaga.input) by definition,
 * `name@version`: versions are deployed side by side, and a client may start any of them.
 * (Snapshots from before versions ran side by side key an input by the saga's name alone;
 * `gateViolations` reads those as `name@<its version>`.)
 */
export interface SchemaSnapshot {
  /** The document version (info.version) it was published as; absent from the oldest snapshots. */
  documentVersion?: string;
  messages: Record<string, VersionedSchema>;
  sagaInputs: Record<string, VersionedSchema>;
}

/** The schemas as the contracts define them now, self-contained (no $ref) so that a snapshot never depends on the document around it. */
export function currentSnapshot(contracts: readonly MessageContract[], sagas: readonly AnySagaDefinition[]): SchemaSnapshot {
  const components = componentSchemas(contracts, sagas);
  const resolved = (id: string): JsonObject => dereference({ $ref: `#/components/schemas/${id}` }, components);
  return {
    messages: Object.fromEntries(contracts.map((c) => [c.type, { version: c.version, schema: resolved(envelopeSchemaId(c.type)) }])),
    sagaInputs: Object.fromEntries([...sagaInputSchemaIds(sagas)].map(([s, id]) => [definitionKey(s.name, s.version), { version: s.version, schema: resolved(id) }])),
  };
}

/** A schema changed in a breaking way without a version raise (or vanished, or went back a version). */
export interface Violation {
  what: string;
  publishedVersion: number;
  currentVersion: number | undefined;
  breaks: Break[];
}

const removed = (what: string): Break[] => [{ kind: 'removed-field', path: '(root)', detail: `${what} removed` }];

function compareSchemas(base: Omit<Violation, 'breaks'>, before: VersionedSchema, after: VersionedSchema): Violation[] {
  if (after.version < before.version) return [{ ...base, breaks: [{ kind: 'retyped-field', path: '(root)', detail: 'version went backwards' }] }];
  if (after.version > before.version) return [];
  const breaks = breakingChanges(before.schema, after.schema);
  return breaks.length > 0 ? [{ ...base, breaks }] : [];
}

function compareMessages(published: Record<string, VersionedSchema>, current: Record<string, VersionedSchema>): Violation[] {
  return Object.entries(published).flatMap(([type, before]): Violation[] => {
    const after = current[type];
    const base = { what: `message ${type}`, publishedVersion: before.version, currentVersion: after?.version };
    return after ? compareSchemas(base, before, after) : [{ ...base, breaks: removed('message') }];
  });
}

const sagaName = (key: string): string => (key.includes('@') ? key.slice(0, key.lastIndexOf('@')) : key);

/**
 * A published saga version must still be deployed with an input that takes what it took, unless a
 * newer version of the saga replaced it: a saga version is retired once none of its sagas runs,
 * and clients then start the newer one.
 */
function compareSagaInputs(published: Record<string, VersionedSchema>, current: Record<string, VersionedSchema>): Violation[] {
  const deployed = Object.entries(current);
  return Object.entries(published).flatMap(([key, before]): Violation[] => {
    const name = sagaName(key);
    const base = { what: `saga input ${definitionKey(name, before.version)}`, publishedVersion: before.version };
    const same = deployed.find(([k, after]) => sagaName(k) === name && after.version === before.version)?.[1];
    if (same) return compareSchemas({ ...base, currentVersion: same.version }, before, same);
    const versions = deployed.filter(([k]) => sagaName(k) === name).map(([, after]) => after.version);
    const newest = versions.length > 0 ? Math.max(...versions) : undefined;
    if (newest !== undefined && newest > before.version) return [];
    if (newest !== undefined) return [{ ...base, currentVersion: newest, breaks: [{ kind: 'retyped-field', path: '(root)', detail: 'version went backwards' }] }];
    return [{ ...base, currentVersion: undefined, breaks: removed('saga input') }];
  });
}

/**
 * What the gate refuses: a breaking change to a message (or saga input) whose version was not
 * raised since the published snapshot. Raising the version is the way through: consumers then see a
 * new `schemaVersion` (or definition version) instead of a body they misread.
 */
export function gateViolations(published: SchemaSnapshot, current: SchemaSnapshot): Violation[] {
  return [...compareMessages(published.messages, current.messages), ...compareSagaInputs(published.sagaInputs, current.sagaInputs)];
}

/** A violation as one line: `message ReleaseInventory (v1): newly-required payload.reason`. */
export const violationLine = (v: Violation): string => `${v.what} (v${v.publishedVersion}): ${v.breaks.map((b) => `${b.kind} ${b.path}`).join(', ')}`;
