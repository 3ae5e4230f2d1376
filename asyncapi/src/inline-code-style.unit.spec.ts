import { describe, expect, it } from 'vitest';
import { withPlainInlineCode } from './inline-code-style.ts';
import { inlineCode, inlineCodeDecoration, literalCodeSpans, renderedPage } from './testing/rendered-html.ts';

/** What the html template renders, in small: its theme's backticks around inline code, and a description. */
const page = [
  '<html><head><style>.aui-root .prose code:after,.aui-root .prose code:before{content:"`"}.aui-root .prose pre code:after,.aui-root .prose pre code:before{content:none}</style></head>',
  '<body><div id="root"><div class="aui-root"><div class="prose"><p>Publish to <code>saga.commands</code>.</p><pre><code>a `fenced` line</code></pre></div></div></div>',
  '<script>const text = "`inlined` data";</script></body></html>',
].join('');

describe('inline code in the rendered page', () => {
  it("shows backticks with the template's theme alone: the reason they appeared", () => {
    expect(inlineCodeDecoration(renderedPage(page))).toEqual({ before: '"`"', after: '"`"' });
  });

  it('shows none once the page has the plain inline code style, the rule placed after the theme', () => {
    const styled = withPlainInlineCode(page);
    expect(inlineCodeDecoration(renderedPage(styled))).toEqual({ before: 'none', after: 'none' });
    expect(styled.indexOf('saga-inline-code')).toBeLessThan(styled.indexOf('</head>'));
  });

  it('finds the inline code elements, and no literal code span in text outside code blocks and scripts', () => {
    const rendered = renderedPage(page);
    expect(inlineCode(rendered)).toEqual(['saga.commands']);
    expect(literalCodeSpans(rendered)).toEqual([]);
  });

  it('does find a code span a template printed as text', () => {
    expect(literalCodeSpans(renderedPage(page.replace('<code>saga.commands</code>', '`saga.commands`')))).toEqual(['p: …`saga.commands`…']);
  });

  it('refuses a page without a head', () => {
    expect(() => withPlainInlineCode('<div></div>')).toThrow('</head>');
  });
});
