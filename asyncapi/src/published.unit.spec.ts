import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineSystem } from '@saga/contracts';
import { bookshop, checkout, checkoutV2 } from '../test/bookshop-system.ts';
import { compareVersions, publishedVersion, publishSnapshot, readPublishedSnapshots } from './published.ts';

const work = mkdtempSync(join(tmpdir(), 'saga-asyncapi-published-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const sources = { system: bookshop, sagas: [checkout, checkoutV2], version: '1.0.0' };

describe('publishing a snapshot', () => {
  it('writes the current schemas as <version>.json, once', () => {
    const dir = join(work, 'once');
    expect(publishSnapshot(sources, dir)).toEqual({ path: join(dir, '1.0.0.json'), written: true });
    expect(JSON.parse(readFileSync(join(dir, '1.0.0.json'), 'utf8'))).toMatchObject({ documentVersion: '1.0.0', sagaInputs: { 'checkout@1': { version: 1 } } });
    expect(publishSnapshot(sources, dir).written).toBe(false);
  });

  it('refuses to rewrite a released version with other schemas: raise the version first', () => {
    const dir = join(work, 'rewrite');
    publishSnapshot(sources, dir);
    const { Reserve, Reserved } = bookshop.messages;
    const smaller = defineSystem({ name: 'bookshop', participants: ['stock'], messages: { Reserve, Reserved } });
    expect(() => publishSnapshot({ ...sources, system: smaller, sagas: [] }, dir)).toThrow(expect.objectContaining({ code: 'ERR_ASYNCAPI_PUBLISHED' }));
    expect(publishSnapshot({ ...sources, system: smaller, sagas: [], version: '2.0.0' }, dir).written).toBe(true);
  });
});

describe('the published snapshots', () => {
  it('are read oldest first, by version and not by text', () => {
    const dir = join(work, 'read');
    for (const version of ['0.10.0', '0.9.1', '0.2.0']) publishSnapshot({ ...sources, version }, dir);
    writeFileSync(join(dir, 'notes.txt'), 'not a snapshot');
    expect(readPublishedSnapshots(dir).map(publishedVersion)).toEqual(['0.2.0', '0.9.1', '0.10.0']);
  });

  it('are none where the folder does not exist yet', () => {
    expect(readPublishedSnapshots(join(work, 'nowhere'))).toEqual([]);
  });

  it('take their version from the file name when they predate the field', () => {
    expect(publishedVersion({ file: '/x/0.1.0.json', snapshot: { messages: {}, sagaInputs: {} } })).toBe('0.1.0');
  });
});

describe('version order', () => {
  it('compares part by part, numerically', () => {
    expect(compareVersions('0.10.0', '0.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(compareVersions('1.2', '1.2.1')).toBeLessThan(0);
  });
});
