/**
 * The html template styles descriptions with Tailwind Typography, whose `prose` theme puts a literal
 * backtick before and after every inline `<code>` (`.aui-root .prose code:before { content: "`" }`):
 * the markdown is rendered, and the page then shows `x-delivery-limit` with its backticks anyway.
 * This rule, the same selectors placed after the template's stylesheet, takes them away and marks
 * code with a tint instead. Code blocks (`pre code`) have no backticks in the theme and keep their look.
 */
export const INLINE_CODE_CSS = [
  '.aui-root .prose code::before, .aui-root .prose code::after { content: none; }',
  '.aui-root .prose :not(pre) > code { background-color: #edf2f7; border-radius: 0.25rem; padding: 0.1em 0.3em; }',
].join('\n');

/** Adds INLINE_CODE_CSS at the end of the page's head, after the template's own styles. */
export function withPlainInlineCode(html: string): string {
  const end = html.indexOf('</head>');
  if (end < 0) throw new Error('the page has no </head>');
  return `${html.slice(0, end)}<style id="saga-inline-code">\n${INLINE_CODE_CSS}\n</style>\n${html.slice(end)}`;
}
