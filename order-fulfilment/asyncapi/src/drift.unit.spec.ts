import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildAsyncApiDocument } from './document.ts';
import { GENERATED_PATH, renderDocument } from './serialize.ts';

describe('the committed AsyncAPI document', () => {
  it('is exactly what the contracts generate now (after changing them, run `node asyncapi/src/generate.ts`)', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(renderDocument());
  });

  it('says at the top that it is generated and must not be edited', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8').split('\n')[0]).toBe('# GENERATED FILE - DO NOT EDIT.');
  });

  it('reads back as exactly the generated data, by a YAML 1.2 reader and by a YAML 1.1 one', () => {
    const text = readFileSync(GENERATED_PATH, 'utf8');
    const data = JSON.parse(JSON.stringify(buildAsyncApiDocument())) as unknown;
    expect(parse(text)).toEqual(data);
    expect(parse(text, { version: '1.1' })).toEqual(data);
  });

  it('comes out the same twice in a row', () => {
    expect(renderDocument()).toBe(renderDocument());
  });
});
