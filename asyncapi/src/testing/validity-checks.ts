import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from './parsed-document.ts';

/** The official parser (and its Spectral rules) reads the committed document without a complaint. */
export function describeValidityChecks(parsed: () => Promise<ParsedDocument>): void {
  describe('the committed AsyncAPI document, read by @asyncapi/parser', () => {
    it('parses with no error diagnostics, as AsyncAPI 3.0.0', async () => {
      const { document, errors } = await parsed();
      expect(errors).toEqual([]);
      expect(document?.version()).toBe('3.0.0');
    });

    it('parses with no warnings either', async () => {
      expect((await parsed()).warnings).toEqual([]);
    });
  });
}
