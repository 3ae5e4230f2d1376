import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { basename, join } from 'node:path';
import { documentVersion, type DocumentSources } from './document.ts';
import { AsyncApiError } from './errors.ts';
import { currentSnapshot, type SchemaSnapshot } from './snapshot.ts';

/** One released document version's schemas, as read from `<dir>/<version>.json`. */
export interface PublishedSnapshot {
  file: string;
  snapshot: SchemaSnapshot;
}

/** `0.10.0` after `0.9.1`: versions compared part by part, as numbers where they are numbers. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const [x = '', y = ''] = [pa[i], pb[i]];
    const diff = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (diff !== 0) return diff;
  }
  return 0;
}

const versionOfFile = (file: string): string => file.replace(/\.json$/, '');

/**
 * Every snapshot in a folder of published ones, oldest first. Each is a released document version
 * some client may still be built against, so the gate checks the contracts against all of them.
 */
export function readPublishedSnapshots(dir: string): PublishedSnapshot[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort((a, b) => compareVersions(versionOfFile(a), versionOfFile(b)))
    .map((file) => ({ file: join(dir, file), snapshot: JSON.parse(readFileSync(join(dir, file), 'utf8')) as SchemaSnapshot }));
}

/** The version a published snapshot was released as: its own field, or its file name for the oldest ones. */
export const publishedVersion = ({ file, snapshot }: PublishedSnapshot): string =>
  snapshot.documentVersion ?? versionOfFile(basename(file));

const same = (a: SchemaSnapshot, b: SchemaSnapshot): boolean =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a.messages)), b.messages) && isDeepStrictEqual(JSON.parse(JSON.stringify(a.sagaInputs)), b.sagaInputs);

/**
 * Records the current schemas as released under the document's version: `<dir>/<version>.json`.
 * A released version is what clients were built against, so it is never rewritten with other
 * schemas: publishing changed schemas needs a new document version. Publishing the same ones again
 * changes nothing.
 */
export function publishSnapshot(sources: DocumentSources, dir: string): { path: string; written: boolean } {
  const version = documentVersion(sources);
  const path = join(dir, `${version}.json`);
  const snapshot: SchemaSnapshot & { $comment: string } = {
    $comment: `The message schemas released as document version ${version}. Written by the @saga/asyncapi CLI (publish); the breaking-change gate compares the contracts against every file here.`,
    documentVersion: version,
    ...currentSnapshot(sources.contracts ?? sources.system.messageList, [...sources.sagas]),
  };
  if (existsSync(path)) {
    if (same(snapshot, JSON.parse(readFileSync(path, 'utf8')) as SchemaSnapshot)) return { path, written: false };
    throw new AsyncApiError('ERR_ASYNCAPI_PUBLISHED', `${path}: version ${version} is already published with other schemas; raise the document version, then publish`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, `${JSON.stringify(snapshot, null, 2)}\n`);
  return { path, written: true };
}
