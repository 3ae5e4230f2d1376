import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Runs in the page. The AsyncAPI component renders ```mermaid blocks as code and re-renders the page
 * after load, so each block is replaced by its diagram whenever one appears. A block that does not
 * parse stays as code (marked, so it is not tried again).
 */
const DRAW_DIAGRAMS = `(() => {
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
  let count = 0;
  const draw = () => {
    for (const code of document.querySelectorAll('pre > code.language-mermaid:not([data-mermaid])')) {
      code.dataset.mermaid = 'drawing';
      const pre = code.parentElement;
      const diagram = document.createElement('div');
      diagram.className = 'mermaid-diagram';
      pre.replaceWith(diagram);
      mermaid.render('mermaid-diagram-' + count++, code.textContent).then(
        ({ svg }) => { diagram.innerHTML = svg; },
        (error) => { code.dataset.mermaid = 'failed'; diagram.replaceWith(pre); console.error(error); },
      );
    }
  };
  new MutationObserver(draw).observe(document.body, { childList: true, subtree: true });
  draw();
})();`;

/**
 * Adds Mermaid (its standalone bundle, from the mermaid package) to a rendered page so that the saga
 * flowcharts in the descriptions show as diagrams, offline: the script is inlined, nothing is fetched.
 */
export function withMermaid(html: string): string {
  const end = html.lastIndexOf('</body>');
  if (end < 0) throw new Error('the page has no </body>');
  // An inline script ends at the first "</script"; the bundle has none today, and this keeps it so.
  const bundle = readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8').replaceAll('</script', '<\\/script');
  return `${html.slice(0, end)}<script>${bundle}</script>\n<script>${DRAW_DIAGRAMS}</script>\n${html.slice(end)}`;
}
