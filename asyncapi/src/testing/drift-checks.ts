import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildAsyncApiDocument } from '../document.ts';
import { GENERATED_HEADER, renderDocument } from '../serialize.ts';
import { committedText, shown, type AsyncApiCheckOptions } from './check-options.ts';

/** The committed document is the generated one, byte for byte, and reads back as the same data. */
export function describeDriftChecks(options: AsyncApiCheckOptions): void {
  const { regenerateCommand } = options;
  describe(`the committed AsyncAPI document (${shown(options.documentPath)})`, () => {
    it(`is exactly what the system generates now (after a change, run \`${regenerateCommand}\`)`, () => {
      expect(committedText(options), `out of date: run \`${regenerateCommand}\``).toBe(renderDocument(options, regenerateCommand));
    });

    it('says at the top that it is generated and must not be edited', () => {
      expect(committedText(options).split('\n')[0]).toBe(GENERATED_HEADER);
    });

    it('reads back as exactly the generated data, by a YAML 1.2 reader and by a YAML 1.1 one', () => {
      const text = committedText(options);
      const data = JSON.parse(JSON.stringify(buildAsyncApiDocument(options))) as unknown;
      expect(parse(text)).toEqual(data);
      expect(parse(text, { version: '1.1' })).toEqual(data);
    });

    it('comes out the same twice in a row', () => {
      expect(renderDocument(options, regenerateCommand)).toBe(renderDocument(options, regenerateCommand));
    });
  });
}
