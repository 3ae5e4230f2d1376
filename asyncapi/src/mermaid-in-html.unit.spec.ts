import { describe, expect, it } from 'vitest';
import { withMermaid } from './mermaid-in-html.ts';

describe('withMermaid', () => {
  const page = '<html><body><div id="root"><pre><code class="language-mermaid">flowchart TD</code></pre></div></body></html>';

  it('inlines the Mermaid bundle and the drawing script just before </body>, leaving the page otherwise as it was', () => {
    const drawn = withMermaid(page);
    expect(drawn.startsWith('<html><body><div id="root">')).toBe(true);
    expect(drawn.endsWith('</body></html>')).toBe(true);
    expect(drawn).toContain('globalThis["mermaid"]');
    expect(drawn).toContain("mermaid.render('mermaid-diagram-'");
  });

  it('loads nothing from elsewhere', () => {
    expect(withMermaid(page)).not.toMatch(/<script[^>]*\bsrc=/);
  });

  it('refuses a page without a body to add to', () => {
    expect(() => withMermaid('<div></div>')).toThrow('</body>');
  });
});
