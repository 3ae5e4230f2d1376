import { JSDOM, type DomDocument } from 'jsdom';

/**
 * The page the html template rendered on the server, as a browser would build it before running
 * any script: the head with its styles and `#root`, without the inlined bundles (which also carry
 * the document as JSON, backticks and all).
 */
export function renderedPage(html: string): DomDocument {
  const root = html.indexOf('<div id="root">');
  if (root < 0) throw new Error('the page has no #root');
  const end = html.indexOf('<script', root);
  return new JSDOM(`${html.slice(0, end < 0 ? undefined : end)}</body></html>`).window.document;
}

const CODE_SPAN = /`[^`\s][^`]*`/;

/**
 * Text a reader sees with markdown code spans still in it (`` `x-delivery-limit` ``): a description
 * the template printed as text instead of rendering as markdown. Code blocks (`pre`) are left out:
 * a flowchart or a JSON example may hold backticks of its own.
 */
export function literalCodeSpans(page: DomDocument): string[] {
  const found: string[] = [];
  const walker = page.createTreeWalker(page.getElementById('root')!, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('pre, script, style')) continue;
    const match = CODE_SPAN.exec(node.textContent ?? '');
    if (match) found.push(`${node.parentElement?.tagName.toLowerCase()}: …${match[0]}…`);
  }
  return found;
}

/** The text of every inline `<code>` element, outside code blocks. */
export function inlineCode(page: DomDocument): string[] {
  return [...page.querySelectorAll('#root code')].filter((c) => !c.closest('pre')).map((c) => c.textContent ?? '');
}

const normalised = (selector: string) => selector.trim().replace(/(?<!:):(before|after)\b/, '::$1');

/**
 * What the page's stylesheets, in cascade order, finally put before and after an inline code
 * element of a description (`.aui-root .prose code`): `none`, or the text a browser would show.
 * Read from the CSS rules as written, for jsdom computes no pseudo-elements.
 */
export function inlineCodeDecoration(page: DomDocument): { before: string | undefined; after: string | undefined } {
  const result: { before: string | undefined; after: string | undefined } = { before: undefined, after: undefined };
  for (const sheet of page.styleSheets) {
    for (const rule of sheet.cssRules) {
      const content = rule.style?.getPropertyValue('content');
      if (!rule.selectorText || !content) continue;
      const selectors = rule.selectorText.split(',').map(normalised);
      if (selectors.includes('.aui-root .prose code::before')) result.before = content;
      if (selectors.includes('.aui-root .prose code::after')) result.after = content;
    }
  }
  return result;
}
