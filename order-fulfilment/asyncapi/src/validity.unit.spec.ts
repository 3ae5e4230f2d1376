import { readFileSync } from 'node:fs';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH } from './serialize.ts';

describe('the committed AsyncAPI document, read by @asyncapi/parser', () => {
  it('parses with no error diagnostics', async () => {
    const { document, diagnostics } = await new Parser().parse(readFileSync(GENERATED_PATH, 'utf8'));
    const errors = diagnostics
      .filter((d) => d.severity === DiagnosticSeverity.Error)
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('parses with no warnings either', async () => {
    const { diagnostics } = await new Parser().parse(readFileSync(GENERATED_PATH, 'utf8'));
    const warnings = diagnostics
      .filter((d) => d.severity === DiagnosticSeverity.Warning)
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(warnings).toEqual([]);
  });
});
